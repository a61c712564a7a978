import { ActivityHandler, ActivityTypes, type ConversationState, type StatePropertyAccessor, TurnContext, type UserState } from 'botbuilder';
import { type Dialog, DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import type { UserRepository } from '../api/repositories/user.repository';
import type { Logger } from '../api/logger';
import { conversationKey, NOBODY } from '../dialogs/core/deps';
import { say } from '../dialogs/messages';
import type { ChatIdentity } from '../dialogs/ports';
import type { ConversationRefRepository } from './conversation-refs.repository';
import { jetwayAuthOf } from './directline';
import { redactCardNumbers } from './redact';

/**
 * The one bot every channel runs. Per turn: keep the conversation reference (for messages later),
 * take a verified identity from the channel (a signed-in web page), refuse card numbers, then run the
 * main dialog and save conversation and user state (kept in the database).
 */
export class JetwayBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly identity: StatePropertyAccessor<ChatIdentity>,
    private readonly dialog: Dialog,
    private readonly refs: ConversationRefRepository,
    private readonly users: UserRepository,
    private readonly log: Logger,
    private readonly brand: { name: string },
  ) {
    super();
    this.dialogState = conversationState.createProperty('dialogState');

    this.onMessage(async (ctx, next) => {
      await this.rememberConversation(ctx);
      await this.syncIdentity(ctx);
      const text = ctx.activity.text ?? '';
      const redacted = redactCardNumbers(text);
      if (redacted.found) {
        ctx.activity.text = redacted.text;
        await say(ctx, 'For your safety, please never type card numbers in the chat: I have not kept it. You pay only on the secure payment page I send you.');
        return next();
      }
      await this.runDialog(ctx);
      await next();
    });

    this.onMembersAdded(async (ctx, next) => {
      const joined = (ctx.activity.membersAdded ?? []).some((m) => m.id !== ctx.activity.recipient?.id);
      if (joined) {
        await this.rememberConversation(ctx);
        await say(ctx, {
          text: `Hi! I'm the ${this.brand.name} assistant. I can find and book flights, look after your booking, or answer questions. Where would you like to fly?`,
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
    await super.run(ctx);
    await this.conversationState.saveChanges(ctx, false);
    await this.userState.saveChanges(ctx, false);
  }

  private async runDialog(ctx: TurnContext): Promise<void> {
    const set = new DialogSet(this.dialogState);
    set.add(this.dialog);
    const dc = await set.createContext(ctx);
    const r = await dc.continueDialog();
    if (r.status === DialogTurnStatus.empty) await dc.beginDialog(this.dialog.id);
  }

  private async rememberConversation(ctx: TurnContext): Promise<void> {
    if (ctx.activity.type !== ActivityTypes.Message && ctx.activity.type !== ActivityTypes.ConversationUpdate) return;
    const who = await this.identity.get(ctx, { ...NOBODY });
    await this.refs.save(conversationKey(ctx), ctx.activity.channelId, TurnContext.getConversationReference(ctx.activity), who.userId).catch((err: unknown) => this.log.warn('saving a conversation reference failed', { err }));
  }

  /** A web page signed in as a jetway user proves it in the Direct Line token; nothing else a client sends does. */
  private async syncIdentity(ctx: TurnContext): Promise<void> {
    const auth = jetwayAuthOf(ctx.activity);
    const m = auth ? /^u:(\d+)$/.exec(auth.userId) : null;
    if (!m) return;
    const userId = Number(m[1]);
    const current = await this.identity.get(ctx, { ...NOBODY });
    if (current.userId === userId) return;
    const user = await this.users.findById(userId);
    if (user) await this.identity.set(ctx, { userId: user.id, role: user.role, email: user.email, firstName: user.firstName });
  }
}
