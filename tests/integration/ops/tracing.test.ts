import { createServer, type Server } from 'node:http';
import { openConversation, say, type ServerProcess, startServerProcess } from '../../helpers/server-process';

/**
 * OpenTelemetry traces from the real server to a local OTLP/HTTP collector stub (a plain HTTP server in
 * this test that keeps what it receives): with OTEL_EXPORTER_OTLP_ENDPOINT set, HTTP requests, chat
 * turns and SQL statements are spans of one trace, continuing the caller's `traceparent`.
 */
const STARTUP = 60_000;

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: string | number } }[];
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

let collector: Server | undefined;
let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.stop();
  await new Promise((r) => (collector ? collector.close(r) : r(undefined)));
  server = collector = undefined;
});

/** The stub: POST /v1/traces with OTLP JSON, answered 200 as a collector does. */
async function startCollector(received: OtlpExport[], paths: string[]): Promise<string> {
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      paths.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      received.push(JSON.parse(body) as OtlpExport);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => collector!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(collector.address() as { port: number }).port}`;
}

const attr = (s: OtlpSpan, key: string) => {
  const v = s.attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue !== undefined ? Number(v.intValue) : undefined);
};

it(
  'sends spans for HTTP requests, chat turns and SQL to the OTLP endpoint, in the caller’s trace',
  async () => {
    const received: OtlpExport[] = [];
    const paths: string[] = [];
    const endpoint = await startCollector(received, paths);
    server = await startServerProcess({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'jetway-test' });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const health = await fetch(`${server.url}/healthz`, { headers: { traceparent: `00-${traceId}-${callerSpan}-01` } });
    expect(health.status).toBe(200);
    const conversation = await openConversation(server.url);
    expect((await say(server.url, conversation, 'flights from London to Paris tomorrow')).status).toBe(200);
    server.child.kill('SIGTERM'); // shutdown flushes the spans still buffered
    expect(await server.exited).toBe(0);

    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.startsWith('POST /v1/traces application/json'))).toBe(true);
    const service = received[0]!.resourceSpans[0]!.resource.attributes.find((a) => a.key === 'service.name');
    expect(service?.value.stringValue).toBe('jetway-test');
    const spans = received.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    const byId = new Map(spans.map((s) => [s.spanId, s]));

    // The HTTP request continues the caller's trace and is named by route.
    const healthz = spans.find((s) => s.name === 'GET /healthz')!;
    expect(healthz).toMatchObject({ traceId, parentSpanId: callerSpan, kind: 2 }); // SERVER
    expect(attr(healthz, 'http.response.status_code')).toBe(200);

    // The message: its HTTP span, the chat turn inside it, and the turn's SQL inside the turn.
    const post = spans.find((s) => s.name === 'POST /v3/directline/conversations/:conversationId/activities')!;
    expect(post).toBeDefined();
    const turns = spans.filter((s) => s.name === 'chat turn' && attr(s, 'jetway.activity.type') === 'message');
    expect(turns).toHaveLength(1);
    const turn = turns[0]!;
    expect(turn.traceId).toBe(post.traceId);
    expect(attr(turn, 'jetway.channel')).toBe('directline');
    const sql = spans.filter((s) => s.parentSpanId === turn.spanId && s.kind === 3); // CLIENT
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.map((s) => s.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^SELECT \w+/)]));
    for (const s of sql) {
      expect(attr(s, 'db.system.name')).toBe('sqlite');
      expect(String(attr(s, 'db.query.text'))).not.toMatch(/London|Paris/); // placeholders, never values
    }
    // Every span of the turn's trace leads back to the request.
    for (const s of spans.filter((x) => x.traceId === post.traceId && x !== post)) {
      let up: OtlpSpan | undefined = s;
      while (up?.parentSpanId) up = byId.get(up.parentSpanId);
      expect(up).toBe(post);
    }
  },
  STARTUP,
);

it(
  'sends nothing and adds no spans when no endpoint is configured',
  async () => {
    const received: OtlpExport[] = [];
    await startCollector(received, []);
    server = await startServerProcess({});
    const conversation = await openConversation(server.url);
    expect((await say(server.url, conversation, 'hello')).status).toBe(200);
    expect(server.output()).toMatch(/traces: off/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(received).toHaveLength(0);
  },
  STARTUP,
);
