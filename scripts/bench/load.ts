import autocannon from 'autocannon';

/** One measured load run: latencies of successful (2xx) responses and counts by status. */
export interface LoadResult {
  label: string;
  durationSec: number;
  connections: number;
  requests: number;
  ok: number;
  /** Status code → count, for everything that was not 2xx. */
  failures: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Successful responses per second. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadSpec {
  label: string;
  /** One or more app instances; connections are split evenly and the runs merged. */
  urls: string[];
  connections: number;
  durationSec: number;
  method?: 'GET' | 'POST';
  /** Called for every request: returns the path, and for POSTs the body and headers. */
  next: () => { path: string; body?: string; headers?: Record<string, string> };
}

/** Exact percentile of a sorted array (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/**
 * Drives the instances with autocannon for a fixed time. autocannon's own histogram has no p95, so
 * every response time is kept and the percentiles are computed exactly.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  let timeouts = 0;
  const started = process.hrtime.bigint();
  const perUrl = spec.urls.map(
    (_url, i) => Math.floor(spec.connections / spec.urls.length) + (i < spec.connections % spec.urls.length ? 1 : 0),
  );
  await Promise.all(
    spec.urls.map(
      (url, i) =>
        new Promise<void>((resolve, reject) => {
          if (perUrl[i]! === 0) return resolve();
          const instance = autocannon(
            {
              url,
              connections: perUrl[i]!,
              duration: spec.durationSec,
              timeout: 30,
              method: spec.method ?? 'GET',
              requests: [
                {
                  setupRequest: (req) => {
                    const n = spec.next();
                    return {
                      ...req,
                      path: n.path,
                      ...(n.body !== undefined ? { body: n.body } : {}),
                      ...(n.headers ? { headers: n.headers } : {}),
                    };
                  },
                },
              ],
            },
            (err: unknown, result: autocannon.Result) => {
              if (err) return reject(err instanceof Error ? err : new Error(String(err)));
              errors += result.errors;
              timeouts += result.timeouts;
              resolve();
            },
          );
          instance.on('response', (_client, status, _bytes, ms) => {
            if (status >= 200 && status < 300) {
              ok++;
              latencies.push(ms);
            } else failures[status] = (failures[status] ?? 0) + 1;
          });
        }),
    ),
  );
  const durationSec = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const failed = Object.values(failures).reduce((s, n) => s + n, 0);
  return {
    label: spec.label,
    durationSec,
    connections: spec.connections,
    requests: ok + failed,
    ok,
    failures,
    errors,
    timeouts,
    rps: ok / durationSec,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
  };
}
