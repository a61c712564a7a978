import { randomBytes } from 'node:crypto';
import nock from 'nock';
import request from 'supertest';
import twilio from 'twilio';
import type { Express } from 'express';
import { createHttpApp } from '../../../api/http/app';
import { type BotRuntime, createBotRuntime } from '../../../bot/runtime';
import { createTestApp, type DbTarget, type TestApp } from '../../helpers/test-app';

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = '0123456789abcdef0123456789abcdef';
export const OUR_NUMBER = '+15005550006';
/** Where Twilio reaches us: a proxy in front of the app, which sees 127.0.0.1 instead. */
export const PUBLIC_URL = 'https://jetway.example.com';
export const INBOUND = '/channels/sms/inbound';
export const STATUS = '/channels/sms/status';
const MESSAGES_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;

export const TWILIO_ENV = {
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_FROM_NUMBER: OUR_NUMBER,
  PUBLIC_URL,
  BRAND_NAME: 'jetway',
};

/** One SMS the app asked Twilio to send (the form fields of POST …/Messages.json). */
export interface SentSms {
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  statusCallback?: string;
}

/** A fake of Twilio's REST API for sending messages (nock), recording what was sent. */
export class TwilioApiFake {
  readonly sent: SentSms[] = [];
  /** Requests to api.twilio.com that matched nothing (there should never be any). */
  readonly unmatched: string[] = [];
  /** Error answers for the next calls, in order (e.g. 21610 for a number that told Twilio STOP). */
  private readonly failures: { status: number; code: number; message: string }[] = [];
  private readonly onNoMatch = (req: { hostname?: string; path?: string; method?: string }) => {
    if (String(req.hostname ?? '').includes('twilio')) this.unmatched.push(`${req.method} ${req.path}`);
  };

  constructor() {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nock.emitter.on('no match', this.onNoMatch);
    nock('https://api.twilio.com')
      .persist()
      .post(MESSAGES_PATH)
      .reply((_uri, body) => {
        const p = (typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body) as Record<
          string,
          string
        >;
        const failure = this.failures.shift();
        if (failure)
          return json(failure.status, {
            code: failure.code,
            message: failure.message,
            more_info: `https://www.twilio.com/docs/errors/${failure.code}`,
            status: failure.status,
          });
        const sid = `SM${randomBytes(16).toString('hex')}`;
        this.sent.push({
          sid,
          to: p.To!,
          from: p.From,
          messagingServiceSid: p.MessagingServiceSid,
          body: p.Body!,
          statusCallback: p.StatusCallback,
        });
        return json(201, {
          sid,
          account_sid: ACCOUNT_SID,
          to: p.To,
          from: p.From ?? null,
          messaging_service_sid: p.MessagingServiceSid ?? null,
          body: p.Body,
          status: 'queued',
          num_segments: '1',
          num_media: '0',
          direction: 'outbound-api',
          api_version: '2010-04-01',
          date_created: new Date().toUTCString(),
          uri: `${MESSAGES_PATH.replace('.json', '')}/${sid}.json`,
        });
      });
  }

  failNext(code: number, status = 400, message = 'Attempt to send to unsubscribed recipient'): void {
    this.failures.push({ status, code, message });
  }

  /** What was sent to one number, as texts. */
  to(phone: string): string[] {
    return this.sent.filter((m) => m.to === phone).map((m) => m.body);
  }

  close(): void {
    nock.emitter.removeListener('no match', this.onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
  }
}

/**
 * nock 14 (@mswjs/interceptors 0.41) never ends a mocked response without Content-Length on a request
 * that says "Connection: keep-alive", which Twilio's client always does (nock issue #3001): say it.
 */
function json(status: number, payload: unknown): [number, string, Record<string, string>] {
  const text = JSON.stringify(payload);
  return [status, text, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }];
}

/** The form fields Twilio posts for an inbound SMS. */
export function inboundParams(from: string, body: string, extra: Record<string, string> = {}): Record<string, string> {
  const sid = extra.MessageSid ?? `SM${randomBytes(16).toString('hex')}`;
  return {
    ToCountry: 'US',
    ToState: 'CA',
    SmsMessageSid: sid,
    NumMedia: '0',
    ToCity: '',
    FromZip: '',
    SmsSid: sid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: body,
    FromCountry: 'GB',
    To: OUR_NUMBER,
    ToZip: '',
    NumSegments: '1',
    ReferralNumMedia: '0',
    MessageSid: sid,
    AccountSid: ACCOUNT_SID,
    From: from,
    ApiVersion: '2010-04-01',
    ...extra,
  };
}

/** Twilio's signature for a request to `url` with these form fields (the same helper Twilio's SDK validates with). */
export const sign = (url: string, params: Record<string, string>, token = AUTH_TOKEN) =>
  twilio.getExpectedTwilioSignature(token, url, params);

export interface SmsHarness {
  t: TestApp;
  runtime: BotRuntime;
  app: Express;
  twilio: TwilioApiFake;
  /**
   * POSTs form fields as Twilio does: signed for PUBLIC_URL + path unless told otherwise (`signature: null`: unsigned).
   */
  post(
    path: string,
    params: Record<string, string>,
    opts?: { signature?: string | null; signedUrl?: string; host?: string },
  ): Promise<request.Response>;
  /** A traveller texts us; resolves once the turn is over. */
  text(from: string, body: string): Promise<{ res: request.Response; replies: string[] }>;
  close(): Promise<void>;
}

export async function createSmsHarness(
  opts: { target?: DbTarget; env?: Record<string, string> } = {},
): Promise<SmsHarness> {
  const t = await createTestApp({ target: opts.target, env: { ...TWILIO_ENV, ...opts.env } });
  const fake = new TwilioApiFake();
  const runtime = createBotRuntime(t.services, { faq: t.services.faq, emailCodes: t.services.emailVerification });
  const { app } = createHttpApp(t.services, { beforeBody: runtime.beforeBody, afterApi: runtime.afterApi });
  const publicUrl = opts.env?.PUBLIC_URL ?? PUBLIC_URL;
  const post: SmsHarness['post'] = (path, params, o = {}) => {
    const req = request(app).post(path).type('form');
    const signature = o.signature === undefined ? sign(o.signedUrl ?? `${publicUrl}${path}`, params) : o.signature;
    if (signature !== null) void req.set('X-Twilio-Signature', signature);
    if (o.host) void req.set('Host', o.host);
    return req.send(params);
  };
  return {
    t,
    runtime,
    app,
    twilio: fake,
    post,
    async text(from, body) {
      const before = fake.sent.length;
      const res = await post(INBOUND, inboundParams(from, body));
      await runtime.sms.idle();
      return {
        res,
        replies: fake.sent
          .slice(before)
          .filter((m) => m.to === from)
          .map((m) => m.body),
      };
    },
    async close() {
      await runtime.close();
      fake.close();
      await t.close();
    },
  };
}
