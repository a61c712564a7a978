import type { CpuSample } from './cpu';
import type { RaceResult } from './instances';
import type { LoadResult } from './load';
import type { Integrity } from './setup';

export type Measured = LoadResult & CpuSample;

export interface HoldRun extends Measured {
  instances: number;
  poolSize: number;
}

export interface DbReport {
  database: 'sqlite' | 'mysql';
  where: string;
  server: string;
  flights: number;
  seedSeconds: number;
  seatPool: { flights: number; seatRows: number; seconds: number };
  routes: { nonstop: string[]; connecting: string[] };
  /** Absent in a --holds-only run. */
  search?: { healthz: Measured; nonstop: Measured; connecting: Measured; flex: Measured };
  /** Average offers in one response per workload (checked before measuring). */
  offers?: { nonstop: number; connecting: number; flex: number };
  holds: HoldRun[];
  races: RaceResult[];
  integrity: Integrity;
  /**
   * 201s the load generator saw over the whole run (warm-ups, holds, races); requests still in flight when a timed run
   * ends are not seen.
   */
  holdsAccepted: number;
}

export interface BenchReport {
  startedAt: string;
  quick: boolean;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  settings: {
    flights: number;
    days: number;
    durationSec: number;
    searchConnections: number;
    holdConnections: number;
    instances: number;
    poolSize: number;
    raceRequests: number;
  };
  databases: DbReport[];
}

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)) : '–');
const num = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1));
const failures = (r: LoadResult) => {
  const n = Object.values(r.failures).reduce((s, x) => s + x, 0) + r.errors + r.timeouts;
  return n === 0
    ? '0'
    : `${n} (${Object.entries(r.failures)
        .map(([k, v]) => `${v}×${k}`)
        .concat(r.errors ? [`${r.errors} errors`] : [], r.timeouts ? [`${r.timeouts} timeouts`] : [])
        .join(', ')})`;
};
const perReq = (cpu: number | null, r: LoadResult) =>
  cpu === null || r.requests === 0 ? '–' : (cpu / r.requests).toFixed(2);
const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v)}%`);
const label = (k: 'sqlite' | 'mysql') => (k === 'mysql' ? 'MySQL' : 'SQLite');

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** The results as Markdown tables (readable in a terminal, pasteable into the README). */
export function markdown(r: BenchReport): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `Measured ${r.startedAt.slice(0, 10)} on ${m.cpus} CPU` +
      `${m.cpus === 1 ? '' : 's'} (${m.cpuModel}), ` +
      `${m.memoryGb} GB RAM, Node ${m.node}; ` +
      (`load generator, app instance(s) and database on the same machine. ` +
        `${r.settings.durationSec} s per measurement after a warm-up.`) +
      (r.quick ? ' **Quick run (--quick): smaller inventory and shorter runs.**' : ''),
  );
  const others = r.databases
    .flatMap((d) => [...Object.values(d.search ?? {}), ...d.holds])
    .map((x) => x.otherCpuPct)
    .filter((x): x is number => x !== null);
  if (others.length && Math.max(...others) >= 10)
    out.push(
      `\n> Unrelated processes used ` +
        `${Math.round(Math.min(...others))}–` +
        `${Math.round(Math.max(...others))}% of the machine's CPU during the measurements ` +
        ('(column "other CPU %"), so latencies and rates are pessimistic; the ' +
          'CPU ms per request columns do not depend on that.'),
    );
  const searched = r.databases.filter((d) => d.search && d.offers);
  if (searched.length) {
    out.push('');
    out.push(
      `**Search** (` +
        `${r.settings.searchConnections} connections, one app instance, dates rotated over 60 days, routes rotated):`,
    );
    out.push('');
  }
  const searchRows: string[][] = [];
  for (const d of searched) {
    const search = d.search!;
    const offers = d.offers!;
    const h = search.healthz;
    const row = (name: string, x: Measured, offers?: number) => [
      `${label(d.database)} · ${name}`,
      num(x.rps),
      ms(x.p50),
      ms(x.p95),
      ms(x.p99),
      x === h ? '1×' : `${(x.p95 / h.p95).toFixed(1)}×`,
      x === h ? '100%' : `${((x.rps / h.rps) * 100).toFixed(1)}%`,
      offers === undefined ? '–' : offers.toFixed(1),
      perReq(x.appCpuMs, x),
      ...(d.database === 'mysql' ? [perReq(x.dbCpuMs, x)] : ['–']),
      pct(x.otherCpuPct),
      failures(x),
    ];
    searchRows.push(
      row('GET /healthz', h),
      row('(a) nonstop, 1 date', search.nonstop, offers.nonstop),
      row('(b) connecting, 1 date', search.connecting, offers.connecting),
      row('(c) flexDays=3', search.flex, offers.flex),
    );
  }
  if (searched.length)
    out.push(
      table(
        [
          'DB · query',
          'req/s',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'p95 vs healthz',
          'req/s vs healthz',
          'offers/resp',
          'app CPU ms/req',
          'DB CPU ms/req',
          'other CPU %',
          'non-2xx',
        ],
        searchRows,
      ),
    );
  out.push('');
  out.push(
    '**Seat holds** (`POST /api/v1/bookings`, one passenger with an ' +
      'explicit seat, distinct seats over many flights, many users):',
  );
  out.push('');
  const holdRows: string[][] = [];
  for (const d of r.databases)
    for (const h of d.holds)
      holdRows.push([
        `${label(d.database)} · ${h.instances} instance${h.instances === 1 ? '' : 's'}`,
        String(h.connections),
        num(h.rps),
        ms(h.p50),
        ms(h.p95),
        ms(h.p99),
        String(h.ok),
        perReq(h.appCpuMs, h),
        d.database === 'mysql' ? perReq(h.dbCpuMs, h) : '–',
        perReq(h.loadGenCpuMs, h),
        pct(h.otherCpuPct),
        failures(h),
      ]);
  out.push(
    table(
      [
        'DB · app processes',
        'connections',
        'holds/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'holds',
        'app CPU ms/hold',
        'DB CPU ms/hold',
        'load gen CPU ms/hold',
        'other CPU %',
        'non-2xx',
      ],
      holdRows,
    ),
  );
  out.push('');
  out.push(
    '**Hot-seat race and integrity** (simultaneous requests for one seat; SQL checks over every seat after the run):',
  );
  out.push('');
  const raceRows: string[][] = [];
  for (const d of r.databases)
    for (const x of d.races)
      raceRows.push([
        `${label(d.database)} · ${x.instances} instance${x.instances === 1 ? '' : 's'}`,
        String(x.requests),
        String(x.winners),
        String(x.seatUnavailable),
        Object.keys(x.other).length
          ? Object.entries(x.other)
              .map(([k, v]) => `${v}×${k}`)
              .join(', ')
          : '0',
        String(d.integrity.overbookedSeats),
        `${d.integrity.takenSeats} / ${d.integrity.heldBookings}`,
      ]);
  out.push(
    table(
      [
        'DB · app processes',
        'requests',
        'winners',
        '409 seat_unavailable',
        'other',
        'overbooked seats',
        'seats taken / held bookings',
      ],
      raceRows,
    ),
  );
  out.push('');
  out.push(
    r.databases
      .map(
        (d) =>
          `${label(d.database)} (${d.server}): ` +
          `${d.flights.toLocaleString('en-US')} flights seeded in ` +
          `${d.seedSeconds.toFixed(1)} s; ` +
          (`${d.seatPool.seatRows.toLocaleString('en-US')} seat rows on ` +
            `${d.seatPool.flights} flights created up front in ` +
            `${d.seatPool.seconds.toFixed(1)} s. `) +
          `Nonstop routes ${d.routes.nonstop.join(', ')}; connecting ${d.routes.connecting.join(', ')}.`,
      )
      .join('\n\n'),
  );
  return out.join('\n');
}

export interface Verdict {
  ok: boolean;
  lines: string[];
}

/** Targets (performance: reported) and invariants (correctness: fail the run). */
export function verdict(r: BenchReport): Verdict {
  const lines: string[] = [];
  let ok = true;
  const mark = (pass: boolean) => (pass ? 'PASS' : 'MISS');
  for (const d of r.databases) {
    const L = label(d.database);
    if (d.search)
      lines.push(
        `${mark(d.search.nonstop.p95 <= 20)}  ` +
          `${L}: single-date search p95 ` +
          `${ms(d.search.nonstop.p95)} ms (target ≤ 20 ms)`,
      );
    if (d.database === 'mysql') {
      const best = d.holds.reduce((a, b) => (b.rps > a.rps ? b : a), d.holds[0]!);
      lines.push(
        `${mark(best.rps >= 1000)}  ${L}: ` +
          `${num(best.rps)} holds/s with ${best.instances} app process` +
          `${best.instances === 1 ? '' : 'es'} (target ≥ 1,000)`,
      );
    }
    for (const x of d.races) {
      const fine = x.winners === 1 && Object.keys(x.other).length === 0;
      ok &&= fine;
      lines.push(
        `${fine ? 'PASS' : 'FAIL'}  ${L}: hot seat, ` +
          `${x.requests} requests over ${x.instances} instance(s): ` +
          `${x.winners} winner(s)`,
      );
    }
    const i = d.integrity;
    // Every booking holds one passenger on one flight, so seats taken must equal held bookings; the
    // load generator saw at most that many 201s (answers in flight when a timed run stops go unseen).
    const clean =
      i.overbookedSeats === 0 &&
      i.unseatedPassengers === 0 &&
      i.mismatchedClaims === 0 &&
      i.takenSeats === i.heldBookings &&
      d.holdsAccepted <= i.heldBookings;
    ok &&= clean;
    lines.push(
      `${clean ? 'PASS' : 'FAIL'}  ${L}: overbooked seats: ` +
        `${i.overbookedSeats} (cabins over capacity ` +
        `${i.overCapacityCabins}, passengers seated twice ` +
        `${i.passengersSeatedTwice}, ` +
        (`duplicate seat rows ` +
          `${i.duplicateSeatRows}); unseated passengers ` +
          `${i.unseatedPassengers}; mismatched claims ` +
          `${i.mismatchedClaims}; `) +
        (`${i.takenSeats} seats taken by ` +
          `${i.heldBookings} held bookings (` +
          `${d.holdsAccepted} 201s seen by the load generator)`),
    );
    const fiveXX = [...Object.values(d.search ?? {}), ...d.holds].some(
      (x) => Object.keys(x.failures).some((k) => Number(k) >= 500) || x.errors > 0,
    );
    if (fiveXX) {
      ok = false;
      lines.push(`FAIL  ${L}: server errors (5xx or connection errors) during the load runs`);
    }
  }
  return { ok, lines };
}
