import {
  App,
  type Authorize,
  type AuthorizeResult,
  ExpressReceiver,
  LogLevel,
  type Logger as BoltLogger,
  webApi,
} from '@slack/bolt';
import type { TurnContext } from 'botbuilder';
import { Router, type Express } from 'express';
import type { Config } from '../../../api/config/config';
import type { Db } from '../../../api/db/db';
import type { Logger } from '../../../api/logger';
import type { Clock } from '../../../api/services/clock';
import { esc } from '../../../cards/slack/blocks';
import type { ConversationRefRepository } from '../../conversation-refs.repository';
import type { CaseActionsApi, SupportApi } from '../../ports';
import type { ProactiveChannel } from '../../proactive';
import { SlackAgentActions, type SlackAgentActionsDeps } from './agent-actions';
import { SlackAgentDirectory } from './agent-directory';
import { isCaseAction } from './case-blocks';
import { SlackCaseThreads } from './case-threads';
import type { ConversationQueue } from '../../conversation-queue';
import { SlackAdapter } from './slack.adapter';
import { SlackEventRepository } from './slack-events.repository';
import { fromSlackText } from './slack-text';

/** Where Slack sends Events API requests and interactive payloads (Request URL and Interactivity URL). */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackChannelOptions {
  /** Slack Web API client options (tests: fewer retries). */
  clientOptions?: webApi.WebClientOptions;
  /** How long a Slack user → agent lookup is cached (ms). Default 60 s. */
  agentCacheMs?: number;
  /** How long handled event ids are kept for de-duplication (ms). Default 1 hour. */
  dedupeWindowMs?: number;
}

/** The configuration the Slack channel reads. */
export type SlackSettings = Pick<
  Config,
  'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_SUPPORT_CHANNEL' | 'BRAND_NAME'
>;

export interface SlackChannelDeps {
  settings: SlackSettings;
  /** Where the channel keeps the deliveries it took (slack_events). */
  db: Db;
  log: Logger;
  clock: Clock;
  support: Pick<SupportApi, 'findCase' | 'caseOfThread' | 'caseDetails' | 'record'>;
  caseActions: Pick<
    CaseActionsApi,
    'staffByEmail' | 'viewBooking' | 'cancellationQuote' | 'linkBooking' | 'setProgress'
  >;
  refs: Pick<ConversationRefRepository, 'find'>;
  /** The conversation queue every channel shares (default: one of its own, this process only). */
  queue?: ConversationQueue;
}

/** What the Slack channel needs from the bot runtime. */
export interface SlackConnection {
  bot: { run(ctx: TurnContext): Promise<void> };
  relay: SlackAgentActionsDeps['relay'];
}

/** The parts of a Slack `message` event this channel reads. */
interface SlackMessageEvent {
  type: string;
  subtype?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  team?: string;
}

/** The parts of a block_actions payload this channel reads. */
interface SlackActionBody {
  type: string;
  user: { id: string };
  team?: { id: string } | null;
  channel?: { id: string };
  container?: { type?: string; channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean };
  message?: { ts: string; thread_ts?: string; text?: string; blocks?: { type: string }[] };
}

interface SlackAction {
  type: string;
  action_id: string;
  action_ts?: string;
  value?: string;
  url?: string;
  text?: { text: string };
  selected_option?: { value: string; text: { text: string } };
}

const TRAVELLER_SUBTYPES = new Set([undefined, 'file_share']);
const AGENT_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/**
 * The Slack channel: travellers book in DMs with the bot; support agents work handed-off conversations
 * in threads of SLACK_SUPPORT_CHANNEL. Bolt receives the requests — over HTTP at /slack/events on our
 * own express server (ExpressReceiver: signature checked with its 5-minute window, acknowledged before
 * any work), or over Socket Mode when SLACK_APP_TOKEN is set. Deliveries are de-duplicated in the
 * database (Slack retries). Everything that matters lives in the database, so any instance can serve
 * any DM or thread; the only per-process state is the agent lookup cache and the turn queues.
 */
export class SlackChannel {
  readonly client: webApi.WebClient;
  readonly adapter: SlackAdapter;
  readonly agents: SlackAgentDirectory;
  /** The agents' case threads; null without SLACK_SUPPORT_CHANNEL (travellers can still DM the bot). */
  readonly notifier: SlackCaseThreads | null;
  readonly socketMode: boolean;
  private readonly events: SlackEventRepository;
  private readonly inflight = new Set<Promise<void>>();
  private readonly opts: SlackChannelOptions;
  private app?: App;
  private receiver?: ExpressReceiver;
  private desk?: SlackAgentActions;
  private conn?: SlackConnection;
  private identity?: Promise<{ botId?: string; botUserId?: string }>;
  private pruner?: NodeJS.Timeout;
  private started = false;

  /** The channel when Slack is configured; otherwise null, with a log line saying how to turn it on. */
  static fromConfig(deps: SlackChannelDeps, opts: SlackChannelOptions = {}): SlackChannel | null {
    const c = deps.settings;
    if (!c.SLACK_BOT_TOKEN || (!c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN)) {
      deps.log.info(
        'Slack channel off (set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET for ' +
          '/slack/events, or SLACK_APP_TOKEN for Socket Mode; ' +
          'SLACK_SUPPORT_CHANNEL for agents)',
      );
      return null;
    }
    return new SlackChannel(deps, opts);
  }

  constructor(
    private readonly deps: SlackChannelDeps,
    opts: SlackChannelOptions = {},
  ) {
    this.opts = opts;
    const c = deps.settings;
    if (!c.SLACK_BOT_TOKEN) throw new Error('SlackChannel needs SLACK_BOT_TOKEN');
    this.socketMode = !!c.SLACK_APP_TOKEN;
    this.client = new webApi.WebClient(c.SLACK_BOT_TOKEN, {
      logger: boltLogger(deps.log),
      retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000 },
      ...opts.clientOptions,
    });
    this.adapter = new SlackAdapter({ client: this.client, clock: deps.clock, queue: deps.queue });
    this.agents = new SlackAgentDirectory(this.client, deps.caseActions, opts.agentCacheMs);
    this.events = new SlackEventRepository(deps.db);
    this.notifier = c.SLACK_SUPPORT_CHANNEL
      ? new SlackCaseThreads({
          client: this.client,
          channel: c.SLACK_SUPPORT_CHANNEL,
          support: deps.support,
          refs: deps.refs,
          log: deps.log,
        })
      : null;
    if (!this.notifier)
      deps.log.info("Slack agents' channel off (set SLACK_SUPPORT_CHANNEL to hand conversations to agents in Slack)");
  }

  /** Proactive messages to Slack travellers (register as the 'slack' channel). */
  get proactive(): ProactiveChannel {
    return { continue: (ref, logic) => this.adapter.continueConversation(ref, logic) };
  }

  /** Connects the bot and the handoff relay, and sets up Bolt (HTTP receiver or Socket Mode). */
  connect(conn: SlackConnection): void {
    this.conn = conn;
    const { settings: c, log, clock, support, caseActions } = this.deps;
    if (this.notifier)
      this.desk = new SlackAgentActions({
        client: this.client,
        relay: conn.relay,
        support,
        caseActions,
        agents: this.agents,
        threads: this.notifier,
        brandName: c.BRAND_NAME,
        clock,
        log,
      });
    const logger = boltLogger(log);
    const authorize = this.authorize();
    if (this.socketMode) this.app = new App({ appToken: c.SLACK_APP_TOKEN, socketMode: true, authorize, logger });
    else {
      this.receiver = new ExpressReceiver({
        signingSecret: c.SLACK_SIGNING_SECRET!,
        endpoints: SLACK_EVENTS_PATH,
        router: Router(),
        logger,
        processBeforeResponse: false,
      });
      this.app = new App({ receiver: this.receiver, authorize, logger });
    }
    // Events are acknowledged by Bolt before listeners run; the work is not awaited here.
    this.app.event('message', async ({ event, body }) => {
      this.track(this.onMessage(event as unknown as SlackMessageEvent, (body as { event_id?: string }).event_id));
    });
    this.app.action(/.*/, async ({ ack, body, action, respond }) => {
      await ack();
      this.track(this.onAction(body as unknown as SlackActionBody, action as unknown as SlackAction, respond));
    });
    this.app.error(async (err) => {
      this.deps.log.error('Slack request failed', { err });
    });
    this.pruner = setInterval(() => void this.prune(), 10 * 60_000);
    this.pruner.unref();
    void this.botIdentity();
  }

  /** Mounts POST /slack/events (before the JSON body parser: the signature covers the raw body). */
  mount(app: Express): void {
    if (this.receiver) app.use(this.receiver.router);
  }

  /** Opens the Socket Mode connection (nothing to do over HTTP). */
  async start(): Promise<void> {
    if (!this.socketMode || !this.app || this.started) return;
    await this.app.start();
    this.started = true;
    this.deps.log.info('Slack channel on (Socket Mode)');
  }

  async stop(): Promise<void> {
    if (this.pruner) clearInterval(this.pruner);
    if (this.started && this.app) await this.app.stop().catch(() => undefined);
    this.started = false;
    await this.idle();
  }

  /** Resolves when every request taken so far has been handled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private track(work: Promise<void>): void {
    const p = work
      .catch((err: unknown) => {
        this.deps.log.error('handling a Slack request failed', { err });
      })
      .finally(() => {
        this.inflight.delete(p);
      });
    this.inflight.add(p);
  }

  // ---------------------------------------------------------------------------------------------------

  private async onMessage(e: SlackMessageEvent, eventId: string | undefined): Promise<void> {
    if (e.type !== 'message' || e.bot_id || !e.user || !e.channel) return;
    const me = await this.botIdentity();
    if (me.botUserId && e.user === me.botUserId) return;
    if (e.channel_type === 'im') {
      if (
        !TRAVELLER_SUBTYPES.has(e.subtype) ||
        !(await this.firstDelivery(`event:${eventId ?? `${e.channel}:${e.ts}`}`))
      )
        return;
      await this.travellerTurn({
        channel: e.channel,
        user: e.user,
        text: fromSlackText(e.text ?? ''),
        ts: e.ts,
        team: e.team,
      });
      return;
    }
    // Agents: replies in a case thread of the support channel. Anything else (other channels, top-level posts) is
    // ignored.
    if (
      !this.desk ||
      !e.thread_ts ||
      e.thread_ts === e.ts ||
      !AGENT_SUBTYPES.has(e.subtype) ||
      !this.isSupportChannel(e.channel)
    )
      return;
    if (!(await this.desk.caseOfThread(e.channel, e.thread_ts))) return;
    if (!(await this.firstDelivery(`event:${eventId ?? `${e.channel}:${e.ts}`}`))) return;
    await this.desk.onThreadMessage({
      channel: e.channel,
      threadTs: e.thread_ts,
      user: e.user,
      text: fromSlackText(e.text ?? ''),
    });
  }

  private async onAction(
    body: SlackActionBody,
    action: SlackAction,
    respond?: (m: never) => Promise<unknown>,
  ): Promise<void> {
    if (body.type !== 'block_actions' || action.url) return; // link buttons only open their page
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (!channel) return;
    const key =
      `action:${channel}:${body.container?.message_ts ?? ''}:` +
      `${action.action_id}:${action.action_ts ?? ''}:` +
      `${body.user.id}`;
    if (isCaseAction(action.action_id)) {
      if (!this.desk || !this.isSupportChannel(channel) || !(await this.firstDelivery(key))) return;
      await this.desk.onAction({
        actionId: action.action_id,
        value: action.value ?? '',
        user: body.user.id,
        channel,
        threadTs: body.container?.thread_ts ?? body.message?.thread_ts,
        respond: respond as Parameters<SlackAgentActions['onAction']>[0]['respond'],
      });
      return;
    }
    // A traveller's pick in a DM: a button (value) or a select (selected option).
    if (!channel.startsWith('D')) return;
    const choice = action.selected_option?.value ?? action.value;
    if (choice === undefined || !(await this.firstDelivery(key))) return;
    const label = action.selected_option?.text.text ?? action.text?.text ?? choice;
    if (body.message?.ts && !body.container?.is_ephemeral) await this.markPicked(channel, body.message, label);
    await this.travellerTurn({
      channel,
      user: body.user.id,
      text: label,
      ts: action.action_ts ?? body.message?.ts ?? String(Date.now() / 1000),
      team: body.team?.id,
      choice,
    });
  }

  private async travellerTurn(m: Parameters<SlackAdapter['messageActivity']>[0]): Promise<void> {
    const bot = this.conn?.bot;
    if (!bot) return;
    const me = await this.botIdentity();
    if (me.botUserId && this.adapter.botAccount.id !== me.botUserId)
      this.adapter.botAccount = { id: me.botUserId, name: this.deps.settings.BRAND_NAME, role: 'bot' };
    await this.adapter.processActivity(this.adapter.messageActivity(m), (ctx) => bot.run(ctx));
  }

  /** The clicked message keeps its text; its buttons give way to what was picked (no double picks). */
  private async markPicked(
    channel: string,
    message: NonNullable<SlackActionBody['message']>,
    label: string,
  ): Promise<void> {
    if (!message.blocks?.some((b) => b.type === 'actions')) return;
    const blocks = [
      ...message.blocks.filter((b) => b.type !== 'actions'),
      { type: 'context', elements: [{ type: 'mrkdwn', text: `:white_check_mark: ${esc(label)}` }] },
    ];
    await this.client.chat
      .update({ channel, ts: message.ts, text: message.text ?? label, blocks } as unknown as webApi.ChatUpdateArguments)
      .catch((err: unknown) => this.deps.log.warn('updating a picked Slack message failed', { err }));
  }

  /** Events from the support channel: by id when SLACK_SUPPORT_CHANNEL is an id; by name we rely on the case lookup. */
  private isSupportChannel(channel: string): boolean {
    const configured = this.deps.settings.SLACK_SUPPORT_CHANNEL;
    if (!configured) return false;
    return /^[CG][A-Z0-9]+$/.test(configured) ? configured === channel : true;
  }

  private async firstDelivery(key: string): Promise<boolean> {
    const first = await this.events.claim(key, this.deps.clock.now());
    if (!first) this.deps.log.info(`Slack delivery ${key} already handled (a retry)`);
    return first;
  }

  private async prune(): Promise<void> {
    const window = this.opts.dedupeWindowMs ?? 60 * 60_000;
    await this.events
      .prune(new Date(this.deps.clock.now().getTime() - window))
      .catch((err: unknown) => this.deps.log.warn('pruning Slack event ids failed', { err }));
  }

  /** Bolt's authorization: our bot token, and the bot's ids from auth.test (cached; retried after a failure). */
  private authorize(): Authorize<boolean> {
    const botToken = this.deps.settings.SLACK_BOT_TOKEN!;
    return async (): Promise<AuthorizeResult> => {
      // Never hold up the 3-second acknowledgement on auth.test: without the ids our own filters still skip bot
      // messages.
      const ids = await Promise.race([
        this.botIdentity(),
        new Promise<{ botId?: string; botUserId?: string }>((r) => setTimeout(() => r({}), 1500).unref()),
      ]);
      return { botToken, ...ids };
    };
  }

  private botIdentity(): Promise<{ botId?: string; botUserId?: string }> {
    this.identity ??= this.client.auth.test().then(
      (r) => ({ botId: r.bot_id, botUserId: r.user_id }),
      (err: unknown) => {
        this.deps.log.warn('Slack auth.test failed (is SLACK_BOT_TOKEN right?)', { err });
        this.identity = undefined;
        return {};
      },
    );
    return this.identity;
  }
}

/** Bolt and the Web API client log through our logger. */
function boltLogger(log: Logger): BoltLogger {
  const line = (msg: unknown[]) =>
    `slack: ` +
    `${msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ')}`;
  return {
    debug: (...m: unknown[]) => void log.debug(line(m)),
    info: (...m: unknown[]) => void log.debug(line(m)),
    warn: (...m: unknown[]) => void log.warn(line(m)),
    error: (...m: unknown[]) => void log.error(line(m)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}
