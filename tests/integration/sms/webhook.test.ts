import { SmsInboundEntity } from '../../../bot/channels/sms/sms.entities';
import { DB_TARGETS } from '../../helpers/test-app';
import {
  AUTH_TOKEN,
  createSmsHarness,
  INBOUND,
  inboundParams,
  OUR_NUMBER,
  PUBLIC_URL,
  sign,
  type SmsHarness,
  STATUS,
} from './harness';

const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** The Twilio webhooks: signatures, the quick TwiML answer, duplicates, status callbacks, recovery. */
describe.each(DB_TARGETS)('SMS webhooks (%s)', (target) => {
  let h: SmsHarness;
  let n = 0;
  /** A fresh traveller number per test, so conversations do not mix. */
  const phone = () => `+4477009002${String(++n).padStart(2, '0')}`;
  const inboundRows = (from: string) =>
    h.t.services.db.run((em) =>
      em.getRepository(SmsInboundEntity).find({ where: { fromNumber: from }, order: { id: 'ASC' } }),
    );

  beforeAll(async () => {
    h = await createSmsHarness({ target });
  }, 60_000);
  afterAll(() => h.close());
  afterEach(() => expect(h.twilio.unmatched).toEqual([]));

  it('answers a signed message at once with empty TwiML, then the bot replies through the REST API', async () => {
    const me = phone();
    const { res, replies } = await h.text(me, 'hello');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.text).toBe(TWIML);
    expect(replies.length).toBeGreaterThan(0);
    const sent = h.twilio.sent.filter((m) => m.to === me);
    expect(sent[0]).toMatchObject({ to: me, from: OUR_NUMBER, statusCallback: `${PUBLIC_URL}${STATUS}` });
    const [row] = await inboundRows(me);
    expect(row).toMatchObject({ status: 'done', attempts: 1, body: '' }); // the text is not kept once handled
  });

  it(
    'refuses forged, tampered and unsigned requests with 403 in the JSON ' + 'error shape, and records nothing',
    async () => {
      const me = phone();
      const params = inboundParams(me, 'London to Paris tomorrow');
      const forged = await h.post(INBOUND, params, {
        signature: sign(`${PUBLIC_URL}${INBOUND}`, params, 'not-the-auth-token'),
      });
      const tampered = await h.post(
        INBOUND,
        { ...params, Body: 'something else' },
        { signature: sign(`${PUBLIC_URL}${INBOUND}`, params) },
      );
      const unsigned = await h.post(INBOUND, params, { signature: null });
      const garbage = await h.post(INBOUND, params, { signature: 'AAAA' });
      for (const r of [forged, tampered, unsigned, garbage]) {
        expect(r.status).toBe(403);
        expect(r.body).toEqual({ error: { code: 'invalid_signature', message: expect.any(String) } });
      }
      await h.runtime.sms.idle();
      expect(await inboundRows(me)).toEqual([]);
      expect(h.twilio.to(me)).toEqual([]);
    },
  );

  it('checks the signature against PUBLIC_URL, not the host and scheme the proxy forwarded to', async () => {
    const me = phone();
    const params = inboundParams(me, 'hi');
    // Twilio signed the public https URL; the request reaches the app as http://10.0.0.7:3978.
    const behindProxy = await h.post(INBOUND, params, { host: '10.0.0.7:3978' });
    expect(behindProxy.status).toBe(200);
    // Signed for the internal address instead (not what Twilio was configured with): refused.
    const internal = inboundParams(me, 'hi');
    const wrongUrl = await h.post(INBOUND, internal, {
      host: '10.0.0.7:3978',
      signedUrl: `http://10.0.0.7:3978${INBOUND}`,
    });
    expect(wrongUrl.status).toBe(403);
    // Twilio's query string is part of what it signs.
    const withQuery = inboundParams(me, 'hi again');
    const q = await h.post(`${INBOUND}?tenant=eu`, withQuery, { signedUrl: `${PUBLIC_URL}${INBOUND}?tenant=eu` });
    expect(q.status).toBe(200);
    const q2 = await h.post(`${INBOUND}?tenant=us`, inboundParams(me, 'x'), {
      signedUrl: `${PUBLIC_URL}${INBOUND}?tenant=eu`,
    });
    expect(q2.status).toBe(403);
    await h.runtime.sms.idle();
  });

  it('handles a MessageSid once, however often Twilio delivers it (also concurrently)', async () => {
    const me = phone();
    const params = inboundParams(me, 'hello');
    const first = await h.post(INBOUND, params);
    const again = await Promise.all([h.post(INBOUND, params), h.post(INBOUND, params), h.post(INBOUND, params)]);
    await h.runtime.sms.idle();
    for (const r of [first, ...again]) {
      expect(r.status).toBe(200);
      expect(r.text).toBe(TWIML);
    }
    expect(await inboundRows(me)).toHaveLength(1);
    const repliesOnce = h.twilio.to(me);
    // One turn's worth of replies: the same message again after it was handled changes nothing.
    await h.post(INBOUND, params);
    await h.runtime.sms.idle();
    expect(h.twilio.to(me)).toEqual(repliesOnce);
    expect(repliesOnce.length).toBeGreaterThan(0);
  });

  it('answers Twilio before the bot turn runs: the message is recorded, and processed afterwards', async () => {
    const me = phone();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run = h.runtime.bot.run.bind(h.runtime.bot);
    const spy = jest.spyOn(h.runtime.bot, 'run').mockImplementation(async (ctx) => {
      await gate;
      return run(ctx);
    });
    try {
      const res = await h.post(INBOUND, inboundParams(me, 'hello'));
      expect(res.status).toBe(200);
      expect(await inboundRows(me)).toEqual([expect.objectContaining({ status: 'processing', body: 'hello' })]);
      expect(h.twilio.to(me)).toEqual([]);
      release();
      await h.runtime.sms.idle();
      expect(spy).toHaveBeenCalledTimes(1);
      expect(h.twilio.to(me).length).toBeGreaterThan(0);
      expect((await inboundRows(me))[0]!.status).toBe('done');
    } finally {
      spy.mockRestore();
    }
  });

  it(
    'records delivery status per outbound MessageSid from signed status ' + 'callbacks, never moving backwards',
    async () => {
      const me = phone();
      await h.text(me, 'hello');
      const sid = h.twilio.sent.find((m) => m.to === me)!.sid;
      const repo = h.runtime.sms.repo;
      expect(await repo.findOutbound(sid)).toMatchObject({
        messageSid: sid,
        toNumber: me,
        status: 'queued',
        segments: expect.any(Number),
      });
      const callback = (status: string, extra: Record<string, string> = {}) =>
        h.post(STATUS, {
          AccountSid: h.t.services.config.TWILIO_ACCOUNT_SID!,
          ApiVersion: '2010-04-01',
          From: OUR_NUMBER,
          To: me,
          MessageSid: sid,
          SmsSid: sid,
          MessageStatus: status,
          SmsStatus: status,
          ...extra,
        });
      expect((await callback('sent')).status).toBe(200);
      expect((await callback('delivered')).status).toBe(200);
      expect((await callback('sent')).status).toBe(200); // arrived late
      expect(await repo.findOutbound(sid)).toMatchObject({ status: 'delivered', errorCode: null });
      const unsigned = await h.post(STATUS, { MessageSid: sid, MessageStatus: 'failed', To: me }, { signature: null });
      expect(unsigned.status).toBe(403);
      expect((await repo.findOutbound(sid))!.status).toBe('delivered');

      // A callback for a message we have no record of yet (it raced our own insert) is kept too.
      const other = 'SM' + 'f'.repeat(32);
      expect((await callback('undelivered', { MessageSid: other, SmsSid: other, ErrorCode: '30003' })).status).toBe(
        200,
      );
      expect(await repo.findOutbound(other)).toMatchObject({
        status: 'undelivered',
        errorCode: '30003',
        toNumber: me,
        segments: null,
      });
      const bad = await h.post(STATUS, { To: me });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_request');
    },
  );

  it('processes a message recorded before a crash, later; gives up on stale ones', async () => {
    const me = phone();
    const repo = h.runtime.sms.repo;
    const now = h.t.clock.now();
    // Recorded and claimed by an instance that then died (no turn ran, nothing was sent).
    await repo.recordInbound(
      { messageSid: `SM${'1'.repeat(32)}`, fromNumber: me, toNumber: OUR_NUMBER, body: 'hello', numMedia: 0 },
      now,
    );
    const old = phone();
    await repo.recordInbound(
      { messageSid: `SM${'2'.repeat(32)}`, fromNumber: old, toNumber: OUR_NUMBER, body: 'hello', numMedia: 0 },
      new Date(now.getTime() - 2 * 3600_000),
    );
    expect(await h.runtime.sms.recover()).toBe(0); // still fresh: its own process may be working on it
    h.t.clock.advance(3 * 60_000);
    try {
      expect(await h.runtime.sms.recover()).toBe(1);
      await h.runtime.sms.idle();
      expect(h.twilio.to(me).length).toBeGreaterThan(0);
      expect(await inboundRows(me)).toEqual([expect.objectContaining({ status: 'done', attempts: 2 })]);
      expect(h.twilio.to(old)).toEqual([]); // two hours late: dropped, not answered
      expect(await inboundRows(old)).toEqual([expect.objectContaining({ status: 'expired' })]);
      expect(await h.runtime.sms.recover()).toBe(0);
    } finally {
      h.t.clock.advance(-3 * 60_000);
    }
  });

  it('acknowledges but does not handle senders that are not phone numbers, and rejects malformed posts', async () => {
    const wa = await h.post(INBOUND, inboundParams('whatsapp:+447700900999', 'hi'));
    expect(wa.status).toBe(200);
    expect(wa.text).toBe(TWIML);
    const missing = await h.post(INBOUND, { Body: 'hi', From: '+447700900998' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid_request');
    await h.runtime.sms.idle();
    expect(h.twilio.sent.filter((m) => m.to.endsWith('900999') || m.to.endsWith('900998'))).toEqual([]);
  });

  it('never logs message bodies or the auth token', async () => {
    const log = h.t.services.log;
    const lines: string[] = [];
    const spies = (['error', 'warn', 'info', 'debug'] as const).map((level) =>
      jest.spyOn(log, level).mockImplementation(((...args: unknown[]) => {
        lines.push(JSON.stringify(args));
        return log;
      }) as never),
    );
    try {
      const me = phone();
      await h.text(me, 'Grace Hopper lives at 12 Secret Lane');
      await h.post(INBOUND, inboundParams(me, 'forged Grace'), { signature: 'nope' });
      await h.text(me, 'STOP');
      await h.runtime.messenger.tell(`sms:${me}`, { text: 'Proactive news for Grace' });
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join('\n');
    expect(all).not.toMatch(/Grace|Secret Lane/);
    expect(all).not.toContain(AUTH_TOKEN);
  });
});

describe('SMS channel configuration', () => {
  it('is off without the Twilio settings: its routes answer 404 sms_not_configured', async () => {
    const h = await createSmsHarness({
      env: { TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '', TWILIO_FROM_NUMBER: '' },
    });
    try {
      expect(h.runtime.sms.enabled).toBe(false);
      expect(h.runtime.channels.get('sms')).toBeUndefined();
      for (const path of [INBOUND, STATUS]) {
        const r = await h.post(path, inboundParams('+447700900301', 'hi'));
        expect(r.status).toBe(404);
        expect(r.body).toEqual({
          error: { code: 'sms_not_configured', message: expect.stringContaining('TWILIO_ACCOUNT_SID') },
        });
      }
      expect(h.twilio.sent).toEqual([]);
    } finally {
      await h.close();
    }
  }, 60_000);

  it(
    'without PUBLIC_URL checks the URL the request arrived at, sends ' +
      'through a messaging service, and asks for no status callbacks',
    async () => {
      const h = await createSmsHarness({
        env: {
          PUBLIC_URL: '',
          TWILIO_FROM_NUMBER: '',
          TWILIO_MESSAGING_SERVICE_SID: 'MG0123456789abcdef0123456789abcdef',
        },
      });
      try {
        const me = '+447700900302';
        const params = inboundParams(me, 'hello');
        const ok = await h.post(INBOUND, params, {
          host: 'sms.internal:8080',
          signedUrl: `http://sms.internal:8080${INBOUND}`,
        });
        expect(ok.status).toBe(200);
        await h.runtime.sms.idle();
        const sent = h.twilio.sent.filter((m) => m.to === me);
        expect(sent.length).toBeGreaterThan(0);
        expect(sent[0]).toMatchObject({
          messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
          from: undefined,
          statusCallback: undefined,
        });
        const other = await h.post(INBOUND, inboundParams(me, 'x'), {
          host: 'sms.internal:8080',
          signedUrl: `https://jetway.example.com${INBOUND}`,
        });
        expect(other.status).toBe(403);
      } finally {
        await h.close();
      }
    },
    60_000,
  );
});
