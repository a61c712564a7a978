/**
 * Slack over Socket Mode (SLACK_APP_TOKEN), with no internet: the Web API faked with nock (FakeSlack,
 * plus apps.connections.open handing out a local URL) and a real local WebSocket server playing Slack's
 * Socket Mode server — hello on connect, events_api envelopes sent, the client's acks recorded.
 */
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { type WebSocket, WebSocketServer } from 'ws';
import { SlackEventRepository } from '../../../bot/channels/slack/slack-events.repository';
import { DB_TARGETS } from '../../helpers/test-app';
import { createSlackApp, dm, FakeSlack, type SlackApp, textOf } from './slack-harness';

const APP_TOKEN = 'xapp-1-A0JETWAY-1-socket-mode-test';

/** What the client sends back over the socket: `{ envelope_id, payload }` (SocketModeClient.send). */
interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** Slack's Socket Mode server, locally: one `hello` per connection, envelopes out, acks in. */
class FakeSocketMode {
  readonly sockets: WebSocket[] = [];
  readonly acks: Ack[] = [];
  private readonly wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/link' });
  private seq = 0;

  constructor() {
    this.wss.on('connection', (ws) => {
      this.sockets.push(ws);
      ws.on('message', (data) => this.acks.push(JSON.parse(String(data)) as Ack));
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'applink-test', approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0JETWAY' },
        }),
      );
    });
  }

  async url(): Promise<string> {
    if (!this.wss.address()) await new Promise((r) => this.wss.once('listening', r));
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/link`;
  }

  /**
   * Delivers an Events API payload in an envelope (a retry: a new envelope, the same payload); returns the envelope id.
   */
  deliver(payload: Record<string, unknown>, retryAttempt = 0): string {
    const envelopeId = `env-${++this.seq}-${Date.now().toString(36)}`;
    const envelope = {
      envelope_id: envelopeId,
      type: 'events_api',
      payload,
      accepts_response_payload: false,
      retry_attempt: retryAttempt,
      retry_reason: retryAttempt ? 'timeout' : '',
    };
    for (const ws of this.sockets) ws.send(JSON.stringify(envelope));
    return envelopeId;
  }

  ackOf(envelopeId: string): Promise<Ack> {
    return waitFor(() => this.acks.find((a) => a.envelope_id === envelopeId), `the ack of ${envelopeId}`);
  }

  /** Waits for the client to close its sockets (up to 5 s, then cuts them), and stops listening. */
  async close(): Promise<void> {
    await Promise.all(
      this.sockets.map(async (ws) => {
        if (ws.readyState === ws.CLOSED) return;
        const closed = new Promise((r) => ws.once('close', r));
        const cut = setTimeout(() => ws.terminate(), 5000);
        await closed;
        clearTimeout(cut);
      }),
    );
    await new Promise<void>((resolve, reject) => this.wss.close((err) => (err ? reject(err) : resolve())));
  }
}

jest.setTimeout(20_000);

async function waitFor<T>(probe: () => T | undefined | false, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(DB_TARGETS)('Slack over Socket Mode (%s)', (target) => {
  const fake = new FakeSlack();
  let claim: jest.SpiedFunction<SlackEventRepository['claim']>;
  let slackSide: FakeSocketMode;
  let h: SlackApp;
  let opened = 0;

  beforeAll(async () => {
    claim = jest.spyOn(SlackEventRepository.prototype, 'claim'); // calls through: how the tests see each delivery looked up
    slackSide = new FakeSocketMode();
    const url = await slackSide.url();
    // Before FakeSlack's catch-all, so that this interceptor answers apps.connections.open — with the app-level token
    // only.
    nock('https://slack.com')
      .persist()
      .post('/api/apps.connections.open')
      .matchHeader('authorization', `Bearer ${APP_TOKEN}`)
      .reply(() => {
        opened++;
        return [200, { ok: true, url }];
      });
    fake.install(); // also: no net connect but 127.0.0.1 (the WebSocket)
    h = await createSlackApp({ target, env: { SLACK_APP_TOKEN: APP_TOKEN } });
    await h.runtime.slack!.start(); // resolves on Slack's hello
  }, 60_000);

  afterAll(async () => {
    await h?.close(); // stops the runtime, and with it the Socket Mode client
    await slackSide?.close();
    fake.uninstall();
    claim.mockRestore();
  });

  beforeEach(async () => {
    await h.idle();
    fake.clear();
    claim.mockClear();
  });

  it('opens one socket with the app-level token, without the HTTP receiver', async () => {
    expect(h.runtime.slack!.socketMode).toBe(true);
    expect(opened).toBe(1);
    expect(slackSide.sockets).toHaveLength(1);
    expect((await h.http.post('/slack/events').send({})).status).toBe(404);
  });

  it("acknowledges a traveller's DM by its envelope id and answers in the DM", async () => {
    const ch = 'DSOCK0001';
    const envelopeId = slackSide.deliver(dm('USOCK1', ch, 'hello'));
    expect(await slackSide.ackOf(envelopeId)).toEqual({ envelope_id: envelopeId, payload: {} });
    await waitFor(() => fake.posts(ch).length > 0, 'a reply in the DM');
    await h.idle();
    const replies = fake.posts(ch);
    expect(replies.every((r) => r.channel === ch && !r.thread_ts)).toBe(true);
    expect(replies.map(textOf).join('\n')).toMatch(/I can book flights/); // the greeting, with its menu
    expect(fake.of('chat.postMessage').every((r) => r.channel === ch)).toBe(true);
  });

  it('answers a redelivered event (same event id, retry_attempt 1) once, but acknowledges it', async () => {
    const ch = 'DSOCK0002';
    const payload = dm('USOCK2', ch, 'hello');
    await slackSide.ackOf(slackSide.deliver(payload));
    await waitFor(() => claim.mock.calls.length === 1, 'the first delivery to be claimed');
    await h.idle();
    const first = fake.posts(ch).length;
    expect(first).toBeGreaterThan(0);

    const retryId = slackSide.deliver(payload, 1);
    expect(await slackSide.ackOf(retryId)).toEqual({ envelope_id: retryId, payload: {} });
    await waitFor(() => claim.mock.calls.length === 2, 'the retry to be looked up');
    await expect(claim.mock.results[1]!.value).resolves.toBe(false);
    await h.idle();
    expect(claim.mock.calls.map((c) => c[0])).toEqual([
      `event:${String(payload.event_id)}`,
      `event:${String(payload.event_id)}`,
    ]);
    expect(fake.posts(ch)).toHaveLength(first);
  });

  it('runs two different messages in the same DM as two turns', async () => {
    const ch = 'DSOCK0003';
    await slackSide.ackOf(slackSide.deliver(dm('USOCK3', ch, 'hello')));
    await waitFor(() => claim.mock.calls.length === 1, 'the first message');
    await h.idle();
    const first = fake.posts(ch).length;
    await slackSide.ackOf(slackSide.deliver(dm('USOCK3', ch, 'help')));
    await waitFor(() => claim.mock.calls.length === 2, 'the second message');
    await h.idle();
    expect(fake.posts(ch).length).toBeGreaterThan(first);
  });
});
