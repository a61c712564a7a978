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

export interface CpuSample {
  /** CPU ms used by the app processes (together) and the database server during the run. */
  appCpuMs: number | null;
  dbCpuMs: number | null;
  /** 1-minute load average at the end of the run (other work on the machine skews latencies). */
  loadAvg: number;
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

export async function withCpu<T>(appPids: number[], dbPid: number | undefined, fn: () => Promise<T>): Promise<T & CpuSample> {
  const app0 = total(appPids);
  const db0 = dbPid === undefined ? null : total([dbPid]);
  const result = await fn();
  const app1 = total(appPids);
  const db1 = dbPid === undefined ? null : total([dbPid]);
  return {
    ...result,
    appCpuMs: app0 === null || app1 === null ? null : app1 - app0,
    dbCpuMs: db0 === null || db1 === null ? null : db1 - db0,
    loadAvg: loadavg()[0]!,
  };
}
