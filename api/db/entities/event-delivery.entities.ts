import { EntitySchema } from 'typeorm';

export type EventDeliveryStatus = 'pending' | 'delivered' | 'dead';

/** One subscriber's delivery of one domain event (see migration EventDeliveries1764018200000). */
export interface EventDeliveryRow {
  id: number;
  eventId: number;
  subscriber: string;
  status: EventDeliveryStatus;
  /** Tries started so far (counted when claimed, so a crash mid-delivery counts too). */
  attempts: number;
  /** Due time while pending; while claimed, the end of the claim's lease. */
  nextAttemptAt: Date;
  /** JSON array of the delivery's parts already done. */
  steps: string | null;
  lastError: string | null;
  finishedAt: Date | null;
  createdAt: Date;
}

const when = (name: string, nullable = false) => ({ name, type: 'datetime' as const, precision: 3, nullable });

export const EventDeliveryEntity = new EntitySchema<EventDeliveryRow>({
  name: 'EventDelivery',
  tableName: 'event_deliveries',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    eventId: { name: 'event_id', type: 'int' },
    subscriber: { type: 'varchar', length: 64 },
    status: { type: 'varchar', length: 16, default: 'pending' },
    attempts: { type: 'int', default: 0 },
    nextAttemptAt: when('next_attempt_at'),
    steps: { type: 'text', nullable: true },
    lastError: { name: 'last_error', type: 'varchar', length: 255, nullable: true },
    finishedAt: when('finished_at', true),
    createdAt: { ...when('created_at'), createDate: true },
  },
});
