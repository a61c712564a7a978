import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * CPU time of processes from /proc (Linux), so results stay interpretable on a busy machine: the CPU
 * milliseconds the app (and MySQL) spend per request do not depend on what else is running.
 */
const TICK_MS = 10; // USER_HZ is 100 on every mainstream Linux build

export function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

export function pidFromFile(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && cpuMsOf(pid) !== undefined ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Busy and total CPU ms of the whole machine so far (first line of /proc/stat). */
export function machineCpuMs(): { busy: number; total: number } | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: (total - f[3]! - f[4]!) * TICK_MS, total: total * TICK_MS };
  } catch {
    return undefined;
  }
}

export interface CpuSample {
  /** CPU ms used by the app processes (together) and the database server during the run. */
  appCpuMs: number | null;
  dbCpuMs: number | null;
  /** CPU ms used by this process (the load generator) during the run: it shares the machine with the app. */
  loadGenCpuMs: number;
  /**
   * Share of the machine's CPU capacity used during the run by processes other than the app, the
   * database and this load generator (other work on the machine inflates latencies), in %.
   */
  otherCpuPct: number | null;
  /** 1-minute load average at the end of the run. */
  loadAvg: number;
}

/** How much of the machine other processes are using right now (sampled over `ms`), in %. */
export async function machineBusyPct(ms = 1000): Promise<number | null> {
  const a = machineCpuMs();
  await new Promise((r) => setTimeout(r, ms));
  const b = machineCpuMs();
  return a && b && b.total > a.total ? ((b.busy - a.busy) / (b.total - a.total)) * 100 : null;
}

/**
 * Waits (up to `maxSec`) until other processes leave most of the machine idle, so that a shared
 * machine's noise does not land in the measurement. Returns the busy % it settled on.
 */
export async function waitForQuiet(maxSec: number, busyBelowPct = 25): Promise<number | null> {
  const until = Date.now() + maxSec * 1000;
  let busy = await machineBusyPct(1000);
  while (busy !== null && busy >= busyBelowPct && Date.now() < until) busy = await machineBusyPct(2000);
  return busy;
}

function total(pids: number[]): number | null {
  let sum = 0;
  for (const pid of pids) {
    const v = cpuMsOf(pid);
    if (v === undefined) return null;
    sum += v;
  }
  return sum;
}

export async function withCpu<T>(
  appPids: number[],
  dbPid: number | undefined,
  fn: () => Promise<T>,
): Promise<T & CpuSample> {
  const app0 = total(appPids);
  const db0 = dbPid === undefined ? null : total([dbPid]);
  const m0 = machineCpuMs();
  const self0 = process.cpuUsage();
  const result = await fn();
  const self = process.cpuUsage(self0);
  const m1 = machineCpuMs();
  const app1 = total(appPids);
  const db1 = dbPid === undefined ? null : total([dbPid]);
  const appCpuMs = app0 === null || app1 === null ? null : app1 - app0;
  const dbCpuMs = db0 === null || db1 === null ? null : db1 - db0;
  let otherCpuPct: number | null = null;
  if (m0 && m1 && m1.total > m0.total && appCpuMs !== null) {
    const ours = appCpuMs + (dbCpuMs ?? 0) + (self.user + self.system) / 1000;
    otherCpuPct = Math.max(0, ((m1.busy - m0.busy - ours) / (m1.total - m0.total)) * 100);
  }
  return {
    ...result,
    appCpuMs,
    dbCpuMs,
    loadGenCpuMs: (self.user + self.system) / 1000,
    otherCpuPct,
    loadAvg: loadavg()[0]!,
  };
}
