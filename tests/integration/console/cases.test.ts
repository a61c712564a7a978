import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { SupportCaseRow } from '../../../api/domain/records';
import { createHttpApp } from '../../../api/http/app';
import type { CaseAnnouncer } from '../../../api/services/console-cases.service';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

describe.each(DB_TARGETS)('console: support inbox (%s)', (target) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let otherAgent: string;
  let traveller: string;
  let server: Server;
  let base: string;
  const told: string[] = [];
  const announcer: CaseAnnouncer = {
    tookOver: async (c, name) => void told.push(`took:${c.id}:${name}`),
    replied: async (c, _name, text) => void told.push(`reply:${c.id}:${text}`),
    noted: async (c, _name, text) => void told.push(`note:${c.id}:${text}`),
    handedBack: async (c) => void told.push(`back:${c.id}`),
    resolved: async (c) => void told.push(`resolved:${c.id}`),
  };
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 2 });
    // The same services with an announcer that records what travellers and Slack would be told.
    const { app } = createHttpApp(t.services, { caseAnnouncer: announcer });
    server = app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/console`;
    [admin, agent, otherAgent, traveller] = await Promise.all([
      t.token('admin'),
      t.token('agent'),
      t.token('agent'),
      t.token('traveller'),
    ]);
  }, 60_000);
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await t.close();
  });

  const call = async (token: string, path: string, body?: object) => {
    const res = await fetch(`${base}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'User-Agent': 'inbox-test' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  };
  const openCase = async (): Promise<SupportCaseRow> =>
    (
      await t.services.handoff.escalate({
        conversationKey: `webchat:conv-${++n}-${target}`,
        channelId: 'webchat',
        userId: null,
        name: 'Ada',
        email: 'ada@example.com',
        kind: 'handoff',
        reason: 'asked for a person',
        booking: null,
        recent: [{ from: 'traveller', text: 'my email is ada.lovelace@example.com', at: new Date().toISOString() }],
      })
    ).case;

  test.each([['/cases'], ['/cases?view=closed'], ['/events']])('%s: staff only', async (path) => {
    const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${traveller}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_an_agent');
  });

  test('an agent takes a case, replies, notes, hands back; the other agent cannot take it meanwhile', async () => {
    const c = await openCase();
    const open = await call(agent, '/cases?view=open');
    expect(open.body.items.map((x: { id: number }) => x.id)).toContain(c.id);
    const page = await call(agent, `/cases/${c.id}`);
    // Agents see contact details masked in transcripts; admins in full.
    expect(page.body.transcript[0].text).toBe('my email is a•••@example.com');
    expect((await call(admin, `/cases/${c.id}`)).body.transcript[0].text).toContain('ada.lovelace@');
    expect((await call(traveller, `/cases/${c.id}`)).status).toBe(403);

    expect((await call(traveller, `/cases/${c.id}/take`, {})).status).toBe(403);
    expect((await call(otherAgent, `/cases/${c.id}/reply`, { text: 'hi' })).status).toBe(409);
    const taken = await call(agent, `/cases/${c.id}/take`, {});
    expect(taken.body).toMatchObject({ status: 'agent', mine: true });
    // First taker owns it, whichever desk the second comes from (the console or Slack's service call).
    const second = await call(otherAgent, `/cases/${c.id}/take`, {});
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('case_taken');
    const otherActor = t.services.auth.verifyAccessToken(otherAgent);
    await expect(t.services.support.takeOver(c.id, otherActor)).rejects.toMatchObject({ code: 'case_taken' });
    expect((await call(otherAgent, `/cases/${c.id}/hand-back`, {})).status).toBe(409);

    expect((await call(agent, `/cases/${c.id}/reply`, { text: '' })).status).toBe(400);
    await call(agent, `/cases/${c.id}/reply`, { text: 'Hello Ada, how can I help?' });
    const noted = await call(agent, `/cases/${c.id}/note`, { text: 'likely a refund question' });
    expect(noted.body.transcript.slice(-2).map((m: { author: string }) => m.author)).toEqual(['agent', 'note']);
    const back = await call(agent, `/cases/${c.id}/hand-back`, {});
    expect(back.body.status).toBe('bot');
    expect(told.filter((x) => x.includes(`:${c.id}`) || x.endsWith(`:${c.id}`))).toEqual([
      expect.stringMatching(new RegExp(`^took:${c.id}:`)),
      `reply:${c.id}:Hello Ada, how can I help?`,
      `note:${c.id}:likely a refund question`,
      `back:${c.id}`,
    ]);
    const closed = await call(admin, `/cases/${c.id}/close`, {});
    expect(closed.body.status).toBe('resolved');
    expect((await call(agent, '/cases?view=closed')).body.items[0].id).toBe(c.id);
    const audit = await call(admin, `/audit?entityType=support_case&entityId=${c.id}&action=support.`);
    const mine = audit.body.items.filter((a: { userAgent: string | null }) => a.userAgent === 'inbox-test');
    expect(mine.map((a: { action: string }) => a.action)).toEqual([
      'support.resolve',
      'support.hand_back',
      'support.note',
      'support.reply',
      'support.take_over',
    ]);
    expect(mine[4]).toMatchObject({ before: { status: 'queued' }, after: { status: 'agent' } });
  });

  test('the event stream tells a console when a case opens', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/events`, {
      headers: { Authorization: `Bearer ${agent}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const until = async (what: string) => {
      while (!seen.includes(what)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${what}`);
        seen += decoder.decode(value);
      }
    };
    await until('event: ready');
    await openCase();
    await until('event: cases');
    controller.abort();
  });
});
