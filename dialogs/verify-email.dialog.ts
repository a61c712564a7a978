import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../api/errors';
import { maskEmail } from '../api/services/booking-view';
import type { BotMessage } from '../cards/types';
import type { DialogDeps } from './core/deps';
import { conversationKey, identityOf } from './core/deps';
import { StepDialog, type StepOutcome } from './core/step.dialog';
import { ERROR_SENTENCES, errorSentence, sayableMessage } from './error-sentences';
import { matchChoice, type Reply } from './messages';
import type { ChatIdentity } from './ports';
import { criteriaChanges, saysChange } from './book-flight/draft';
import type { Understanding } from './nlu';
import type { SearchCriteria } from './state';

export const VERIFY_EMAIL_DIALOG = 'verifyEmail';

interface Options {
  email: string;
  firstName?: string;
  lastName?: string;
  /** The trip being booked: a change of plan typed instead of the code goes back to the booking. */
  criteria?: SearchCriteria;
}

/** Who was verified; null when the traveller stopped; or a change to the trip said instead of a code. */
export type VerifyEmailResult = ChatIdentity | null | { correction: Partial<SearchCriteria> };
interface Data {
  requestId?: string;
  attempts: number;
  problem?: string;
}

/**
 * Booking needs a verified traveller: signed in on the website, or an email confirmed here with a
 * 6-digit code we send to it. Wrong codes are re-asked; after three a new code is offered.
 */
export class VerifyEmailDialog extends StepDialog<Options, VerifyEmailResult, Data> {
  constructor(deps: DialogDeps) {
    super(VERIFY_EMAIL_DIALOG, deps);
  }

  protected initialData(): Data {
    return { attempts: 0 };
  }

  protected override async ask(ctx: TurnContext, o: Options, data: Data): Promise<BotMessage> {
    if (!data.requestId) {
      try {
        data.requestId = (await this.deps.api.sendEmailCode(o.email, conversationKey(ctx))).requestId;
      } catch (err) {
        if (isDomainError(err))
          return {
            // The limiter's message says where the codes went and how long to wait.
            text: err.code === 'rate_limited' ? sayableMessage(err) : errorSentence(err.code),
            choices: [
              { value: 'resend', label: 'Send a new code' },
              { value: 'stop', label: 'Not now' },
            ],
          };
        throw err;
      }
    }
    return {
      text:
        `${data.problem ? `${data.problem} ` : ''}To book, I need to confirm your email. I've sent a 6-digit code to ` +
        `${maskEmail(o.email)}; please type it here. (You can also sign in on the website.)`,
      choices: [{ value: 'resend', label: 'Send a new code' }],
    };
  }

  protected override async interpret(
    ctx: TurnContext,
    o: Options,
    data: Data,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<VerifyEmailResult>> {
    const picked = matchChoice(reply, shown);
    if (picked?.value === 'stop') return { kind: 'done', result: null };
    if (picked?.value === 'resend' || /\b(resend|new code|send (it )?again)\b/i.test(reply.text)) {
      delete data.requestId;
      data.attempts = 0;
      data.problem = 'New code sent.';
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
    const code =
      /\b(\d{6})\b/.exec(reply.text.replace(/\s+/g, ''))?.[1] ??
      /\b(\d{3})\s?(\d{3})\b/.exec(reply.text)?.slice(1).join('');
    if (!code) {
      const change = o.criteria && saysChange(reply.text) ? criteriaChanges(u, o.criteria, reply.text) : null;
      if (change) return { kind: 'done', result: { correction: change } };
      return {
        kind: 'retry',
        message: { text: 'Please type the 6-digit code from the email (or say "resend").', choices: shown.choices },
      };
    }
    try {
      const who = await this.deps.api.verifyEmailCode(data.requestId!, code, {
        firstName: o.firstName,
        lastName: o.lastName,
      });
      await this.deps.identity.set(ctx, who);
      return { kind: 'done', result: who };
    } catch (err) {
      if (!isDomainError(err)) throw err;
      data.attempts++;
      if (err.code === 'code_expired' || data.attempts >= 3) {
        delete data.requestId;
        data.problem = `${ERROR_SENTENCES[err.code].says} I've sent you a new code.`;
        data.attempts = 0;
        return { kind: 'show', message: await this.ask(ctx, o, data) };
      }
      return { kind: 'retry', message: { text: errorSentence(err.code), choices: shown.choices } };
    }
  }
}

export async function isVerified(deps: DialogDeps, ctx: TurnContext): Promise<boolean> {
  return (await identityOf(deps, ctx)).userId !== null;
}
