/**
 * Messages between the instances of one deployment (fire and forget, no history): what one instance
 * appended to a chat reaches the sockets another instance holds at once, instead of at its next database
 * poll. Losing a message is harmless by design: every reader also polls the database, which stays the
 * source of truth; the bus only makes delivery fast.
 */
export interface MessageBus {
  /** Whether messages are flowing now (readers poll the database often while they are not). */
  readonly live: boolean;
  /** Sends `message` to every subscriber of `channel` on any instance, this one included; never throws. */
  publish(channel: string, message: string): void;
  /** Hears `channel` until the returned function is called. */
  subscribe(channel: string, handler: (message: string) => void): () => void;
  close(): Promise<void>;
}

/** The built-in default (no REDIS_URL): no bus, so each instance finds other instances' work by polling. */
export const noBus: MessageBus = {
  live: false,
  publish: () => undefined,
  subscribe: () => () => undefined,
  close: async () => undefined,
};
