import { EntitySchema } from 'typeorm';

/** The Slack channel (see migration 1764000700000): requests already handled, so Slack's retries run once. */

export interface SlackEventRow {
  /** "event:<event_id>" for Events API deliveries, "action:<…>" for interactive payloads. */
  eventKey: string;
  receivedAt: Date;
}

export const SlackEventEntity = new EntitySchema<SlackEventRow>({
  name: 'SlackEvent',
  tableName: 'slack_events',
  columns: {
    eventKey: { name: 'event_key', type: 'varchar', length: 191, primary: true },
    receivedAt: { name: 'received_at', type: 'datetime', precision: 3 },
  },
});

/** The Slack channel's entities (in the bot's list, ../../entities.ts). */
export const SLACK_ENTITIES = [SlackEventEntity];
