import { freePort, openConversation, say, type ServerProcess, startServerProcess } from '../../helpers/server-process';
import { type SlowModel, startSlowModel } from '../../helpers/slow-model';

/** /metrics scraped from the real server, on its own port behind a token, after real traffic. */
const TOKEN = 'metrics-token-for-tests-0123456789';
let server: ServerProcess;
let model: SlowModel;
let metricsPort: number;

beforeAll(async () => {
  model = await startSlowModel(0);
  metricsPort = await freePort();
  server = await startServerProcess({
    OPENAI_API_KEY: 'sk-test-stub',
    OPENAI_BASE_URL: model.baseUrl,
    METRICS_PORT: String(metricsPort),
    METRICS_TOKEN: TOKEN,
  });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await model?.close();
});

const scrape = (token = TOKEN) =>
  fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { Authorization: `Bearer ${token}` } });

it('serves /metrics only on METRICS_PORT, and only with the token', async () => {
  expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  expect((await scrape('wrong-token-wrong-token')).status).toBe(401);
  const ok = await scrape();
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
});

it('exports the documented metrics, fed by a chat turn and HTTP requests', async () => {
  const conversation = await openConversation(server.url);
  expect((await say(server.url, conversation, 'flights from London to Paris tomorrow')).status).toBe(200);
  await fetch(`${server.url}/api/v1/bookings/ABC123`);
  const text = await (await scrape()).text();

  expect(text).toMatch(
    /^jetway_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/chat\/token",status="200"\} 1$/m,
  );
  expect(text).toMatch(
    /^jetway_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/bookings\/:pnr",status="\d+"\} 1$/m,
  );
  expect(text).toMatch(/^jetway_chat_turns_total\{channel="directline",outcome="ok"\} [2-9]$/m);
  expect(text).toMatch(/^jetway_chat_turn_duration_seconds_count\{channel="directline"\} [2-9]$/m);
  expect(text).toMatch(/^jetway_nlu_fallbacks_total\{reason="error"\} [1-9]$/m);
  expect(text).toMatch(/^jetway_outbox_backlog\{outbox="mail"\} 0$/m);
  expect(text).toMatch(/^jetway_outbox_oldest_age_seconds\{outbox="events"\} \d/m);
  expect(text).toMatch(/^jetway_directline_open_sockets 0$/m);
  expect(text).toMatch(/^jetway_db_pool_connections_in_use 0$/m);
  expect(text).toMatch(/^jetway_db_pool_waiting 0$/m);
  expect(text).toMatch(/^jetway_db_conflict_retries_total 0$/m);
  expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
  for (const declared of ['jetway_holds_total', 'jetway_payments_total', 'jetway_retention_purged_total'])
    expect(text).toContain(`# TYPE ${declared} counter`);
  // Raw paths (PNRs, conversation ids) never become labels.
  expect(text).not.toContain('ABC123');
  expect(text).not.toContain(conversation.conversationId);
});
