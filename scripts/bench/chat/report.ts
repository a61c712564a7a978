import type { BucketStat, ScopeStats } from './probes';
import type { PhaseResult, Summary } from './run';
import { STEP_LABELS, STEPS } from './traveller';

export interface ChatDbReport {
  database: 'sqlite' | 'mysql';
  where: string;
  server: string;
  flights: number;
  phases: PhaseResult[];
  /** Held bookings in the database after the run, and the SQL integrity check. */
  heldBookings: number;
  overbookedSeats: number;
}

export interface ChatBenchReport {
  startedAt: string;
  quick: boolean;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  settings: {
    conversations: number;
    thinkMs: number;
    durationSec: number;
    warmupSec: number;
    ops: number | null;
    days: number;
    poolSize: number;
    probes: boolean;
    cpuProf: boolean;
  };
  databases: ChatDbReport[];
}

const TARGET_P95_MS = 50;
const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)) : '–');
const num = (v: number) =>
  !Number.isFinite(v) ? '–' : v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1);
const label = (k: 'sqlite' | 'mysql') => (k === 'mysql' ? 'MySQL' : 'SQLite');
const perOp = (cpu: number | null, r: PhaseResult) => (cpu === null || r.ops === 0 ? '–' : (cpu / r.ops).toFixed(2));
const WORKLOAD = { healthz: 'GET /healthz', typing: 'POST typing activity', chat: 'chat turn' } as const;

export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

function errors(r: PhaseResult): string {
  const e = Object.entries(r.errors);
  return e.length ? e.map(([k, v]) => `${v}× ${k}`).join(', ') : '0';
}

/** Message turns only (not the welcome's conversationUpdate), all steps together. */
export function messageTurns(p: PhaseResult): ScopeStats | undefined {
  if (!p.probes) return undefined;
  const all: ScopeStats = { count: 0, totalMs: 0, topMs: 0, samples: [], buckets: {}, sql: {} };
  const merge = (into: Record<string, BucketStat>, from: Record<string, BucketStat>) => {
    for (const [k, v] of Object.entries(from)) {
      const b = (into[k] ??= { calls: 0, ms: 0 });
      b.calls += v.calls;
      b.ms += v.ms;
    }
  };
  for (const [step, s] of Object.entries(p.probes.turns)) {
    if (step === 'conversationUpdate') continue;
    all.count += s.count;
    all.totalMs += s.totalMs;
    all.topMs += s.topMs;
    all.samples.push(...s.samples);
    merge(all.buckets, s.buckets);
    merge(all.sql, s.sql);
  }
  return all;
}

const sqlCalls = (s: ScopeStats) => Object.values(s.sql).reduce((a, b) => a + b.calls, 0);
const sqlMs = (s: ScopeStats) => Object.values(s.sql).reduce((a, b) => a + b.ms, 0);

function phase(
  d: ChatDbReport,
  workload: PhaseResult['workload'],
  pacing: PhaseResult['pacing'],
): PhaseResult | undefined {
  return d.phases.find((p) => p.workload === workload && p.pacing === pacing);
}

/** The results as Markdown (pasteable into the README). */
export function markdown(r: ChatBenchReport): string {
  const out: string[] = [];
  const m = r.machine;
  const s = r.settings;
  out.push(
    `Measured ${r.startedAt.slice(0, 10)} on ${m.cpus} CPU` +
      `${m.cpus === 1 ? '' : 's'} (${m.cpuModel}), ` +
      `${m.memoryGb} GB RAM, Node ${m.node}. ` +
      (`The app is main.ts in a child process (offline recognizer, workers ` +
        `on); the load generator (this process, real HTTP keep-alive + one ` +
        `WebSocket per conversation) `) +
      (`and the database run on the same machine. ` +
        `${s.conversations} concurrent conversations, each a closed loop; **paced**: a think time of ` +
        `${s.thinkMs} ms ±50% `) +
      (`between the bot's answer and the next message; **flat-out**: no think time. ` +
        `${s.ops ? `${s.ops} operations` : `${s.durationSec} s`} per measurement after a ` +
        `${s.warmupSec} s warm-up. `) +
      ('A turn is timed from sending the POST of the message to the arrival ' +
        "of the bot's last reply of that turn on the WebSocket (or the POST's " +
        'answer, when later).') +
      (s.probes ? ' Server-side timing probes were on (a few µs per call).' : '') +
      (s.cpuProf ? ' **The chat phases ran under the CPU profiler (slower).**' : '') +
      (r.quick ? ' **Quick run (--quick): fewer conversations, shorter runs.**' : ''),
  );
  const others = r.databases.flatMap((d) => d.phases.map((p) => p.otherCpuPct)).filter((x): x is number => x !== null);
  if (others.length && Math.max(...others) >= 10)
    out.push(
      `\n> Unrelated processes used up to ` +
        `${Math.round(Math.max(...others))}% of the machine's CPU during the measurements, ` +
        'so latencies and rates are pessimistic; ' +
        'the CPU ms per operation columns do not depend on that.',
    );
  out.push('');
  const rows: string[][] = [];
  for (const d of r.databases)
    for (const pacing of ['paced', 'flat-out'] as const) {
      const hz = phase(d, 'healthz', pacing);
      const ty = phase(d, 'typing', pacing);
      for (const p of d.phases.filter((x) => x.pacing === pacing))
        rows.push([
          `${label(d.database)} · ${WORKLOAD[p.workload]}`,
          pacing,
          num(p.rate),
          ms(p.latency.p50),
          ms(p.latency.p95),
          ms(p.latency.p99),
          ms(p.latency.max),
          hz && p !== hz ? `${(p.latency.p95 / hz.latency.p95).toFixed(1)}×` : '1×',
          ty && p.workload === 'chat' ? `${(p.latency.p95 / ty.latency.p95).toFixed(1)}×` : '–',
          perOp(p.appCpuMs, p),
          p.appCpuMs === null ? '–' : `${Math.round(p.appCpuMs / (p.seconds * 10))}%`,
          d.database === 'mysql' ? perOp(p.dbCpuMs, p) : '–',
          errors(p),
        ]);
    }
  out.push(
    table(
      [
        'DB · operation',
        'pacing',
        'ops/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'p95 vs healthz',
        'p95 vs typing',
        'app CPU ms/op',
        'app CPU % of a core',
        'DB CPU ms/op',
        'errors',
      ],
      rows,
    ),
  );

  out.push('');
  const stepPacing = r.databases.some((d) => phase(d, 'chat', 'paced')) ? 'paced' : 'flat-out';
  out.push(
    `**Chat turns by step** (${stepPacing}; latency as above; server = JetwayBot.run in the app, from the probes):`,
  );
  out.push('');
  const stepRows: string[][] = [];
  for (const d of r.databases) {
    const p = phase(d, 'chat', stepPacing);
    if (!p?.chat) continue;
    for (const step of STEPS) {
      const x = p.chat.steps[step];
      if (!x) continue;
      const server = p.probes?.turns[step];
      stepRows.push([
        `${label(d.database)} · ${STEP_LABELS[step]}`,
        String(x.n),
        ms(x.p50),
        ms(x.p95),
        ms(x.p99),
        x.replies.toFixed(1),
        x.replyKb.toFixed(1),
        server ? ms(server.totalMs / server.count) : '–',
        server ? (sqlCalls(server) / server.count).toFixed(1) : '–',
      ]);
    }
    const o = p.chat.open;
    stepRows.push([
      `${label(d.database)} · (open: token + conversation + stream + welcome)`,
      String(o.n),
      ms(o.p50),
      ms(o.p95),
      ms(o.p99),
      '1.0',
      '–',
      p.probes?.turns.conversationUpdate
        ? ms(p.probes.turns.conversationUpdate.totalMs / p.probes.turns.conversationUpdate.count)
        : '–',
      p.probes?.turns.conversationUpdate
        ? (sqlCalls(p.probes.turns.conversationUpdate) / p.probes.turns.conversationUpdate.count).toFixed(1)
        : '–',
    ]);
  }
  out.push(
    table(
      [
        'DB · step',
        'turns',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'replies/turn',
        'reply KB/turn',
        'server turn ms (mean)',
        'SQL statements/turn',
      ],
      stepRows,
    ),
  );

  if (r.databases.some((d) => d.phases.some((p) => p.probes))) {
    out.push('');
    out.push(
      "**Where a message turn's time goes** (server side, mean wall ms per " +
        'message turn; the parts do not overlap except the indented detail; ' +
        ('"dialogs & rest" is the turn minus its parts: dialog logic, ' +
          'botbuilder, card building between the awaits; under load every part ' +
          'also includes waiting for the event loop):'),
    );
    out.push('');
    const head = ['part'];
    const cols: { d: ChatDbReport; p: PhaseResult; t: ScopeStats }[] = [];
    for (const d of r.databases)
      for (const pacing of ['paced', 'flat-out'] as const) {
        const p = phase(d, 'chat', pacing);
        const t = p && messageTurns(p);
        if (!p || !t || !t.count) continue;
        cols.push({ d, p, t });
        head.push(`${label(d.database)} ${pacing} calls`, `${label(d.database)} ${pacing} ms`);
      }
    const parts = new Set<string>();
    for (const c of cols) for (const k of Object.keys(c.t.buckets)) parts.add(k);
    const nested = new Set([
      'activity append (transaction)',
      'SQL statements (incl. pool wait)',
      'conversation ensure',
      'turn (bot + adapter), awaited',
    ]);
    const order = [...parts]
      .filter((k) => !nested.has(k))
      .sort((a, b) => (cols[0]?.t.buckets[b]?.ms ?? 0) - (cols[0]?.t.buckets[a]?.ms ?? 0));
    const rowsB: string[][] = [];
    const cell = (c: (typeof cols)[number], k: string) => {
      const b = c.t.buckets[k];
      return b ? [(b.calls / c.t.count).toFixed(1), ms(b.ms / c.t.count)] : ['–', '–'];
    };
    rowsB.push(['**whole turn** (JetwayBot.run)', ...cols.flatMap((c) => ['1', `**${ms(c.t.totalMs / c.t.count)}**`])]);
    for (const k of order) {
      rowsB.push([k, ...cols.flatMap((c) => cell(c, k))]);
      if (k === 'send replies (render + append)')
        rowsB.push([
          '  of which activity append (transaction)',
          ...cols.flatMap((c) => cell(c, 'activity append (transaction)')),
        ]);
    }
    rowsB.push(['dialogs & rest', ...cols.flatMap((c) => ['', ms((c.t.totalMs - c.t.topMs) / c.t.count)])]);
    rowsB.push([
      '  SQL statements in the turn (incl. pool wait)',
      ...cols.flatMap((c) => [(sqlCalls(c.t) / c.t.count).toFixed(1), ms(sqlMs(c.t) / c.t.count)]),
    ]);
    rowsB.push([
      'POST /activities outside the turn (auth, ensure, user activity append, HTTP)',
      ...cols.flatMap((c) => {
        const po = c.p.probes!.posts;
        const inner = po.buckets['turn (bot + adapter), awaited']?.ms ?? 0;
        return [
          (sqlCalls(po) / Math.max(1, po.count)).toFixed(1) + ' SQL',
          ms((po.totalMs - inner) / Math.max(1, po.count)),
        ];
      }),
    ]);
    out.push(table(head, rowsB));

    const first = cols.find((c) => c.p.pacing === 'paced') ?? cols[0];
    if (first) {
      out.push('');
      out.push(
        `**SQL per message turn** (${label(first.d.database)}, ` +
          `${first.p.pacing}; statements in the turn, then the POST around it):`,
      );
      out.push('');
      const po = first.p.probes!.posts;
      const sqlRows = [
        ...Object.entries(first.t.sql)
          .sort((a, b) => b[1].calls - a[1].calls)
          .map(([k, v]) => [`turn: ${k}`, (v.calls / first.t.count).toFixed(2), ms(v.ms / first.t.count)]),
        ...Object.entries(po.sql)
          .sort((a, b) => b[1].calls - a[1].calls)
          .map(([k, v]) => [
            `POST: ${k}`,
            (v.calls / Math.max(1, po.count)).toFixed(2),
            ms(v.ms / Math.max(1, po.count)),
          ]),
      ];
      out.push(table(['statement', 'per turn', 'ms per turn'], sqlRows));
    }
  }

  for (const d of r.databases)
    for (const p of d.phases.filter((x) => x.profile)) {
      const prof = p.profile!;
      out.push('');
      out.push(
        `**CPU profile, ${label(d.database)} ${WORKLOAD[p.workload]} ` +
          `${p.pacing}** (` +
          `${prof.seconds.toFixed(0)} s; shares of the sampled busy time: ` +
          'self time by package/folder, the hottest functions, and project functions by inclusive time):',
      );
      out.push('');
      const n = Math.max(prof.categories.length, prof.selfTop.length, prof.inclusiveTop.length);
      const rowsP: string[][] = [];
      const c = (l: { name: string; pct: number } | undefined) => (l ? [l.name, `${l.pct.toFixed(1)}%`] : ['', '']);
      for (let i = 0; i < Math.min(n, 15); i++)
        rowsP.push([...c(prof.categories[i]), ...c(prof.selfTop[i]), ...c(prof.inclusiveTop[i])]);
      out.push(
        table(['package / folder (self)', '%', 'function (self)', '%', 'project function (inclusive)', '%'], rowsP),
      );
    }

  out.push('');
  for (const d of r.databases) {
    const notes: string[] = [];
    for (const p of d.phases.filter((x) => x.chat)) {
      const c = p.chat!;
      const el = p.probes?.eventLoop;
      notes.push(
        `${p.pacing}: ` +
          `${c.conversationsStarted} conversations started, ` +
          `${c.completed} completed (${c.held} with a seat hold), ` +
          `${c.derailed} derailed` +
          (c.derailSamples.length ? ` (${c.derailSamples.join('; ')})` : '') +
          (`; p50/p95: first reply ${ms(c.firstReply.p50)}/` +
            `${ms(c.firstReply.p95)} ms, last reply ` +
            `${ms(c.lastReply.p50)}/` +
            `${ms(c.lastReply.p95)} ms, POST answered ${ms(c.post.p50)}/` +
            `${ms(c.post.p95)} ms; `) +
          (`last reply after the POST's answer in ` +
            `${c.replyAfterPost} turns, ` +
            `${c.stragglers} replies after their turn was counted`) +
          (el
            ? `; app event-loop delay p99 ${ms(el.p99)} ms (max ` +
              `${ms(el.max)}), GC ` +
              `${(p.probes!.gcMs / p.probes!.seconds / 10).toFixed(1)}% of the time`
            : ''),
      );
    }
    out.push(
      `${label(d.database)} (${d.server}, ${d.flights.toLocaleString('en-US')} flights): ${notes.join('. ')}. ` +
        `After the run: ${d.heldBookings} held bookings, overbooked seats ${d.overbookedSeats}.`,
    );
    out.push('');
  }
  return out.join('\n').trimEnd();
}

export interface Verdict {
  ok: boolean;
  lines: string[];
}

export function verdict(r: ChatBenchReport): Verdict {
  const lines: string[] = [];
  let ok = true;
  for (const d of r.databases) {
    for (const p of d.phases.filter((x) => x.workload === 'chat')) {
      const pass = p.latency.p95 <= TARGET_P95_MS;
      lines.push(
        `${pass ? 'PASS' : 'MISS'}  ` +
          `${label(d.database)}: chat turn p95 ` +
          `${ms(p.latency.p95)} ms at ` +
          `${p.conversations} conversations, ${p.pacing} (target ≤ ` +
          `${TARGET_P95_MS} ms)`,
      );
    }
    const errorsSeen = d.phases.some((p) => Object.keys(p.errors).length > 0);
    if (errorsSeen) {
      ok = false;
      lines.push(`FAIL  ${label(d.database)}: errors during the measurements (see the errors column)`);
    }
    if (d.overbookedSeats > 0) {
      ok = false;
      lines.push(`FAIL  ${label(d.database)}: ${d.overbookedSeats} overbooked seats after the run`);
    }
  }
  return { ok, lines };
}

export type { Summary };
