/**
 * One measured phase of the chat benchmark: `conversations` virtual users against the app, each in a
 * closed loop (the next request only after the previous answer, plus the think time), a warm-up, then
 * the measured window (a duration, or a number of operations).
 *
 * - chat: each user runs scripted booking conversations one after another (traveller.ts); an
 *   operation is one turn: POST of the message → the bot's last reply of the turn on the WebSocket.
 * - healthz: GET /healthz (the HTTP stack alone).
 * - typing: POST …/activities with a typing activity on the user's own conversation (Direct Line's
 *   auth, conversation check and answer, without a bot turn).
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { type CpuSample, waitForQuiet, withCpu } from '../cpu';
import { percentile } from '../load';
import { type ChatApp, probeReport, resetProbes, startProfile, stopProfile } from './app';
import { DirectLineConversation, httpJson } from './directline-client';
import type { ProbeReport } from './probes';
import { type ProfileSummary, summariseProfile } from './profile';
import { rng, type Say, type Step, Traveller } from './traveller';

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarise(values: number[]): Summary {
  const v = [...values].sort((a, b) => a - b);
  return {
    n: v.length,
    mean: v.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN,
    p50: percentile(v, 50),
    p95: percentile(v, 95),
    p99: percentile(v, 99),
    max: v[v.length - 1] ?? Number.NaN,
  };
}

export type Workload = 'healthz' | 'typing' | 'chat';
export type Pacing = 'paced' | 'flat-out';

export interface PhaseSpec {
  workload: Workload;
  pacing: Pacing;
  /** Mean pause between an answer and the next request (uniform ±50%); 0 = none. */
  thinkMs: number;
  conversations: number;
  warmupSec: number;
  durationSec: number;
  /** End the window after this many operations instead (duration is then a 600 s cap). */
  ops?: number;
}

export interface ChatOutcome {
  /** POST sent → its answer. */
  post: Summary;
  /** POST sent → the first reply on the stream. */
  firstReply: Summary;
  /** POST sent → the last reply on the stream. */
  lastReply: Summary;
  steps: Partial<Record<Step, Summary & { replies: number; replyKb: number }>>;
  /** Token + conversation + stream + welcome (not a turn; not in the turn figures). */
  open: Summary;
  conversationsStarted: number;
  completed: number;
  held: number;
  derailed: number;
  derailSamples: string[];
  /** Turns whose last reply reached the stream after the POST's answer (the latency then ends there). */
  replyAfterPost: number;
  /** Replies that arrived after their turn had been counted as finished (should be 0). */
  stragglers: number;
}

export interface PhaseResult extends CpuSample {
  workload: Workload;
  pacing: Pacing;
  thinkMs: number;
  conversations: number;
  seconds: number;
  ops: number;
  rate: number;
  latency: Summary;
  errors: Record<string, number>;
  chat?: ChatOutcome;
  probes?: ProbeReport;
  profile?: ProfileSummary;
  /** App CPU ms per op less what the app spends idle over as long (see RunContext.idleCpuMsPerSec). */
  appCpuMsNetOfIdle?: number;
}

export interface RunContext {
  app: ChatApp;
  dbPid: number | undefined;
  /** Access tokens of the bench users, one per virtual user. */
  tokens: string[];
  today: string;
  days: number;
  seed: number;
  probes: boolean;
  /** Directory for CPU profiles of the chat phases, or null. */
  cpuProfDir: string | null;
  label: string;
  trace: boolean;
  /** Before each phase, wait up to this many seconds for other processes to leave the machine mostly idle. */
  waitQuietSec: number;
  /** The app's CPU ms per second with no traffic (workers, timers), measured after start; subtracted per op. */
  idleCpuMsPerSec?: number;
  log: (msg: string) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Opens `n` conversations, `parallel` at a time. */
async function openMany(
  url: string,
  agent: Agent,
  tokens: string[],
  n: number,
  parallel = 20,
): Promise<DirectLineConversation[]> {
  const out: DirectLineConversation[] = new Array<DirectLineConversation>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, n) }, async () => {
      for (let i = next++; i < n; i = next++) {
        const c = new DirectLineConversation(url, agent, tokens[i % tokens.length]!, 'Bench');
        await c.open();
        out[i] = c;
      }
    }),
  );
  return out;
}

export async function runPhase(ctx: RunContext, spec: PhaseSpec): Promise<PhaseResult> {
  if (ctx.waitQuietSec > 0) {
    const busy = await waitForQuiet(ctx.waitQuietSec);
    if (busy !== null && busy >= 25)
      ctx.log(
        `  (the machine is still ${Math.round(busy)}% busy after waiting ${ctx.waitQuietSec} s; measuring anyway)`,
      );
  }
  const url = ctx.app.url;
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const n = spec.conversations;
  let state: 'warmup' | 'window' | 'stopped' = 'warmup';
  const stopped = () => state === 'stopped';
  let windowStart = Number.POSITIVE_INFINITY;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const fail = (what: string) => {
    if (state === 'window') errors[what] = (errors[what] ?? 0) + 1;
  };
  let endWindow: () => void = () => undefined;
  const windowOver = new Promise<void>((r) => (endWindow = r));
  const record = (t0: number, ms: number): boolean => {
    if (state !== 'window' || t0 < windowStart) return false;
    latencies.push(ms);
    if (spec.ops && latencies.length >= spec.ops) endWindow();
    return true;
  };
  const think = async (rnd: () => number) => {
    if (spec.thinkMs > 0) await sleep(spec.thinkMs * (0.5 + rnd()));
  };

  // Chat bookkeeping.
  const post: number[] = [];
  const firstReply: number[] = [];
  const lastReply: number[] = [];
  const open: number[] = [];
  const steps: Partial<Record<Step, { ms: number[]; replies: number; bytes: number }>> = {};
  const outcome = {
    conversationsStarted: 0,
    completed: 0,
    held: 0,
    derailed: 0,
    derailSamples: [] as string[],
    replyAfterPost: 0,
    stragglers: 0,
  };
  let traced = false;

  const conversations = spec.workload === 'typing' ? await openMany(url, agent, ctx.tokens, n) : [];

  const vu = async (i: number): Promise<void> => {
    const rnd = rng(ctx.seed * 7919 + i * 104_729 + (spec.pacing === 'paced' ? 1 : 2));
    if (spec.thinkMs > 0) await sleep(rnd() * spec.thinkMs);
    if (spec.workload === 'healthz' || spec.workload === 'typing') {
      while (!stopped()) {
        const t0 = performance.now();
        const r =
          spec.workload === 'healthz'
            ? await httpJson(agent, url, 'GET', '/healthz')
            : await conversations[i]!.typing();
        if (r.status === 200) record(t0, r.ms);
        else fail(`${spec.workload} ` + `${r.status || errorMessageOf(r.body) || 'network error'}`);
        await think(rnd);
      }
      return;
    }
    for (let k = 0; !stopped(); k++) {
      const conv = new DirectLineConversation(url, agent, ctx.tokens[i % ctx.tokens.length]!, 'Bench');
      const t0 = performance.now();
      let welcome;
      try {
        welcome = await conv.open();
      } catch (err) {
        fail(`open: ${err instanceof Error ? err.message.slice(0, 80) : String(err)}`);
        conv.close();
        await sleep(200);
        continue;
      }
      if (state === 'window' && t0 >= windowStart) {
        outcome.conversationsStarted++;
        open.push(performance.now() - t0);
      }
      if (!welcome) {
        fail('no welcome on the stream');
        conv.close();
        continue;
      }
      const trace = ctx.trace && !traced && i === 0;
      if (trace) ctx.log(`  [trace] bot: ${(welcome.text ?? '').replace(/\s+/g, ' ').slice(0, 200)}`);
      const traveller = new Traveller(rng(ctx.seed * 31 + i * 1_000_003 + k), ctx.today, ctx.days);
      let next: Say = traveller.first();
      while (!stopped()) {
        await think(rnd);
        if (stopped()) break;
        const started = performance.now();
        const t = await conv.say(next.text, next.step);
        const counted = !t.error && record(started, t.ms);
        if (counted) {
          post.push(t.postMs);
          firstReply.push(t.firstReplyMs);
          lastReply.push(t.lastReplyMs);
          const s = (steps[next.step] ??= { ms: [], replies: 0, bytes: 0 });
          s.ms.push(t.ms);
          s.replies += t.replies.length;
          s.bytes += t.replyBytes;
          if (t.replyAfterPost) outcome.replyAfterPost++;
        }
        if (trace) {
          ctx.log(`  [trace] you (${next.step}): ${next.text}`);
          for (const r of t.replies) ctx.log(`  [trace] bot: ${(r.text ?? '').replace(/\s+/g, ' ').slice(0, 200)}`);
          ctx.log(
            `  [trace]   ${t.ms.toFixed(1)} ms (POST answered after ` +
              `${t.postMs.toFixed(1)} ms, first reply ` +
              `${t.firstReplyMs.toFixed(1)} ms)`,
          );
        }
        if (t.error) {
          fail(`turn: ${t.error}`);
          break;
        }
        const decision = traveller.next(t.replies);
        if ('say' in decision) {
          next = decision.say;
          continue;
        }
        if (state === 'window') {
          if ('done' in decision) {
            outcome.completed++;
            if (decision.held) outcome.held++;
          } else {
            outcome.derailed++;
            const sample = `${next.step} "${next.text}" → ${decision.derailed}`;
            if (outcome.derailSamples.length < 5 && !outcome.derailSamples.includes(sample))
              outcome.derailSamples.push(sample);
          }
        }
        break;
      }
      if (trace) traced = true;
      outcome.stragglers += conv.stragglers;
      conv.close();
    }
  };

  const label = `${ctx.label} ${spec.workload} (${spec.pacing})`;
  const users = Array.from({ length: n }, (_, i) => vu(i));
  await sleep(spec.warmupSec * 1000);
  const profiling = ctx.cpuProfDir !== null;
  if (ctx.probes) await resetProbes(ctx.app);
  if (profiling) await startProfile(ctx.app);
  const selfCpu = process.cpuUsage();
  const measured = await withCpu([ctx.app.pid], ctx.dbPid, async () => {
    windowStart = performance.now();
    state = 'window';
    const timer = setTimeout(endWindow, (spec.ops ? 600 : spec.durationSec) * 1000);
    await windowOver;
    clearTimeout(timer);
    const seconds = (performance.now() - windowStart) / 1000;
    state = 'stopped';
    return { seconds };
  });
  const self = process.cpuUsage(selfCpu);
  const probes = ctx.probes ? await probeReport(ctx.app) : undefined;
  let profile: ProfileSummary | undefined;
  if (profiling) {
    const file =
      `${ctx.cpuProfDir}/${ctx.label.toLowerCase()}-` + `${spec.workload}-${spec.pacing}-${Date.now()}.cpuprofile`;
    await stopProfile(ctx.app, file);
    profile = summariseProfile(file);
  }
  await Promise.all(users);
  for (const c of conversations) c.close();
  agent.destroy();

  const result: PhaseResult = {
    workload: spec.workload,
    pacing: spec.pacing,
    thinkMs: spec.thinkMs,
    conversations: n,
    seconds: measured.seconds,
    ops: latencies.length,
    rate: latencies.length / measured.seconds,
    latency: summarise(latencies),
    errors,
    appCpuMs: measured.appCpuMs,
    loadGenCpuMs: (self.user + self.system) / 1000,
    dbCpuMs: measured.dbCpuMs,
    otherCpuPct: measured.otherCpuPct,
    loadAvg: measured.loadAvg,
    ...(probes ? { probes } : {}),
    ...(profile ? { profile } : {}),
  };
  if (ctx.idleCpuMsPerSec !== undefined && result.appCpuMs !== null && result.ops)
    result.appCpuMsNetOfIdle = (result.appCpuMs - ctx.idleCpuMsPerSec * result.seconds) / result.ops;
  if (spec.workload === 'chat')
    result.chat = {
      post: summarise(post),
      firstReply: summarise(firstReply),
      lastReply: summarise(lastReply),
      steps: Object.fromEntries(
        Object.entries(steps).map(([k, v]) => [
          k,
          {
            ...summarise(v.ms),
            replies: v.replies / Math.max(1, v.ms.length),
            replyKb: v.bytes / 1024 / Math.max(1, v.ms.length),
          },
        ]),
      ),
      open: summarise(open),
      ...outcome,
    };
  const l = result.latency;
  const errs = Object.entries(errors).map(([k, v]) => `${v}× ${k}`);
  ctx.log(
    `  ${label.padEnd(34)} ${result.rate.toFixed(1)} ops/s, p50 ` +
      `${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms, p99 ` +
      `${l.p99.toFixed(1)} ms` +
      (result.appCpuMs !== null && result.ops
        ? `, app CPU ` +
          `${(result.appCpuMs / result.ops).toFixed(2)} ms/op (` +
          `${Math.round(result.appCpuMs / (result.seconds * 10))}% of a core` +
          (result.appCpuMsNetOfIdle !== undefined ? `; ${result.appCpuMsNetOfIdle.toFixed(2)} ms/op net of idle` : '') +
          ')'
        : '') +
      `, load generator ${Math.round(result.loadGenCpuMs / (result.seconds * 10))}%` +
      (result.dbCpuMs !== null && result.ops ? `, mysqld ${(result.dbCpuMs / result.ops).toFixed(2)} ms/op` : '') +
      (result.otherCpuPct !== null ? `, other processes ${Math.round(result.otherCpuPct)}% of the machine` : '') +
      (result.chat
        ? `; ` +
          `${result.chat.conversationsStarted} conversations started, ` +
          `${result.chat.held} reached the hold, ` +
          `${result.chat.derailed} derailed`
        : '') +
      (errs.length ? `; errors: ${errs.join(', ')}` : ''),
  );
  return result;
}

/** The message of an API error body, if the body is one. */
function errorMessageOf(body: unknown): string | undefined {
  return (body as { error?: { message?: string } } | undefined)?.error?.message;
}
