import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Activity } from 'botbuilder';
import { WebSocket, WebSocketServer } from 'ws';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../api/logger';
import { type MessageBus, noBus } from '../../api/vendors/bus/message-bus';
import type { ConversationStore, StoredActivity } from './conversation-store.repository';

export interface StreamHubOptions {
  /** How often other instances' writes are looked for in the database. Default 300 ms. */
  pollMs?: number;
  /**
   * Carries appended activities and typing indicators between instances (Redis when REDIS_URL is set).
   * While it is live the database poll runs only every `livePollMs`, as a safety net.
   */
  bus?: MessageBus;
  /** Database poll interval while the bus is live. Default 2 s. */
  livePollMs?: number;
  /** Empty keep-alive message and WebSocket ping interval; a socket that misses a pong is dropped. Default 20 s. */
  heartbeatMs?: number;
  /** Open sockets allowed per conversation in this instance. Default 20. */
  maxSocketsPerConversation?: number;
  /** Activities per stream message while catching up. Default 100. */
  pageSize?: number;
}

interface Subscriber {
  ws: WebSocket;
  conversationId: string;
  /** Sequence number of the last activity this socket has been sent. */
  watermark: number;
  busy: boolean;
  dirty: boolean;
  alive: boolean;
}

/** What instances tell each other about a conversation: an appended activity, or an ephemeral one (typing). */
type BusNote =
  | { from: string; kind: 'appended'; seq: number; activity: Partial<Activity> }
  | { from: string; kind: 'ephemeral'; activity: Partial<Activity> };

const channelOf = (conversationId: string) => `dl:${conversationId}`;

/** Sockets hold at most this much unsent data before they are given up on. */
const MAX_BUFFERED = 4 * 1024 * 1024;

/**
 * Direct Line WebSocket streams of this instance. A new socket is first sent everything after its
 * watermark, then each new activity, one per message as `{ activities: [activity], watermark }`. Activities written in
 * this process
 * arrive through the store's events at once; those written by other instances arrive through the bus
 * (Redis pub/sub, when configured) and are in any case found by a poll of the conversations' last
 * sequence numbers (one query for all open conversations): every 300 ms without a live bus, every 2 s with.
 */
export class StreamHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  private readonly subs = new Map<string, Set<Subscriber>>();
  private readonly pollTimer: NodeJS.Timeout;
  private readonly heartbeatTimer: NodeJS.Timeout;
  private readonly pageSize: number;
  private readonly maxPerConversation: number;
  private polling = false;
  private closed = false;
  private lastPollAt = Date.now();
  private readonly bus: MessageBus;
  private readonly livePollMs: number;
  /** This hub's id on the bus, so it ignores its own notes (its sockets had them from the store). */
  private readonly origin = randomUUID();
  private readonly unsubscribe = new Map<string, () => void>();

  constructor(
    private readonly store: ConversationStore,
    private readonly log: Logger,
    opts: StreamHubOptions = {},
  ) {
    this.pageSize = opts.pageSize ?? 100;
    this.maxPerConversation = opts.maxSocketsPerConversation ?? 20;
    this.bus = opts.bus ?? noBus;
    this.livePollMs = opts.livePollMs ?? 2_000;
    store.on('appended', this.onAppended);
    store.on('ephemeral', this.onEphemeral);
    this.pollTimer = setInterval(() => void this.poll(), opts.pollMs ?? 300);
    this.pollTimer.unref();
    this.heartbeatTimer = setInterval(() => this.heartbeat(), opts.heartbeatMs ?? 20_000);
    this.heartbeatTimer.unref();
  }

  /** Number of open sockets (all conversations). */
  get size(): number {
    let n = 0;
    for (const set of this.subs.values()) n += set.size;
    return n;
  }

  /** Completes the WebSocket handshake of an authorised stream request and starts streaming. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, conversationId: string, watermark: number): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.subscribe(ws, conversationId, watermark));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pollTimer);
    clearInterval(this.heartbeatTimer);
    this.store.off('appended', this.onAppended);
    this.store.off('ephemeral', this.onEphemeral);
    for (const off of this.unsubscribe.values()) off();
    this.unsubscribe.clear();
    for (const set of this.subs.values()) for (const sub of set) sub.ws.close(1001, 'server shutting down');
    this.subs.clear();
    this.wss.close();
  }

  private subscribe(ws: WebSocket, conversationId: string, watermark: number): void {
    const set = this.subs.get(conversationId) ?? new Set<Subscriber>();
    if (this.closed || set.size >= this.maxPerConversation) {
      ws.close(1013, this.closed ? 'server shutting down' : 'too many connections');
      return;
    }
    const sub: Subscriber = { ws, conversationId, watermark, busy: false, dirty: false, alive: true };
    set.add(sub);
    this.subs.set(conversationId, set);
    if (!this.unsubscribe.has(conversationId))
      this.unsubscribe.set(
        conversationId,
        this.bus.subscribe(channelOf(conversationId), (note) => this.heard(conversationId, note)),
      );
    const drop = () => {
      set.delete(sub);
      if (set.size === 0 && this.subs.get(conversationId) === set) {
        this.subs.delete(conversationId);
        this.unsubscribe.get(conversationId)?.();
        this.unsubscribe.delete(conversationId);
      }
    };
    // Clients send empty messages as keep-alives; nothing else is expected from them.
    ws.on('message', () => (sub.alive = true));
    ws.on('pong', () => (sub.alive = true));
    ws.on('close', drop);
    ws.on('error', () => {
      drop();
      ws.terminate();
    });
    void this.pump(sub);
  }

  private readonly onAppended = (conversationId: string, stored: StoredActivity): void => {
    this.tell(conversationId, { from: this.origin, kind: 'appended', seq: stored.seq, activity: stored.activity });
    this.deliver(conversationId, stored);
  };

  private readonly onEphemeral = (conversationId: string, activity: Partial<Activity>): void => {
    this.tell(conversationId, { from: this.origin, kind: 'ephemeral', activity });
    this.sendEphemeral(conversationId, activity);
  };

  private tell(conversationId: string, note: BusNote): void {
    if (this.bus.live) this.bus.publish(channelOf(conversationId), JSON.stringify(note));
  }

  /** A note from another instance about a conversation with sockets here. */
  private heard(conversationId: string, text: string): void {
    let note: BusNote;
    try {
      note = JSON.parse(text) as BusNote;
    } catch {
      return;
    }
    if (note.from === this.origin) return;
    if (note.kind === 'ephemeral') this.sendEphemeral(conversationId, note.activity);
    else if (Number.isInteger(note.seq)) this.deliver(conversationId, { seq: note.seq, activity: note.activity });
  }

  /** The next activity goes straight out; after a gap, the socket catches up from the database. */
  private deliver(conversationId: string, stored: StoredActivity): void {
    for (const sub of this.subs.get(conversationId) ?? []) {
      if (!sub.busy && stored.seq === sub.watermark + 1) {
        sub.watermark = stored.seq;
        this.send(sub, { activities: [stored.activity], watermark: String(stored.seq) });
      } else if (stored.seq > sub.watermark) void this.pump(sub);
    }
  }

  private sendEphemeral(conversationId: string, activity: Partial<Activity>): void {
    for (const sub of this.subs.get(conversationId) ?? []) this.send(sub, { activities: [activity] });
  }

  /** Sends everything after the socket's watermark, page by page, until it has caught up. */
  private async pump(sub: Subscriber): Promise<void> {
    if (sub.busy) {
      sub.dirty = true;
      return;
    }
    sub.busy = true;
    try {
      do {
        sub.dirty = false;
        for (;;) {
          if (sub.ws.readyState !== WebSocket.OPEN) return;
          const page = await this.store.after(sub.conversationId, sub.watermark, this.pageSize);
          if (page.length === 0 || sub.ws.readyState !== WebSocket.OPEN) break;
          // One activity per message: the client emits a message's activities on separate ticks, so two
          // multi-activity messages arriving together would come out interleaved.
          for (const p of page) {
            sub.watermark = p.seq;
            this.send(sub, { activities: [p.activity], watermark: String(p.seq) });
          }
          if (page.length < this.pageSize) break;
        }
      } while (sub.dirty);
    } catch (err) {
      // The next poll retries from the same watermark.
      if (!this.closed) this.log.warn('directline stream read failed', { err, conversationId: sub.conversationId });
    } finally {
      sub.busy = false;
    }
  }

  /** Looks for activities other instances wrote to the open conversations. */
  private async poll(): Promise<void> {
    if (this.polling || this.closed || this.subs.size === 0) return;
    if (this.bus.live && Date.now() - this.lastPollAt < this.livePollMs) return;
    this.lastPollAt = Date.now();
    this.polling = true;
    try {
      const seqs = await this.store.lastSeqs([...this.subs.keys()]);
      for (const [conversationId, last] of seqs)
        for (const sub of this.subs.get(conversationId) ?? []) if (last > sub.watermark) void this.pump(sub);
    } catch (err) {
      if (!this.closed) this.log.warn('directline stream poll failed', { err });
    } finally {
      this.polling = false;
    }
  }

  private heartbeat(): void {
    for (const set of this.subs.values())
      for (const sub of set) {
        if (!sub.alive) {
          sub.ws.terminate();
          continue;
        }
        if (sub.ws.readyState !== WebSocket.OPEN) continue;
        sub.alive = false;
        sub.ws.ping();
        // Direct Line clients ignore empty messages; they keep proxies from closing an idle socket.
        sub.ws.send('');
      }
  }

  private send(sub: Subscriber, group: { activities: Partial<Activity>[]; watermark?: string }): void {
    if (sub.ws.readyState !== WebSocket.OPEN) return;
    if (sub.ws.bufferedAmount > MAX_BUFFERED) {
      sub.ws.terminate();
      return;
    }
    sub.ws.send(JSON.stringify(group));
  }
}
