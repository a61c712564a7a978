import { createServer, type Server } from 'node:http';

/**
 * A local stand-in for the OpenAI API that answers every request after `delayMs` with an error, so a
 * chat turn stays in flight that long (and then falls back to the offline recognizer).
 */
export interface SlowModel {
  baseUrl: string;
  /** Resolves when the first request has arrived (a turn is in flight). */
  firstRequest: Promise<void>;
  requests(): number;
  close(): Promise<void>;
}

export async function startSlowModel(delayMs: number): Promise<SlowModel> {
  let count = 0;
  let arrived!: () => void;
  const firstRequest = new Promise<void>((ok) => (arrived = ok));
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    count++;
    arrived();
    req.resume();
    const timer = setTimeout(() => {
      timers.delete(timer);
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'model unavailable (test stub)', type: 'invalid_request_error' } }));
    }, delayMs);
    timers.add(timer);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    firstRequest,
    requests: () => count,
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    },
  };
}
