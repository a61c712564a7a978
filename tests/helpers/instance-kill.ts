/**
 * An app instance killed with kill -9 under load: two real app processes (main.ts) on one MySQL database
 * (or on two nodes of a cluster) take a stream of seat holds; one is killed with SIGKILL mid-stream. The
 * survivor keeps answering (no 5xx but 503), and every hold answered 201 before or after the kill is in the
 * database with its seats, checked in SQL on every node: a crash loses nothing acknowledged.
 */
import { holdIntegrityProblems } from './galera';
import { type ServerProcess, startServerProcess } from './server-process';

export interface KillUnderLoadSetup {
  /** One DATABASE_URL per process (the same database; on a cluster, two different nodes). */
  databaseUrls: [string, string];
  /** Every node's URL with the database, for the SQL checks (one URL on a single server). */
  checkUrls: string[];
  /** The deployment's signing secret, and an access token signed with it. */
  jwtSecret: string;
  token: string;
  /** Nonstop flights with free economy seats. */
  flightIds: number[];
}

export interface KillUnderLoadResult {
  acknowledgedBeforeKill: number;
  acknowledgedAfterKill: number;
  /** Statuses from the surviving instance (the killed one's requests end in connection errors). */
  survivorStatuses: number[];
  problems: string[];
}

const CLIENTS = 8;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function killInstanceUnderLoad(s: KillUnderLoadSetup): Promise<KillUnderLoadResult> {
  const servers: ServerProcess[] = [];
  try {
    for (const url of s.databaseUrls)
      servers.push(
        await startServerProcess({ DATABASE_URL: url, JWT_SECRET: s.jwtSecret }, { readyTimeoutMs: 120_000 }),
      );
    const [survivor, victim] = servers as [ServerProcess, ServerProcess];
    const acknowledged: string[] = [];
    const survivorStatuses: number[] = [];
    let killed = false;
    let acknowledgedBeforeKill = 0;
    let stop = false;
    const client = async (k: number) => {
      const server = k % 2 ? victim : survivor;
      for (let i = 0; !stop; i++) {
        if (server === victim && killed) return;
        const res = await fetch(`${server.url}/api/v1/bookings`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            flights: [
              { flightId: s.flightIds[(i + k) % s.flightIds.length], cabin: 'economy', fareFamily: 'standard' },
            ],
            passengers: [{ firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10' }],
            contact: { email: 'ada@example.com' },
          }),
        }).catch(() => null); // the killed instance's connections reset: not acknowledged
        if (!res) continue;
        if (server === survivor) survivorStatuses.push(res.status);
        if (res.status === 201) acknowledged.push(((await res.json()) as { pnr: string }).pnr);
        else await res.arrayBuffer();
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, k) => client(k)));
    await wait(2_000);
    acknowledgedBeforeKill = acknowledged.length;
    victim.child.kill('SIGKILL');
    await victim.exited;
    killed = true;
    const atKill = acknowledged.length;
    await wait(2_000);
    stop = true;
    await load;
    const problems: string[] = [];
    for (const url of s.checkUrls) problems.push(...(await holdIntegrityProblems(url, acknowledged)));
    return {
      acknowledgedBeforeKill,
      acknowledgedAfterKill: acknowledged.length - atKill,
      survivorStatuses,
      problems,
    };
  } finally {
    await Promise.all(servers.map((x) => x.stop()));
  }
}

/** The test's expectations, shared by the single-server and the cluster suites. */
export function expectNothingLost(r: KillUnderLoadResult): void {
  expect(r.problems).toEqual([]);
  expect(r.acknowledgedBeforeKill).toBeGreaterThan(0);
  expect(r.acknowledgedAfterKill).toBeGreaterThan(0);
  expect(r.survivorStatuses.filter((x) => x >= 500 && x !== 503)).toEqual([]);
}
