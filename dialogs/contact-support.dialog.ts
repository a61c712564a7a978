import type { TurnContext } from 'botbuilder';
import type { BotMessage } from '../cards/types';
import { conversationKey, type DialogDeps, identityOf, memoryOf } from './core/deps';
import { StepDialog, type StepOutcome } from './core/step.dialog';
import { type Reply, say } from './messages';

export const CONTACT_SUPPORT_DIALOG = 'contactSupport';

export type CaseKind = 'handoff' | 'complaint';

interface Options {
  kind: CaseKind;
  /** What the case is about, when the request already said it (a complaint). */
  reason?: string;
}

interface Data {
  reason?: string;
}

const EMAIL = /[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}/i;
const PHONE = /\+?\d[\d\s().-]{6,}\d/;
const NO_CONTACT = /^\s*(skip|no|nope|no thanks?|none|rather not|i'?d rather not|anonymous)\b/i;

/**
 * A request for a person when no agent can pick it up in the chat: asks what it is about and how the team
 * can reach the traveller (an email or phone number, or none), then opens the case. Nobody is promised an
 * email follow-up unless they gave an address (or are signed in with a verified one).
 */
export class ContactSupportDialog extends StepDialog<Options, undefined, Data> {
  constructor(deps: DialogDeps) {
    super(CONTACT_SUPPORT_DIALOG, deps);
  }

  protected initialData(o: Options): Data {
    return o.reason ? { reason: o.reason } : {};
  }

  protected override async ask(_ctx: TurnContext, o: Options, data: Data): Promise<BotMessage> {
    if (!data.reason)
      return {
        text:
          o.kind === 'complaint'
            ? "I'm sorry about this. I'll pass it to our support team: in a few words, what went wrong?"
            : "I'll pass this to our support team. In a few words, what do you need help with?",
      };
    return {
      text:
        'How can our team reach you? Type your email address or phone number, or say "skip" and quote your ' +
        'case number when you contact us.',
    };
  }

  /** The first message that starts this dialog may already be enough (a complaint from a verified traveller). */
  override async beginDialog(
    dc: Parameters<StepDialog<Options, undefined, Data>['beginDialog']>[0],
    options?: Options,
  ): ReturnType<StepDialog<Options, undefined, Data>['beginDialog']> {
    const o = options ?? { kind: 'handoff' };
    const who = await identityOf(this.deps, dc.context);
    if (o.reason && who.email) {
      await say(dc.context, await escalate(this.deps, dc.context, o.kind, o.reason, {}));
      return dc.endDialog();
    }
    return super.beginDialog(dc, o);
  }

  protected override async interpret(
    ctx: TurnContext,
    o: Options,
    data: Data,
    reply: Reply,
  ): Promise<StepOutcome<undefined>> {
    const text = reply.text.trim();
    if (!data.reason) {
      if (text.length < 3)
        return { kind: 'retry', message: { text: 'Please tell me in a few words what it is about.' } };
      data.reason = text.slice(0, 500);
      if ((await identityOf(this.deps, ctx)).email) return this.open(ctx, o, data, {});
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
    const email = EMAIL.exec(text)?.[0];
    const phone = email ? undefined : PHONE.exec(text)?.[0]?.trim();
    if (email || phone) return this.open(ctx, o, data, { email, phone });
    if (NO_CONTACT.test(text)) return this.open(ctx, o, data, {});
    return {
      kind: 'retry',
      message: { text: 'That does not look like an email address or a phone number. Type one, or say "skip".' },
    };
  }

  private async open(
    ctx: TurnContext,
    o: Options,
    data: Data,
    contact: { email?: string; phone?: string },
  ): Promise<StepOutcome<undefined>> {
    await say(ctx, await escalate(this.deps, ctx, o.kind, data.reason!, contact));
    return { kind: 'done', result: undefined };
  }
}

/**
 * Opens (or joins) a support case with everything agents need, and returns what to tell the traveller.
 * `contact` is what the traveller gave in this conversation; a verified email is used otherwise.
 */
export async function escalate(
  deps: DialogDeps,
  ctx: TurnContext,
  kind: CaseKind,
  reason: string,
  contact: { email?: string; phone?: string } = {},
): Promise<string> {
  const who = await identityOf(deps, ctx);
  const memory = await memoryOf(deps, ctx);
  memory.misunderstood = 0;
  const r = await deps.api.requestAgent({
    conversationKey: conversationKey(ctx),
    channelId: ctx.activity.channelId,
    userId: who.userId,
    name: who.firstName ?? ctx.activity.from?.name ?? null,
    email: contact.email ?? who.email,
    phone: contact.phone ?? null,
    kind,
    reason: contact.phone ? `${reason} (phone: ${contact.phone})` : reason,
    booking: memory.booking ?? null,
    recent: memory.recent,
  });
  return r.message;
}
