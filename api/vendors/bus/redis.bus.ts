import { Redis } from 'ioredis';
import type { Logger } from '../../logger';
import { type MessageBus, noBus } from './message-bus';

/** Channel names are prefixed so one Redis can serve several deployments (or other tools). */
const PREFIX = 'jetway:';
/** Reconnect attempts back off to this (ioredis retries for ever; the database poll covers the gap). */
const MAX_RECONNECT_MS = 2_000;

/**
 * Redis pub/sub as the bus between instances (REDIS_URL). Two connections: subscribing takes one over.
 * Redis is optional: while it is away, `live` is false, publishes are dropped at once (no offline queue,
 * so nothing piles up in memory) and readers poll the database; ioredis reconnects and resubscribes.
 */
export class RedisBus implements MessageBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<(message: string) => void>>();
  private down = false;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    const options = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (attempt: number) => Math.min(100 * attempt, MAX_RECONNECT_MS),
    };
    this.pub = new Redis(url, options);
    this.sub = new Redis(url, { ...options, enableOfflineQueue: true }); // (re)subscribes once connected
    for (const conn of [this.pub, this.sub]) {
      conn.on('error', (err: Error) => this.wentDown(err));
      conn.on('ready', () => this.cameBack());
    }
    this.sub.on('message', (channel: string, message: string) => {
      for (const h of this.handlers.get(channel) ?? []) h(message);
    });
  }

  get live(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  publish(channel: string, message: string): void {
    if (this.pub.status !== 'ready') return;
    this.pub.publish(PREFIX + channel, message).catch((err: unknown) => this.wentDown(err));
  }

  subscribe(channel: string, handler: (message: string) => void): () => void {
    const name = PREFIX + channel;
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
      this.sub.subscribe(name).catch((err: unknown) => this.wentDown(err));
    }
    set.add(handler);
    return () => {
      const current = this.handlers.get(name);
      if (!current?.delete(handler) || current.size > 0) return;
      this.handlers.delete(name);
      if (this.sub.status === 'ready') this.sub.unsubscribe(name).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.pub.disconnect();
    this.sub.disconnect();
  }

  /** Logged once per outage, not once per failed reconnect. */
  private wentDown(err: unknown): void {
    if (this.down) return;
    this.down = true;
    this.log.warn('Redis is unavailable; chat delivery between instances falls back to database polling', { err });
  }

  private cameBack(): void {
    if (!this.down || !this.live) return;
    this.down = false;
    this.log.info('Redis is back; chat delivery between instances uses it again');
  }
}

/** The bus for REDIS_URL, or the built-in none. */
export function openMessageBus(redisUrl: string | undefined, log: Logger): MessageBus {
  return redisUrl ? new RedisBus(redisUrl, log) : noBus;
}
