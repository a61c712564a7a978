import type { TurnContext } from 'botbuilder';
import { redactCardNumbers } from '../../redact';
import express, { type Request, type Response, Router } from 'express';
import twilio from 'twilio';
import type { Config } from '../../../api/config/config';
import type { Db } from '../../../api/db/db';
import { errorBody } from '../../../api/http/middleware/error-handler';
import type { Logger } from '../../../api/logger';
import type { Clock } from '../../../api/services/clock';
import type { SmsInboundRow, SmsInboundStatus } from './sms.entities';
import type { ProactiveChannels } from '../../proactive';
import { keywordTexts, smsKeyword } from './keywords';
import type { ConversationQueue } from '../../conversation-queue';
import { E164, logSafePhone, SMS_CHANNEL_ID, SMS_SERVICE_URL, SmsAdapter } from './sms.adapter';
import { SmsRepository } from './sms.repository';
import { type SmsSender, TWILIO_UNSUBSCRIBED, TwilioSender } from './twilio-sender';

export const SMS_INBOUND_PATH = '/channels/sms/inbound';
export const SMS_STATUS_PATH = '/channels/sms/status';

/** The empty TwiML answer: "received, nothing to reply here" (replies go out through the REST API). */
const EMPTY_TWIML = new twilio.twiml.MessagingResponse().toString();

export interface SmsSettings {
  accountSid: string;
  authToken: string;
  fromNumber?: string;
  messagingServiceSid?: string;
  /** PUBLIC_URL when set: Twilio signs the URL it was configured with, not the one a proxy forwards to. */
  publicUrl?: string;
}

/** The configuration the SMS channel reads. */
export type SmsConfig = Pick<
  Config,
  | 'TWILIO_ACCOUNT_SID'
  | 'TWILIO_AUTH_TOKEN'
  | 'TWILIO_FROM_NUMBER'
  | 'TWILIO_MESSAGING_SERVICE_SID'
  | 'PUBLIC_URL'
  | 'publicUrl'
  | 'BRAND_NAME'
  | 'SUPPORT_EMAIL'
  | 'SUPPORT_PHONE'
>;

/** The Twilio settings, or what is missing for the channel to run. */
export function smsSettings(c: SmsConfig): { settings?: SmsSettings; missing: string[] } {
  const missing: string[] = [];
  if (!c.TWILIO_ACCOUNT_SID) missing.push('TWILIO_ACCOUNT_SID');
  if (!c.TWILIO_AUTH_TOKEN) missing.push('TWILIO_AUTH_TOKEN');
  if (!c.TWILIO_FROM_NUMBER && !c.TWILIO_MESSAGING_SERVICE_SID)
    missing.push('TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID');
  if (missing.length) return { missing };
  return {
    missing,
    settings: {
      accountSid: c.TWILIO_ACCOUNT_SID!,
      authToken: c.TWILIO_AUTH_TOKEN!,
      fromNumber: c.TWILIO_FROM_NUMBER,
      messagingServiceSid: c.TWILIO_MESSAGING_SERVICE_SID,
      publicUrl: c.PUBLIC_URL ? c.publicUrl : undefined,
    },
  };
}

export interface SmsChannelDeps {
  config: SmsConfig;
  /** Where the channel keeps inbound messages, delivery statuses and opt-outs. */
  db: Db;
  log: Logger;
  clock: Clock;
}

export interface SmsChannelParts {
  /** The bot every channel runs. */
  bot: { run(ctx: TurnContext): Promise<void> };
  /** Where the channel registers itself for proactive messages. */
  channels: ProactiveChannels;
  onTurnError: (ctx: TurnContext, err: Error) => Promise<void>;
  /** The conversation queue every channel shares (default: one of its own, this process only). */
  queue?: ConversationQueue;
}

export interface SmsChannelOptions {
  /** Replaces the Twilio REST sender (tests); default: twilio(accountSid, authToken). */
  sender?: SmsSender;
  /** How often recorded-but-unprocessed messages are looked for (0: never; default 30 s, and once on start). */
  recoverEveryMs?: number;
  /** A message still being processed after this long belongs to a crashed process (default 2 min). */
  staleAfterMs?: number;
  /** Older unprocessed messages are dropped rather than answered late (default 1 hour). */
  maxAgeMs?: number;
  /** Attempts before a message that keeps crashing its process is given up (default 3). */
  maxAttempts?: number;
}

export interface SmsChannel {
  readonly enabled: boolean;
  /** The SMS bot adapter (undefined when the channel is off). */
  readonly adapter: SmsAdapter | undefined;
  readonly repo: SmsRepository;
  /** POST /channels/sms/inbound and /channels/sms/status (form bodies: mount before the JSON parser). */
  readonly router: Router;
  /** Resolves once no inbound message is being handled (tests, shutdown). */
  idle(): Promise<void>;
  /** Handles messages recorded but never processed (a crash); returns how many were taken up. */
  recover(): Promise<number>;
  close(): Promise<void>;
}

const one = (v: unknown): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s !== '' ? s : undefined;
};

/**
 * The SMS channel over Twilio. Twilio posts each inbound SMS to /channels/sms/inbound (signed with the
 * account's auth token); the message is recorded under its MessageSid (a repeated delivery is answered
 * and ignored), Twilio gets an empty TwiML answer at once, and the turn runs afterwards. Compliance
 * keywords (STOP, START, HELP …) are answered here and never reach the bot. Without the Twilio settings
 * the channel is off and its routes answer 404.
 */
export function createSmsChannel(
  deps: SmsChannelDeps,
  parts: SmsChannelParts,
  opts: SmsChannelOptions = {},
): SmsChannel {
  const repo = new SmsRepository(deps.db);
  const { settings, missing } = smsSettings(deps.config);
  let sender = opts.sender;
  if (settings && !sender) {
    try {
      const client = twilio(settings.accountSid, settings.authToken, {
        timeout: 15_000,
        autoRetry: true,
        maxRetries: 2,
      });
      sender = new TwilioSender(client, {
        fromNumber: settings.fromNumber,
        messagingServiceSid: settings.messagingServiceSid,
        statusCallback: settings.publicUrl ? `${settings.publicUrl}${SMS_STATUS_PATH}` : undefined,
      });
    } catch (err) {
      deps.log.error(
        `SMS channel off: the Twilio client could not be created (${err instanceof Error ? err.message : String(err)})`,
      );
    }
  }
  if (!settings || !sender) {
    const c = deps.config;
    const partly = Boolean(
      c.TWILIO_ACCOUNT_SID || c.TWILIO_AUTH_TOKEN || c.TWILIO_FROM_NUMBER || c.TWILIO_MESSAGING_SERVICE_SID,
    );
    if (!settings)
      deps.log[partly ? 'warn' : 'info'](`SMS channel off (set ${missing.join(', ')} to enable ${SMS_INBOUND_PATH})`);
    return disabledChannel(repo);
  }
  return new TwilioSmsChannel(deps, parts, settings, sender, repo, opts);
}

function disabledChannel(repo: SmsRepository): SmsChannel {
  const router = Router();
  const off = (_req: Request, res: Response) => {
    res
      .status(404)
      .json(
        errorBody(
          'sms_not_configured',
          'The SMS channel is not configured: set TWILIO_ACCOUNT_SID, ' +
            'TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER or ' +
            'TWILIO_MESSAGING_SERVICE_SID.',
        ),
      );
  };
  router.post(SMS_INBOUND_PATH, off);
  router.post(SMS_STATUS_PATH, off);
  return {
    enabled: false,
    adapter: undefined,
    repo,
    router,
    idle: async () => undefined,
    recover: async () => 0,
    close: async () => undefined,
  };
}

class TwilioSmsChannel implements SmsChannel {
  readonly enabled = true;
  readonly adapter: SmsAdapter;
  readonly router: Router;
  private readonly pending = new Set<Promise<void>>();
  /** Inbound rows this process is handling (recovery leaves them alone). */
  private readonly inFlight = new Set<number>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly texts;
  private readonly staleAfterMs: number;
  private readonly maxAgeMs: number;
  private readonly maxAttempts: number;
  private recovering: Promise<number> | undefined;

  constructor(
    private readonly deps: SmsChannelDeps,
    private readonly parts: SmsChannelParts,
    private readonly settings: SmsSettings,
    sender: SmsSender,
    readonly repo: SmsRepository,
    opts: SmsChannelOptions,
  ) {
    const c = deps.config;
    this.texts = keywordTexts({ name: c.BRAND_NAME, supportEmail: c.SUPPORT_EMAIL, supportPhone: c.SUPPORT_PHONE });
    this.staleAfterMs = opts.staleAfterMs ?? 120_000;
    this.maxAgeMs = opts.maxAgeMs ?? 3_600_000;
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.adapter = new SmsAdapter({
      sender,
      store: repo,
      log: deps.log,
      clock: deps.clock,
      bot: { id: settings.fromNumber ?? settings.messagingServiceSid!, name: c.BRAND_NAME },
      queue: parts.queue,
    });
    this.adapter.onTurnError = parts.onTurnError;
    parts.channels.register(SMS_CHANNEL_ID, {
      continue: (ref, logic) => {
        // Azure Bot Service's own Twilio channel is also called "sms": its references are not ours to send.
        const other = parts.channels.get('*');
        if (ref.serviceUrl && ref.serviceUrl !== SMS_SERVICE_URL && other) return other.continue(ref, logic);
        return this.adapter.continueConversation(ref, logic);
      },
    });
    this.router = this.routes();

    const every = opts.recoverEveryMs ?? 30_000;
    if (every > 0) {
      const sweep = () => void this.recover().catch((err: unknown) => deps.log.warn('SMS recovery failed', { err }));
      this.timers.push(setTimeout(sweep, Math.min(every, 1_000)), setInterval(sweep, every));
      for (const t of this.timers) t.unref();
    }
    const sending = settings.messagingServiceSid
      ? `messaging service ${settings.messagingServiceSid}`
      : settings.fromNumber;
    deps.log.info(
      `SMS channel on (Twilio, sending from ` +
        `${sending}): point the number's messaging webhook at ` +
        `${c.publicUrl}${SMS_INBOUND_PATH} (HTTP POST)`,
    );
    if (!settings.publicUrl)
      deps.log.warn(
        'SMS: PUBLIC_URL is not set, so Twilio signatures are checked against ' +
          'the URL requests arrive at (wrong behind a proxy) and no delivery ' +
          'status callbacks are requested',
      );
  }

  private routes(): Router {
    const router = Router();
    const form = express.urlencoded({ extended: false, limit: '64kb' });
    router.post(SMS_INBOUND_PATH, form, async (req, res) => {
      if (!this.verified(req, res)) return;
      await this.inbound(req, res);
    });
    router.post(SMS_STATUS_PATH, form, async (req, res) => {
      if (!this.verified(req, res)) return;
      await this.status(req, res);
    });
    return router;
  }

  /** X-Twilio-Signature: HMAC-SHA1 (auth token) of the URL Twilio was configured with plus the sorted form params. */
  private verified(req: Request, res: Response): boolean {
    const signature = req.get('x-twilio-signature');
    const url = this.settings.publicUrl
      ? `${this.settings.publicUrl}${req.originalUrl}`
      : `${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`;
    const params = (req.body ?? {}) as Record<string, unknown>;
    if (signature && twilio.validateRequest(this.settings.authToken, signature, url, params)) return true;
    this.deps.log.warn(
      `SMS webhook refused: ${signature ? 'the X-Twilio-Signature does not match' : 'no X-Twilio-Signature'}`,
      { path: req.path, ip: req.ip },
    );
    res.status(403).json(errorBody('invalid_signature', 'The request is not signed by Twilio for this URL.'));
    return false;
  }

  private async inbound(req: Request, res: Response): Promise<void> {
    const p = (req.body ?? {}) as Record<string, unknown>;
    const messageSid = one(p.MessageSid) ?? one(p.SmsSid);
    const from = one(p.From)?.trim();
    if (!messageSid || !from) {
      res.status(400).json(errorBody('invalid_request', 'An inbound message needs MessageSid and From.'));
      return;
    }
    if (!E164.test(from) || messageSid.length > 64) {
      // Not a phone we can text back (a WhatsApp or RCS sender, a short code …): acknowledged, not handled.
      this.deps.log.warn('SMS from an address that is not an E.164 number ignored', { messageSid });
      this.twiml(res);
      return;
    }
    // Card numbers are removed before the message is recorded, logged or understood.
    const body = redactCardNumbers((one(p.Body) ?? '').slice(0, 4000)).text;
    const row = await this.repo.recordInbound(
      {
        messageSid,
        fromNumber: from,
        toNumber: (one(p.To) ?? '').slice(0, 32),
        body,
        numMedia: Number(one(p.NumMedia) ?? 0) || 0,
      },
      this.deps.clock.now(),
    );
    if (!row) {
      this.deps.log.info(`SMS ${messageSid} from ${logSafePhone(from)} delivered again: already recorded, ignored`);
      this.twiml(res);
      return;
    }
    this.deps.log.info(`SMS ${messageSid} from ${logSafePhone(from)} received (${body.length} characters)`);
    // Recorded: answer Twilio now, and run the turn after the answer (the webhook never waits on the bot).
    this.twiml(res);
    this.handle(row, true);
  }

  private async status(req: Request, res: Response): Promise<void> {
    const p = (req.body ?? {}) as Record<string, unknown>;
    const messageSid = one(p.MessageSid) ?? one(p.SmsSid);
    const status = (one(p.MessageStatus) ?? one(p.SmsStatus))?.toLowerCase();
    if (!messageSid || !status) {
      res.status(400).json(errorBody('invalid_request', 'A status callback needs MessageSid and MessageStatus.'));
      return;
    }
    const to = one(p.To) ?? '';
    const errorCode = one(p.ErrorCode)?.slice(0, 16) ?? null;
    const now = this.deps.clock.now();
    await this.repo.recordStatus(
      { messageSid, toNumber: to.slice(0, 32), status: status.slice(0, 24), errorCode },
      now,
    );
    if (errorCode === String(TWILIO_UNSUBSCRIBED) && E164.test(to))
      await this.repo.setOptedOut(to, true, `twilio:${TWILIO_UNSUBSCRIBED}`, now);
    if (errorCode)
      this.deps.log.info(`SMS ${messageSid} to ${logSafePhone(to)}: ${status} (Twilio error ${errorCode})`);
    else this.deps.log.debug(`SMS ${messageSid}: ${status}`);
    this.twiml(res);
  }

  private twiml(res: Response): void {
    res.status(200).type('text/xml').send(EMPTY_TWIML);
  }

  /**
   * Handles one recorded message in its number's queue (`afterAnswer`: once the webhook's answer is out), and closes
   * its row.
   */
  private handle(row: SmsInboundRow, afterAnswer = false): void {
    this.inFlight.add(row.id);
    const start = afterAnswer ? new Promise<void>((r) => setImmediate(r)) : Promise.resolve();
    const work = start
      .then(() =>
        this.adapter.serialise(row.fromNumber, async () => {
          const status = await this.process(row);
          await this.repo.finishInbound(row.id, status, this.deps.clock.now());
        }),
      )
      // The row stays 'processing': recovery takes it up again once it is stale.
      .catch((err: unknown) => {
        this.deps.log.error(`handling SMS ${row.messageSid} failed; it will be retried`, { err });
      })
      .finally(() => {
        this.inFlight.delete(row.id);
        this.pending.delete(work);
      });
    this.pending.add(work);
  }

  /** Keywords are answered here; everything else is a bot turn (not for opted-out numbers). */
  private async process(row: SmsInboundRow): Promise<Exclude<SmsInboundStatus, 'processing'>> {
    const phone = row.fromNumber;
    const who = logSafePhone(phone);
    const now = this.deps.clock.now();
    const keyword = smsKeyword(row.body);
    const optedOut = await this.repo.isOptedOut(phone);

    if (keyword === 'opt_out') {
      const source = row.body.trim().slice(0, 64).toUpperCase();
      if (!(await this.repo.setOptedOut(phone, true, source, now))) {
        this.deps.log.info(`SMS ${who} asked to opt out again: already opted out, nothing sent`);
        return 'ignored';
      }
      this.deps.log.info(`SMS ${who} opted out`);
      await this.adapter.deliver(phone, [this.texts.optedOut], { ignoreOptOut: true }); // the one confirmation
      return 'done';
    }
    if (keyword === 'opt_in' || (keyword === 'yes' && optedOut)) {
      if (await this.repo.setOptedOut(phone, false, row.body.trim().slice(0, 64).toUpperCase(), now))
        this.deps.log.info(`SMS ${who} opted back in`);
      await this.adapter.deliver(phone, [this.texts.optedIn]);
      return 'done';
    }
    if (keyword === 'help') {
      await this.adapter.deliver(phone, [this.texts.help]); // an opted-out number gets nothing, not even this
      return 'done';
    }
    if (optedOut) {
      this.deps.log.info(`SMS from ${who} not handled: the number opted out (it can reply START)`);
      return 'ignored';
    }
    if (row.body.trim() === '' && row.numMedia > 0) {
      await this.adapter.deliver(phone, ['Sorry, I can only read text messages. Please type what you need.']);
      return 'done';
    }
    const activity = this.adapter.inboundActivity({
      messageSid: row.messageSid,
      from: phone,
      to: row.toNumber,
      body: row.body,
      numMedia: row.numMedia,
      receivedAt: row.receivedAt,
    });
    await this.adapter.processActivity(activity, (ctx) => this.parts.bot.run(ctx));
    return 'done';
  }

  recover(): Promise<number> {
    this.recovering ??= this.recoverPass().finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  private async recoverPass(): Promise<number> {
    const now = this.deps.clock.now();
    const cutoff = new Date(now.getTime() - this.staleAfterMs);
    let taken = 0;
    for (const row of await this.repo.stale(cutoff)) {
      if (this.inFlight.has(row.id)) continue;
      if (row.receivedAt.getTime() < now.getTime() - this.maxAgeMs) {
        this.deps.log.warn(
          `SMS ${row.messageSid} from ` +
            `${logSafePhone(row.fromNumber)} was never handled and is too old to answer now: dropped`,
        );
        await this.repo.finishInbound(row.id, 'expired', now);
        continue;
      }
      if (row.attempts >= this.maxAttempts) {
        this.deps.log.error(
          `SMS ${row.messageSid} from ${logSafePhone(row.fromNumber)} failed ${row.attempts} times: given up`,
        );
        await this.repo.finishInbound(row.id, 'failed', now);
        continue;
      }
      if (!(await this.repo.reclaim(row.id, cutoff, now))) continue; // another instance took it
      this.deps.log.info(
        `SMS ${row.messageSid} from ` +
          `${logSafePhone(row.fromNumber)} recorded but not handled: handling it now (attempt ` +
          `${row.attempts + 1})`,
      );
      this.handle({ ...row, attempts: row.attempts + 1, claimedAt: now });
      taken++;
    }
    return taken;
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    await Promise.race([this.idle(), new Promise<void>((r) => setTimeout(r, 10_000).unref())]);
  }
}
