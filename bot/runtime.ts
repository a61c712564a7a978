import type { Server } from 'node:http';
import { ChatLimits } from './chat-limits';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationState,
  type TurnContext,
} from 'botbuilder';
import express, { type Express } from 'express';
import { errorBody } from '../api/http/middleware/error-handler';
import type { Logger } from '../api/logger';
import { conversationKey, type DialogDeps } from '../dialogs/core/deps';
import { MainDialog } from '../dialogs/main.dialog';
import { createRecognizer, Gazetteer, type Recognizer } from '../dialogs/nlu';
import type { ChatIdentity } from '../dialogs/ports';
import { refusingForgedTokens } from './azure.adapter';
import { handoffAgentDesk } from './handoff/agent-desks';
import { type AgentsChannel, NoAgentsChannel } from './handoff/agents-channel';
import { HandoffRelay } from './handoff/handoff-relay';
import type { ConversationMemory } from '../dialogs/core/memory';
import type { MessageBus } from '../api/vendors/bus/message-bus';
import { ConversationLeases } from './conversation-leases';
import { ConversationQueue } from './conversation-queue';
import { ConversationRefRepository } from './conversation-refs.repository';
import { createSmsChannel, type SmsChannel } from './channels/sms';
import { SLACK_CHANNEL_ID, SlackChannel } from './channels/slack';
import { createDirectLineRouter, type DirectLine, DirectLineAdapter } from './directline';
import { JetwayBot } from './jetway-bot';
import { Messenger, ProactiveChannels, subscribeBookingNotifications } from './proactive';
import { renderForWebChat } from './render/webchat.render';
import type { AgentDesk, Brand, EmailCodes, FaqSearch } from './ports';
import { type BotServices, buildBotPorts } from './service-ports';
import { DbStorage } from './storage/db-storage';
import { botStateKeys, LeanConversationState, LeanUserState } from './storage/lean-state';
import { createTravelApi } from './travel-api';
import { createDisruptionApi } from './disruption-api';
import { chatTokenRoutes, webPageRoutes } from './web.routes';

export interface BotRuntime {
  bot: JetwayBot;
  deps: DialogDeps;
  channels: ProactiveChannels;
  messenger: Messenger;
  /** Handed-off conversations between the traveller's channel and the agents'. */
  handoff: HandoffRelay;
  conversationState: ConversationState;
  directLine: DirectLine;
  directLineAdapter: DirectLineAdapter;
  /** SMS over Twilio (off without the Twilio settings). */
  sms: SmsChannel;
  /** Slack DMs and the agents' threads (null without the Slack settings). */
  slack: SlackChannel | null;
  /** Routes that parse their own bodies: Direct Line, the chat token, Azure's /api/messages. */
  beforeBody(app: Express): void;
  /** The chat page and the Web Chat bundle. */
  afterApi(app: Express): void;
  attach(server: Server): void;
  close(): Promise<void>;
}

export interface BotRuntimeParts {
  faq: FaqSearch;
  emailCodes: EmailCodes;
  /** Where support cases go (the Slack agents' channel); none by default. */
  agentsChannel?: AgentsChannel;
  /** Replaces the handoff desk (tests). */
  agentDesk?: AgentDesk;
  recognizer?: Recognizer;
  /** True while the process drains for shutdown (new Direct Line streams are refused: 503). */
  draining?: () => boolean;
  /** Between instances: Direct Line activities and typing reach sockets held elsewhere at once (REDIS_URL). */
  bus?: MessageBus;
}

/**
 * The recognizer over the airports, metros and airlines in the database (so admin changes are understood).
 * `onFallback` hears each time the language model failed and the offline recognizer answered (metrics).
 */
export function recognizerFor(
  s: Pick<BotServices, 'ref' | 'config' | 'log'>,
  onFallback?: (reason: string) => void,
): Recognizer {
  const gazetteer = new Gazetteer({
    airports: s.ref.allAirports().map((a) => ({ ...a, metro: a.metroCode ?? undefined })),
    metros: s.ref.allMetros().map((m) => ({ ...m, airports: s.ref.place(m.code)?.airports ?? [] })),
    airlines: s.ref.allAirlines(),
  });
  const c = s.config;
  return createRecognizer({
    gazetteer,
    openai: {
      apiKey: c.OPENAI_API_KEY,
      model: c.OPENAI_MODEL,
      baseURL: c.OPENAI_BASE_URL,
      timeoutMs: c.OPENAI_TIMEOUT_MS,
    },
    onFallback: (reason) => {
      s.log.warn(`language model unavailable, using the offline recognizer: ${reason}`);
      onFallback?.(reason);
    },
  });
}

/**
 * The bot runtime: state in the database, the dialogs over the booking services, the channels at the
 * edge (Direct Line for web chat; Azure Bot Service when configured), and proactive booking news. The
 * composition of the bot: the one place that reads the services (through ./service-ports.ts) and the
 * configuration; every module gets only its ports and settings.
 */
export function createBotRuntime(s: BotServices, parts: BotRuntimeParts): BotRuntime {
  const { support, caseActions, feedback, accounts, news } = buildBotPorts(s);
  const { log, clock, db } = s;
  const brand: Brand = {
    name: s.config.BRAND_NAME,
    supportEmail: s.config.SUPPORT_EMAIL,
    supportPhone: s.config.SUPPORT_PHONE,
    publicUrl: s.config.publicUrl,
  };
  const storage = new DbStorage(db);
  const conversationState = new LeanConversationState(storage);
  const userState = new LeanUserState(storage);
  const identity = userState.createProperty<ChatIdentity>('identity');
  const memory = conversationState.createProperty<ConversationMemory>('memory');
  const refs = new ConversationRefRepository(db);
  // One turn at a time per conversation, across channels and instances (a lease row per running turn).
  const queue = new ConversationQueue({
    lease: new ConversationLeases(db),
    // Every bot turn loads both states first: on MySQL they come in the lease claim's round trip.
    stateKeysOf: (activity) => botStateKeys(activity, [conversationState, userState]),
  });
  const channels = new ProactiveChannels();
  const messenger = new Messenger({ refs, channels, conversationState, memory, log, clock });
  // Logs how to turn it on when off.
  const slack = SlackChannel.fromConfig({ settings: s.config, db, log, clock, support, caseActions, refs, queue });
  const handoff = new HandoffRelay({
    support,
    caseActions,
    agents: parts.agentsChannel ?? slack?.notifier ?? new NoAgentsChannel(),
    messenger,
    brand,
    log,
  });
  const chatLimits = new ChatLimits(s.rateLimits, s.config);
  const api = createTravelApi({
    limitLookup: () => chatLimits.lookup(),
    services: s,
    support,
    refs,
    faq: parts.faq,
    codes: parts.emailCodes,
    desk: parts.agentDesk ?? handoffAgentDesk(handoff),
    feedback,
  });
  const deps: DialogDeps = {
    api,
    disruptions: createDisruptionApi(s.disruptions, () => chatLimits.lookup()),
    recognizer: parts.recognizer ?? recognizerFor(s),
    clock,
    identity,
    memory,
    brand,
    pageSize: 5,
  };
  const bot = new JetwayBot({
    conversationState,
    userState,
    identity,
    memory,
    dialog: new MainDialog(deps),
    refs,
    relay: handoff,
    support,
    feedback,
    accounts,
    brandName: brand.name,
    log,
    clock,
  });
  const onTurnError = (ctx: TurnContext, err: Error) => turnError(log, brand.supportEmail, ctx, err);

  const directLineAdapter = new DirectLineAdapter({ db, queue, render: renderForWebChat, now: () => clock.now() });
  directLineAdapter.onTurnError = onTurnError;
  const directLine = createDirectLineRouter({
    db,
    adapter: directLineAdapter,
    bot,
    config: s.config,
    log,
    nowMs: () => clock.now().getTime(),
    stream: { bus: parts.bus },
    limitMessage: (address, conversationId) => chatLimits.message(address, `directline:${conversationId}`),
    draining: parts.draining,
    // A signed-in page's chat token ('u:<id>') stops working when that user signs out or changes password.
    sessionCheck: async (userId, authTimeMs) => {
      const account = /^u:(\d+)$/.exec(userId);
      if (account) await accounts.checkSignedIn(Number(account[1]), authTimeMs);
    },
  });
  channels.register('directline', { continue: (ref, logic) => directLineAdapter.continueConversation(ref, logic) });
  // Registers 'sms' when configured.
  const sms = createSmsChannel({ config: s.config, db, log, clock }, { bot, channels, onTurnError, queue });
  if (slack) {
    slack.adapter.onTurnError = onTurnError;
    slack.connect({ bot, relay: handoff });
    channels.register(SLACK_CHANNEL_ID, slack.proactive);
  }

  let cloud: CloudAdapter | undefined;
  if (s.config.MICROSOFT_APP_ID) {
    const auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: s.config.MICROSOFT_APP_ID,
      MicrosoftAppPassword: s.config.MICROSOFT_APP_PASSWORD,
      MicrosoftAppType: s.config.MICROSOFT_APP_TYPE,
      MicrosoftAppTenantId: s.config.MICROSOFT_APP_TENANT_ID,
    });
    cloud = new CloudAdapter(refusingForgedTokens(auth));
    cloud.onTurnError = onTurnError;
    cloud.use({
      onTurn: async (ctx, next) => {
        ctx.onSendActivities(async (_c, activities, send) => {
          activities.forEach((a, i) => (activities[i] = renderForWebChat(a, clock.now())));
          return send();
        });
        await next();
      },
    });
    const appId = s.config.MICROSOFT_APP_ID;
    // Azure's turns go through the same queue (the CloudAdapter has none of its own).
    const queued = (logic: (ctx: TurnContext) => Promise<void>) => (ctx: TurnContext) =>
      queue.run(conversationKey(ctx), () => logic(ctx));
    channels.register('*', {
      continue: (ref, logic) => cloud!.continueConversationAsync(appId, ref, queued(logic)),
    });
  } else
    log.info('Azure Bot Service channel off (set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to enable /api/messages)');

  subscribeBookingNotifications({ news, refs, messenger });
  const followups = setInterval(
    () => void handoff.offerFollowups().catch((err: unknown) => log.warn('follow-up offers failed', { err })),
    30_000,
  );
  followups.unref();

  return {
    bot,
    deps,
    channels,
    messenger,
    handoff,
    conversationState,
    directLine,
    directLineAdapter,
    sms,
    slack,
    beforeBody(app) {
      slack?.mount(app); // Bolt's receiver: POST /slack/events, signature-checked on the raw body
      app.use(sms.router); // Twilio posts forms, parsed (and signature-checked) by the channel
      app.use('/v3/directline', directLine.router);
      app.use(chatTokenRoutes(accounts, directLine, chatLimits));
      if (cloud) {
        const adapter = cloud;
        // The CloudAdapter verifies Azure's signed JWT on every request (401 without it).
        app.post('/api/messages', express.json({ limit: '256kb' }), async (req, res) => {
          // A body that is not an activity is the caller's mistake, not ours.
          if (!req.body || typeof req.body !== 'object' || typeof (req.body as { type?: unknown }).type !== 'string') {
            res.status(400).json(errorBody('invalid_activity', 'The body must be a Bot Framework activity.'));
            return;
          }
          await adapter.process(req, res, (ctx) =>
            queue.runTurn(conversationKey(ctx), ctx.activity, () => bot.run(ctx)),
          );
        });
      }
    },
    afterApi(app) {
      app.use(webPageRoutes());
    },
    attach(server) {
      directLine.attachWebSocket(server);
      void slack?.start().catch((err: unknown) => log.error('Slack Socket Mode failed to start', { err }));
    },
    async close() {
      clearInterval(followups);
      await directLine.close();
      await sms.close();
      await slack?.stop();
    },
  };
}

async function turnError(log: Logger, supportEmail: string, ctx: TurnContext, err: Error): Promise<void> {
  log.error('bot turn failed', {
    err,
    channel: ctx.activity.channelId,
    conversation: conversationKey(ctx),
  });
  await ctx
    .sendActivity(`Sorry, something went wrong on our side. Please try again, or reach ${supportEmail}.`)
    .catch(() => undefined);
}
