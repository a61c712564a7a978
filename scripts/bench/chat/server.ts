/**
 * The app process of the chat benchmark: main.ts itself (config → database → services → bot runtime →
 * HTTP + Direct Line WebSocket → workers), started by scripts/bench/chat-bench.ts with PORT and the
 * database in the environment. Before main.ts loads it may install the timing probes (BENCH_PROBES=1),
 * and it answers the parent's CPU-profile requests over IPC (node:inspector, only while asked, so
 * the profile covers a measured phase and nothing else). Exits with the parent.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { installProbes } from './probes';

interface ProfileStart {
  type: 'profile-start';
  intervalUs: number;
}
interface ProfileStop {
  type: 'profile-stop';
  file: string;
}

let session: Session | undefined;

function post<T = unknown>(s: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    s.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))),
  );
}

const heapProfile = () =>
  ['1', 'survivors'].includes(process.env.BENCH_HEAP_PROFILE ?? '') ? process.env.BENCH_HEAP_PROFILE : null;

async function onMessage(msg: ProfileStart | ProfileStop | { type?: string }): Promise<void> {
  if (msg?.type === 'profile-start') {
    session = new Session();
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: (msg as ProfileStart).intervalUs });
    await post(session, 'Profiler.start');
    // BENCH_HEAP_PROFILE=1: also sample allocations, those collected since included (what makes the GC work).
    // BENCH_HEAP_PROFILE=survivors: only those no young-generation collection freed, i.e. what the scavenger copied
    // and promoted (objects held across a turn's awaits while a hundred turns are in flight).
    if (heapProfile())
      await post(session, 'HeapProfiler.startSampling', {
        samplingInterval: 32_768,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: heapProfile() === '1',
      });
    process.send?.({ type: 'profile-started' });
  } else if (msg?.type === 'profile-stop' && session) {
    const { profile } = await post<{ profile: object }>(session, 'Profiler.stop');
    writeFileSync((msg as ProfileStop).file, JSON.stringify(profile));
    if (heapProfile()) {
      const heap = await post<{ profile: object }>(session, 'HeapProfiler.stopSampling');
      writeFileSync((msg as ProfileStop).file.replace(/\.cpuprofile$/, '.heapprofile'), JSON.stringify(heap.profile));
    }
    session.disconnect();
    session = undefined;
    process.send?.({ type: 'profile-stopped', file: (msg as ProfileStop).file });
  }
}

async function start(): Promise<void> {
  if (process.env.BENCH_PROBES === '1') installProbes();
  process.on('message', (msg: { type?: string }) => {
    onMessage(msg).catch((err: unknown) => process.send?.({ type: 'profile-error', message: String(err) }));
  });
  // Die with the parent: main.ts's own SIGTERM handler closes the server and the database.
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  await import('../../../main');
}

void start();
