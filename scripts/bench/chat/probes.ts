/**
 * Server-side timing probes for the chat benchmark, installed in the app process (scripts/bench/chat/
 * server.ts) before main.ts loads. They wrap a few prototype methods (no source file is changed) and
 * attribute wall time to the bot turn or Direct Line POST they run in (AsyncLocalStorage):
 *
 * - turn: JetwayBot.run, labelled by the `channelData.benchStep` the load generator sends;
 * - top-level parts of a turn, which do not nest: state read/write, conversation reference, identity,
 *   recognizer, search, seat map, quote, hold, payment link, send (render + activity append);
 *   "dialogs & rest" is the turn minus these, i.e. dialog logic, botbuilder and card work in between;
 * - nested detail: activity append (inside send), SQL statements (with their pool wait) by kind.
 *
 * Also the event loop delay and GC time of the process. Wall times overlap with other turns' CPU work
 * (one event loop), so under load they include queueing; compare the shares at light load.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import type { TurnContext } from 'botbuilder';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import { UserRepository } from '../../../api/repositories/user.repository';
import { BookingService } from '../../../api/services/booking.service';
import { PaymentService } from '../../../api/services/payment.service';
import { SearchService } from '../../../api/services/search.service';
import { SeatMapService } from '../../../api/services/seatmap.service';
import { SupportService } from '../../../api/services/support.service';
import { ConversationRefRepository } from '../../../bot/conversation-refs.repository';
import { ConversationStore } from '../../../bot/directline/conversation-store.repository';
import { DirectLineAdapter } from '../../../bot/directline/directline.adapter';
import { DirectLineService } from '../../../bot/directline/directline.service';
import { JetwayBot } from '../../../bot/jetway-bot';
import { DbStorage } from '../../../bot/storage/db-storage';
import { OfflineRecognizer } from '../../../dialogs/nlu/offline-recognizer';

export interface BucketStat {
  calls: number;
  ms: number;
}

export interface ScopeStats {
  /** Turns (or POSTs) measured. */
  count: number;
  totalMs: number;
  /** Sum of the top-level parts' time (the rest is dialog logic and botbuilder). */
  topMs: number;
  /** Each scope's total, for percentiles (capped). */
  samples: number[];
  buckets: Record<string, BucketStat>;
  sql: Record<string, BucketStat>;
}

export interface ProbeReport {
  type: 'probe-report';
  /** Message turns by the load generator's step label; 'conversationUpdate' for the welcome turns. */
  turns: Record<string, ScopeStats>;
  /** POST …/activities of message activities, outside their turn (auth, ensure, user activity append). */
  posts: ScopeStats;
  /** SQL run outside any turn or POST (workers, token routes, conversation start, typing POSTs). */
  background: Record<string, BucketStat>;
  eventLoop: { p50: number; p99: number; max: number; mean: number };
  gcMs: number;
  gcCount: number;
  seconds: number;
}

interface Scope {
  kind: 'turn' | 'post';
  step: string;
  buckets: Record<string, BucketStat>;
  sql: Record<string, BucketStat>;
  inTop: boolean;
  topMs: number;
}

const MAX_SAMPLES = 200_000;
const als = new AsyncLocalStorage<Scope>();
let turns: Record<string, ScopeStats> = {};
let posts: ScopeStats = emptyStats();
let background: Record<string, BucketStat> = {};
let gcMs = 0;
let gcCount = 0;
let since = performance.now();
const loop = monitorEventLoopDelay({ resolution: 10 });

function emptyStats(): ScopeStats {
  return { count: 0, totalMs: 0, topMs: 0, samples: [], buckets: {}, sql: {} };
}

function add(into: Record<string, BucketStat>, key: string, ms: number, calls = 1): void {
  const b = (into[key] ??= { calls: 0, ms: 0 });
  b.calls += calls;
  b.ms += ms;
}

function fold(into: ScopeStats, scope: Scope, ms: number): void {
  into.count++;
  into.totalMs += ms;
  into.topMs += scope.topMs;
  if (into.samples.length < MAX_SAMPLES) into.samples.push(ms);
  for (const [k, v] of Object.entries(scope.buckets)) add(into.buckets, k, v.ms, v.calls);
  for (const [k, v] of Object.entries(scope.sql)) add(into.sql, k, v.ms, v.calls);
}

type AnyFn = (...args: unknown[]) => unknown;

/** Runs `fn`, calling `done(ms)` when it (or the promise it returns) settles. */
function timed(fn: () => unknown, done: (ms: number) => void): unknown {
  const t0 = performance.now();
  let result: unknown;
  try {
    result = fn();
  } catch (err) {
    done(performance.now() - t0);
    throw err;
  }
  if (result && typeof (result as Promise<unknown>).then === 'function')
    return (result as Promise<unknown>).then(
      (v) => {
        done(performance.now() - t0);
        return v;
      },
      (err: unknown) => {
        done(performance.now() - t0);
        throw err;
      },
    );
  done(performance.now() - t0);
  return result;
}

/** Wraps `proto[method]` so its wall time lands in `bucket` of the current turn or POST. */
function probe(proto: object, method: string, bucket: string, top: boolean): void {
  const target = proto as Record<string, AnyFn>;
  const original = target[method];
  if (typeof original !== 'function') {
    // The code moved on: measure what is still there rather than refuse to run.
    process.stderr.write(`probes: ${method} is not a method any more; not measured\n`);
    return;
  }
  target[method] = function (this: unknown, ...args: unknown[]) {
    const scope = als.getStore();
    if (!scope) return original.apply(this, args);
    const isTop = top && !scope.inTop;
    if (isTop) scope.inTop = true;
    return timed(
      () => original.apply(this, args),
      (ms) => {
        if (isTop) {
          scope.inTop = false;
          scope.topMs += ms;
        }
        add(scope.buckets, bucket, ms);
      },
    );
  };
}

/** "SELECT bot_state", "UPDATE dl_conversations", "START TRANSACTION" … */
export function sqlKind(sql: string): string {
  const s = sql.trimStart();
  const verb =
    /^(SELECT|INSERT|UPDATE|DELETE|START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION|SAVEPOINT|RELEASE)/i
      .exec(s)?.[1]
      ?.toUpperCase() ?? s.slice(0, 12);
  const table = /\b(?:FROM|INTO|UPDATE)\s+[`"]?(\w+)/i.exec(s)?.[1];
  return table && !/TRANSACTION|COMMIT|ROLLBACK|BEGIN/.test(verb) ? `${verb} ${table}` : verb;
}

function probeSql(proto: object): void {
  const target = proto as Record<string, AnyFn>;
  const original = target.query;
  target.query = function (this: unknown, ...args: unknown[]) {
    const kind = sqlKind(String(args[0] ?? ''));
    const scope = als.getStore();
    return timed(
      () => original.apply(this, args),
      (ms) => {
        add(scope ? scope.sql : background, kind, ms);
        if (scope) add(scope.buckets, 'SQL statements (incl. pool wait)', ms);
      },
    );
  };
}

let installed = false;

/** Installs the probes (once) and answers the parent's 'probe-reset' / 'probe-report' messages over IPC. */
export function installProbes(): void {
  if (installed) return;
  installed = true;

  // The scopes: a bot turn, and the POST that carries a message (its turn runs inside and is split off).
  const botRun = JetwayBot.prototype.run;
  JetwayBot.prototype.run = function (this: JetwayBot, ctx: TurnContext) {
    const a = ctx.activity;
    const step =
      a.type === 'message'
        ? String((a.channelData as { benchStep?: unknown } | undefined)?.benchStep ?? 'message')
        : String(a.type);
    const scope: Scope = { kind: 'turn', step, buckets: {}, sql: {}, inTop: false, topMs: 0 };
    return als.run(scope, () =>
      timed(
        () => botRun.call(this, ctx),
        (ms) => fold((turns[step] ??= emptyStats()), scope, ms),
      ),
    ) as Promise<void>;
  };
  const post = DirectLineService.prototype.post;
  DirectLineService.prototype.post = function (
    this: DirectLineService,
    ...args: Parameters<DirectLineService['post']>
  ) {
    const body = args[1] as { type?: unknown } | undefined;
    if (body?.type !== 'message') return post.apply(this, args);
    const scope: Scope = { kind: 'post', step: 'post', buckets: {}, sql: {}, inTop: false, topMs: 0 };
    return als.run(scope, () =>
      timed(
        () => post.apply(this, args),
        (ms) => fold(posts, scope, ms),
      ),
    ) as Promise<string>;
  };
  // The turn runs inside the POST's async context: give it its own scope (JetwayBot.run does), and
  // keep what the adapter does around it (queueing, TurnContext) out of the POST's numbers.
  probe(DirectLineAdapter.prototype, 'processActivity', 'turn (bot + adapter), awaited', false);

  probe(DbStorage.prototype, 'read', 'state read', true);
  probe(DbStorage.prototype, 'write', 'state write', true);
  probe(ConversationRefRepository.prototype, 'save', 'conversation reference save', true);
  probe(ConversationRefRepository.prototype, 'watch', 'booking watch', true);
  probe(UserRepository.prototype, 'findById', 'identity lookup', true);
  probe(OfflineRecognizer.prototype, 'recognize', 'recognizer', true);
  probe(SupportService.prototype, 'active', 'support case check', true);
  probe(SearchService.prototype, 'search', 'flight search', true);
  probe(SeatMapService.prototype, 'seatMap', 'seat map', true);
  probe(BookingService.prototype, 'quote', 'price quote', true);
  probe(BookingService.prototype, 'createHold', 'seat hold (booking)', true);
  probe(PaymentService.prototype, 'createLink', 'payment link', true);
  probe(DirectLineAdapter.prototype, 'sendActivities', 'send replies (render + append)', true);
  probe(ConversationStore.prototype, 'append', 'activity append (transaction)', false);
  probe(ConversationStore.prototype, 'ensure', 'conversation ensure', false);
  probeSql(MysqlQueryRunner.prototype);
  probeSql(BetterSqlite3QueryRunner.prototype);

  loop.enable();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcCount++;
    }
  }).observe({ entryTypes: ['gc'] });

  process.on('message', (msg: { type?: string }) => {
    if (msg?.type === 'probe-reset') {
      turns = {};
      posts = emptyStats();
      background = {};
      gcMs = 0;
      gcCount = 0;
      loop.reset();
      since = performance.now();
      process.send?.({ type: 'probe-reset-done' });
    } else if (msg?.type === 'probe-report') {
      const ns = (v: number) => (Number.isFinite(v) ? v / 1e6 : 0);
      const report: ProbeReport = {
        type: 'probe-report',
        turns,
        posts,
        background,
        eventLoop: {
          p50: ns(loop.percentile(50)),
          p99: ns(loop.percentile(99)),
          max: ns(loop.max),
          mean: ns(loop.mean),
        },
        gcMs,
        gcCount,
        seconds: (performance.now() - since) / 1000,
      };
      process.send?.(report);
    }
  });
}
