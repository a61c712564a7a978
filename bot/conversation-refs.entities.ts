import { EntitySchema } from 'typeorm';

/** Where the bot can reach travellers later: conversation references, and which conversations follow a booking. */

export interface ConversationRefRow {
  /** "<channelId>:<conversation id>". */
  conversationKey: string;
  channelId: string;
  /** botbuilder ConversationReference, JSON. */
  reference: Record<string, unknown>;
  userId: number | null;
  updatedAt: Date;
}

export interface BookingWatchRow {
  pnr: string;
  conversationKey: string;
  createdAt: Date;
}

export const ConversationRefEntity = new EntitySchema<ConversationRefRow>({
  name: 'ConversationRef',
  tableName: 'conversation_refs',
  columns: {
    conversationKey: { name: 'conversation_key', type: 'varchar', length: 191, primary: true },
    channelId: { name: 'channel_id', type: 'varchar', length: 32 },
    reference: { type: 'simple-json' },
    userId: { name: 'user_id', type: 'int', nullable: true },
    updatedAt: { name: 'updated_at', type: 'datetime', precision: 3, updateDate: true },
  },
});

export const BookingWatchEntity = new EntitySchema<BookingWatchRow>({
  name: 'BookingWatch',
  tableName: 'booking_watches',
  columns: {
    pnr: { type: 'varchar', length: 6, primary: true },
    conversationKey: { name: 'conversation_key', type: 'varchar', length: 191, primary: true },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3, createDate: true },
  },
});
