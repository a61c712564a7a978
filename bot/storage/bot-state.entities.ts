import { EntitySchema } from 'typeorm';

/** botbuilder's conversation and user state, one row per storage key (see migration 1764000200000). */

export interface BotStateRow {
  /** The storage key (hashed when it is too long or could collide, see ./db-storage). */
  key: string;
  /** The item as JSON, without its eTag. */
  data: string;
  etag: string;
  updatedAt: Date;
}

export const BotStateEntity = new EntitySchema<BotStateRow>({
  name: 'BotState',
  tableName: 'bot_state',
  columns: {
    key: { name: 'state_key', type: 'varchar', length: 255, primary: true },
    data: { type: 'text' },
    etag: { type: 'varchar', length: 40 },
    updatedAt: { name: 'updated_at', type: 'datetime', precision: 3 },
  },
});
