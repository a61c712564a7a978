import {
  type Activity,
  ActivityHandler,
  ActivityTypes,
  type ConversationState,
  type StatePropertyAccessor,
  TurnContext,
  type UserState,
} from 'botbuilder';
import {
  type Dialog,
  DialogSet,
  type DialogState,
  type DialogStateManagerConfiguration,
  DialogTurnStatus,
} from 'botbuilder-dialogs';
import { turnCaller } from './chat-limits';
import type { Logger } from '../api/logger';
import type { Clock } from '../api/services/clock';
import { conversationKey, NOBODY } from '../dialogs/core/deps';
import { type ConversationMemory, emptyMemory, remember } from '../dialogs/core/memory';
import { DIALOG_STATE_VERSION, LOST_OUR_PLACE, salvageCriteria } from '../dialogs/core/recovery';
import type { Recovered } from '../dialogs/main.dialog';
import { say } from '../dialogs/messages';
import type { ChatIdentity } from '../dialogs/ports';
import type { ConversationRefRepository } from './conversation-refs.repository';
import { jetwayAuthOf } from './directline';
import { ANONYMOUS_DISPLAY_NAME } from './directline/directline.service';
import { answerPending } from './feedback';
import type { HandoffRelay } from './handoff/handoff-relay';
import type { SupportCaseRow } from '../api/domain/records';
import type { AccountsApi, FeedbackApi, SupportApi } from './ports';
import { CARD_REMOVED, redactCardNumbersDeep } from './redact';

/** Turns in a row the bot could not understand before it brings in a person. */
const MISUNDERSTOOD_LIMIT = 2;

/**
 * How long a conversation found without any unresolved support case skips the look-up. Cases are opened in
 * the conversation's own turns, which clear the mark (see JetwayBot.activeCase); the bound covers any other
 * way a case could appear (none today), which would then be seen at most this much later.
 */
const CASE_RECHECK_MS = 60_000;
/** Where a dialog context looks for its memory scopes and path resolvers in the turn state (botbuilder-dialogs). */
const DIALOG_STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

export interface BotParts {
  conversationState: ConversationState;
  userState: UserState;
  identity: StatePropertyAccessor<ChatIdentity>;
  memory: StatePropertyAccessor<ConversationMemory>;
  dialog: Dialog;
  refs: ConversationRefRepository;
  relay: Pick<HandoffRelay, 'escalate' | 'travellerSaid' | 'followupRequested' | 'onCaseOpened'>;
  support: Pick<SupportApi, 'caseState'>;
  feedback: FeedbackApi;
  accounts: Pick<AccountsApi, 'identityOf' | 'linkAddress' | 'accountOfAddress'>;
  /** Who the bot introduces itself as. */
  brandName: string;
  log: Logger;
  clock: Clock;
}

/**
 * The one bot every channel runs. Per message: keep the conversation reference (for messages later);
 * take a verified identity from the channel; refuse card numbers; answer a pending question (rating,
 * follow-up email); while a support case is open relay the message to the agents — and stay silent
 * while an agent holds the conversation; otherwise run the dialogs, and bring in a person after two
 * turns in a row the bot did not understand. Conversation and user state live in the database.
 */
export class JetwayBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  /** The shape version of the saved dialog state (none saved: the first, from before versions were kept). */
  private readonly dialogVersion: StatePropertyAccessor<number>;
  /** When (epoch ms) the conversation was last found with no unresolved support case (unset: look it up). */
  private readonly noCaseSince: StatePropertyAccessor<number | undefined>;
  /** Conversations a case was opened or joined for in this process, since their last turn here. */
  private readonly casesOpened = new Set<string>();
  private stateConfiguration?: DialogStateManagerConfiguration;

  constructor(private readonly p: BotParts) {
    super();
    this.dialogState = p.conversationState.createProperty('dialogState');
    this.dialogVersion = p.conversationState.createProperty('dialogStateVersion');
    this.noCaseSince = p.conversationState.createProperty('noSupportCaseSince');
    p.relay.onCaseOpened((key) => this.casesOpened.add(key));

    this.onMessage(async (ctx, next) => {
      const cardRemoved = removeCardNumbers(ctx.activity);
      await this.syncIdentity(ctx);
      await this.nameFromAccount(ctx);
      await this.rememberConversation(ctx);
      const memory = await p.memory.get(ctx, emptyMemory());
      this.recordOutgoing(ctx, memory);
      if (cardRemoved) {
        remember(memory, 'traveller', ctx.activity.text ?? '', p.clock.now());
        await say(
          ctx,
          'For your safety, please never type card numbers in the chat: I have ' +
            'not kept it. You pay only on the secure payment page I send you.',
        );
        return next();
      }
      remember(memory, 'traveller', ctx.activity.text ?? '', p.clock.now());
      const key = conversationKey(ctx);
      const who = await p.identity.get(ctx, { ...NOBODY });
      if (await answerPending(ctx, memory, p, key, who.userId)) return next();
      const open = await this.activeCase(ctx, key);
      if (open) {
        await p.relay.travellerSaid(open, ctx.activity.text ?? '(a card action)');
        if (open.status === 'agent') return next(); // the agent answers; the bot stays silent
      }
      await this.runDialog(ctx);
      await this.linkVerifiedAddress(ctx, who);
      if (memory.misunderstood >= MISUNDERSTOOD_LIMIT && !open) {
        memory.misunderstood = 0;
        const r = await p.relay.escalate({
          conversationKey: key,
          channelId: ctx.activity.channelId,
          userId: who.userId,
          name: who.firstName,
          email: who.email,
          kind: 'handoff',
          reason: 'not_understood',
          booking: memory.booking ?? null,
          recent: memory.recent,
        });
        await say(ctx, `I'm sorry I keep missing what you mean. ${r.message}`);
      }
      await next();
    });

    this.onMembersAdded(async (ctx, next) => {
      const joined = (ctx.activity.membersAdded ?? []).some((m) => m.id !== ctx.activity.recipient?.id);
      if (joined) {
        // A conversation starting now has no support case: its first message need not look for one.
        const state = await p.conversationState.load(ctx);
        if (Object.keys(state).every((k) => k === 'eTag')) await this.noCaseSince.set(ctx, p.clock.now().getTime());
        await this.rememberConversation(ctx);
        await say(ctx, {
          text:
            `Hi! I'm the ` +
            `${p.brandName} assistant. I can find and book flights, look after your booking, or answer questions. ` +
            'Where would you like to fly?',
          choices: [
            { value: 'menu:book', label: 'Book a flight' },
            { value: 'menu:manage', label: 'My booking' },
            { value: 'menu:help', label: 'Help' },
          ],
        });
      }
      await next();
    });
  }

  override async run(ctx: TurnContext): Promise<void> {
    // Both states are needed in every turn: loaded together, they come in one query (see DbStorage).
    await Promise.all([this.p.conversationState.load(ctx), this.p.userState.load(ctx)]);
    // Who is on the other end, for the rate limits of booking look-ups: the web chat's client address as
    // Direct Line saw it, else the channel's own address (a phone number, a Slack user).
    const address = jetwayAuthOf(ctx.activity)?.address ?? `${ctx.activity.channelId}:${ctx.activity.from?.id}`;
    const key = conversationKey(ctx);
    await turnCaller.run({ address, conversationKey: key }, () => super.run(ctx));
    // A case opened in this turn: the next turn, here or on another instance, looks it up.
    if (this.casesOpened.delete(key)) await this.noCaseSince.delete(ctx);
    await this.p.conversationState.saveChanges(ctx, false);
    await this.p.userState.saveChanges(ctx, false);
  }

  /**
   * The conversation's open support case. A conversation found without any unresolved case keeps a mark in
   * its state and skips the look-up (one statement a turn) until a case is opened for it (by a turn of it:
   * the mark is cleared before that turn's state is saved, so every instance sees it) or CASE_RECHECK_MS pass.
   */
  private async activeCase(ctx: TurnContext, key: string): Promise<SupportCaseRow | null> {
    const now = this.p.clock.now().getTime();
    const since = await this.noCaseSince.get(ctx);
    if (since !== undefined && now - since >= 0 && now - since < CASE_RECHECK_MS && !this.casesOpened.has(key))
      return null;
    this.casesOpened.delete(key);
    const { active, unresolved } = await this.p.support.caseState(key);
    if (unresolved) await this.noCaseSince.delete(ctx);
    else await this.noCaseSince.set(ctx, now);
    return active;
  }

  /**
   * Runs the dialogs on the saved dialog state. State saved by code of another shape, or on which a dialog
   * throws, is reset with an apology instead of failing again on every later turn; the trip the traveller
   * had described is kept where it still reads right.
   */
  private async runDialog(ctx: TurnContext): Promise<void> {
    const conversation = conversationKey(ctx);
    const saved = await this.dialogState.get(ctx);
    const version = (await this.dialogVersion.get(ctx)) ?? 1;
    if (saved?.dialogStack?.length && version !== DIALOG_STATE_VERSION) {
      this.p.log.warn('saved dialog state of another version was reset', { conversation, version });
      return this.restartDialogs(ctx, saved);
    }
    await this.dialogVersion.set(ctx, DIALOG_STATE_VERSION);
    try {
      const dc = await this.dialogContext(ctx);
      const r = await dc.continueDialog();
      if (r.status === DialogTurnStatus.empty) await dc.beginDialog(this.p.dialog.id);
    } catch (err) {
      this.p.log.error('a dialog failed on its saved state, which was reset', { err, conversation });
      await this.restartDialogs(ctx, saved);
    }
  }

  /** Starts the dialogs afresh, resuming the booking that `broken` held when anything of it can be read. */
  private async restartDialogs(ctx: TurnContext, broken: unknown): Promise<void> {
    const recovered: Recovered = { criteria: salvageCriteria(broken), answered: ctx.responded };
    await this.dialogState.delete(ctx);
    await this.dialogVersion.set(ctx, DIALOG_STATE_VERSION);
    try {
      const dc = await this.dialogContext(ctx);
      await dc.beginDialog(this.p.dialog.id, { recovered });
    } catch (err) {
      // Even a fresh start failed on this message: the next one starts clean.
      this.p.log.error('the dialogs failed again after a reset', { err, conversation: conversationKey(ctx) });
      await this.dialogState.delete(ctx);
      await say(ctx, `${LOST_OUR_PLACE} Please tell me again what you would like to do.`);
    }
  }

  /**
   * The turn's root dialog context. Every dialog context builds its memory scopes and path resolvers unless the turn
   * carries them; they hold no turn data (botbuilder's DialogManager shares one set too), so the first turn's serve all.
   */
  private async dialogContext(ctx: TurnContext) {
    if (this.stateConfiguration) ctx.turnState.set(DIALOG_STATE_CONFIGURATION, this.stateConfiguration);
    const set = new DialogSet(this.dialogState);
    set.add(this.p.dialog);
    const dc = await set.createContext(ctx);
    this.stateConfiguration ??= dc.state.configuration;
    return dc;
  }

  /** What the bot says goes into the recent transcript agents see. */
  private recordOutgoing(ctx: TurnContext, memory: ConversationMemory): void {
    ctx.onSendActivities(async (_c, activities: Partial<Activity>[], send) => {
      for (const a of activities)
        if (a.type === ActivityTypes.Message && a.text) remember(memory, 'bot', a.text, this.p.clock.now());
      return send();
    });
  }

  private async rememberConversation(ctx: TurnContext): Promise<void> {
    const who = await this.p.identity.get(ctx, { ...NOBODY });
    await this.p.refs
      .save(
        conversationKey(ctx),
        ctx.activity.channelId,
        TurnContext.getConversationReference(ctx.activity),
        who.userId,
      )
      .catch((err: unknown) => this.p.log.warn('saving a conversation reference failed', { err }));
  }

  /**
   * The name the rest of the system (conversation references, agents) sees is the account's first name or
   * "Traveller"; whatever the channel's client called itself is replaced. Attachments from a client are
   * dropped: the bot asks for none (a card's answer arrives as `value`).
   */
  private async nameFromAccount(ctx: TurnContext): Promise<void> {
    const who = await this.p.identity.get(ctx, { ...NOBODY });
    ctx.activity.from = { ...ctx.activity.from, name: who.firstName ?? ANONYMOUS_DISPLAY_NAME };
    ctx.activity.attachments = undefined;
  }

  /** An email verified from a phone or a Slack account links that address to the account for next time. */
  private async linkVerifiedAddress(ctx: TurnContext, before: ChatIdentity): Promise<void> {
    const after = await this.p.identity.get(ctx, { ...NOBODY });
    if (after.userId !== null && after.userId !== before.userId && !jetwayAuthOf(ctx.activity))
      await this.p.accounts.linkAddress(ctx.activity.channelId, ctx.activity.from.id, after.userId);
  }

  /**
   * Who the traveller is: a web page signed in as a jetway user proves it in the Direct Line token; a
   * phone number or Slack user proves it once an email was verified from it. Nothing a client merely
   * says counts.
   */
  private async syncIdentity(ctx: TurnContext): Promise<void> {
    const current = await this.p.identity.get(ctx, { ...NOBODY });
    const auth = jetwayAuthOf(ctx.activity);
    const m = auth ? /^u:(\d+)$/.exec(auth.userId) : null;
    const userId = m
      ? Number(m[1])
      : current.userId === null
        ? await this.p.accounts.accountOfAddress(ctx.activity.channelId, ctx.activity.from.id)
        : null;
    if (userId === null || current.userId === userId) return;
    const identity = await this.p.accounts.identityOf(userId);
    if (identity) await this.p.identity.set(ctx, identity);
  }
}

/**
 * Removes card-like numbers from everything a client can fill in (text, a card's `value`, channelData)
 * before the turn stores or understands any of it; true when one was found (the channel may have removed
 * it already, leaving the marker).
 */
function removeCardNumbers(activity: Activity): boolean {
  const cleaned = redactCardNumbersDeep({
    text: activity.text,
    value: activity.value as unknown,
    channelData: activity.channelData as unknown,
  });
  if (cleaned.found) {
    activity.text = cleaned.value.text as string;
    activity.value = cleaned.value.value;
    activity.channelData = cleaned.value.channelData;
  }
  return cleaned.found || (activity.text ?? '').includes(CARD_REMOVED);
}
