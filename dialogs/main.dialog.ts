import { ActivityTypes, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  type DialogContext,
  type DialogTurnResult,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { BotMessage } from '../cards/types';
import { BOOK_FLIGHT_DIALOG, BookFlightDialog, startDraft } from './book-flight/book-flight.dialog';
import { criteriaChanges } from './book-flight/draft';
import type { DialogDeps } from './core/deps';
import { conversationKey, identityOf, memoryOf } from './core/deps';
import { understand } from './core/understand';
import { answerIfQuestion, answerQuestion } from './help.dialog';
import { MANAGE_BOOKING_DIALOG, ManageBookingDialog } from './manage-booking/manage-booking.dialog';
import { matchChoice, type Reply, replyOf, say } from './messages';
import type { Understanding } from './nlu';

export const MAIN_DIALOG = 'main';
const ROUTE = 'mainRoute';
const TOP_CHOICES = 'mainTopChoices';

const START_OVER = "OK, let's start over. Where would you like to fly, or what can I help with?";

const MENU: BotMessage['choices'] = [
  { value: 'menu:book', label: 'Book a flight' },
  { value: 'menu:manage', label: 'My booking' },
  { value: 'menu:help', label: 'Help' },
];

/**
 * The conversation's root: understands what the traveller wants (book, check or change a booking,
 * cancel, help, a person) and starts that flow; and at any step of any flow handles the interruptions
 * "help" (answer, then ask again), "start over", "cancel" and "talk to an agent".
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(new BookFlightDialog(deps))
      .addDialog(new ManageBookingDialog(deps))
      .addDialog(new TopChoicesDialog())
      .addDialog(new WaterfallDialog(ROUTE, [this.routeStep.bind(this), this.afterStep.bind(this)]));
    this.initialDialogId = ROUTE;
  }

  /** Starts the flow the message asks for (or the choice picked from the last top-level message). */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const o = (step.options ?? {}) as RouteOptions;
    if (o.show) return this.answer(step, o.show);
    if (ctx.activity.type !== ActivityTypes.Message) return step.endDialog();
    const reply = replyOf(ctx);
    const choice = o.choice ?? matchChoice(reply, { text: '', choices: MENU })?.value ?? commandOf(reply);
    const u = await understand(this.deps, ctx);
    if (choice === 'menu:book') return step.beginDialog(BOOK_FLIGHT_DIALOG, startDraft({}));
    if (choice === 'menu:manage') return step.beginDialog(MANAGE_BOOKING_DIALOG, {});
    if (choice === 'menu:help') return this.answer(step, await answerQuestion(this.deps, ctx, u, { bare: true }));
    if (choice === 'menu:faq')
      return this.answer(
        step,
        await answerQuestion(this.deps, ctx, u, { question: 'baggage allowance', topic: 'baggage' }),
      );
    if (choice?.startsWith('pay'))
      return step.beginDialog(MANAGE_BOOKING_DIALOG, { pnr: choice.slice(4) || undefined, action: 'pay' });
    if (CASE_STATUS.test(reply.text)) return this.answer(step, await caseStatusMessage(this.deps, ctx));
    // A booking reference with no trip in the message is about that booking ("send me the ticket for ABC234").
    const aboutBooking = u.pnr && !u.origin && !u.destination && !u.departDate;
    switch (u.intent) {
      case 'search_flights':
        if (aboutBooking) return step.beginDialog(MANAGE_BOOKING_DIALOG, { pnr: u.pnr ?? undefined });
        return step.beginDialog(
          BOOK_FLIGHT_DIALOG,
          startDraft({ ...(criteriaChanges(u, {}) ?? {}), ...filters(u) }, u),
        );
      case 'manage_booking':
      case 'cancel_booking':
      case 'change_seats':
        return step.beginDialog(MANAGE_BOOKING_DIALOG, {
          pnr: u.pnr ?? undefined,
          action: u.intent === 'cancel_booking' ? 'cancel' : u.intent === 'change_seats' ? 'seats' : undefined,
        });
      case 'help':
        return this.answer(step, await answerQuestion(this.deps, ctx, u));
      case 'agent':
      case 'complaint':
        await say(
          ctx,
          await escalate(
            this.deps,
            ctx,
            u.intent === 'complaint' ? 'complaint' : 'handoff',
            u.intent === 'complaint' ? 'complaint' : 'asked_for_agent',
          ),
        );
        return step.endDialog();
      case 'thanks':
        await say(ctx, "You're welcome! Anything else?");
        return step.endDialog();
      case 'goodbye':
        await say(ctx, 'Goodbye, and have a good trip!');
        return step.endDialog();
      case 'start_over':
        return this.answer(step, { text: START_OVER, choices: MENU });
      case 'abort':
        return this.answer(step, { text: 'OK. Is there anything else I can help with?', choices: MENU });
      default: {
        if (u.pnr) return step.beginDialog(MANAGE_BOOKING_DIALOG, { pnr: u.pnr });
        if (u.origin || u.destination || u.departDate)
          return step.beginDialog(
            BOOK_FLIGHT_DIALOG,
            startDraft({ ...(criteriaChanges(u, {}) ?? {}), ...filters(u) }, u),
          );
        // A question no intent rule knows ("which cards do you accept?") may still be in the help pages.
        const faq = u.intent === 'none' ? await answerIfQuestion(this.deps, ctx) : null;
        if (faq) return this.answer(step, faq);
        const who = await identityOf(this.deps, ctx);
        const hello =
          u.intent === 'greeting'
            ? `Hi${who.firstName ? ` ${who.firstName}` : ''}! `
            : "Sorry, I didn't understand that. ";
        return this.answer(step, {
          text: `${hello}I can book flights, look after your booking, or answer questions. Try "London to New York next Friday, 2 adults".`,
          choices: MENU,
        });
      }
    }
  }

  /** Says a top-level message; with choices, keeps it so that its numbers and labels pick them next turn. */
  private async answer(step: WaterfallStepContext, m: BotMessage): Promise<DialogTurnResult> {
    if (!m.choices?.length) {
      await say(step.context, m);
      return step.endDialog();
    }
    return step.beginDialog(TOP_CHOICES, { shown: m });
  }

  /** A reply to a top-level message is routed afresh, with the choice it picked (if any). */
  private async afterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as TopChoicesResult | undefined;
    if (r && 'reroute' in r) return step.replaceDialog(ROUTE, { choice: r.choice } satisfies RouteOptions);
    return step.endDialog(step.result);
  }

  /** Interruptions, checked before the active step sees the message. */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const ctx = inner.context;
    // At the top level there is no flow to come back to: the route step handles everything itself.
    if (
      ctx.activity.type === ActivityTypes.Message &&
      (ctx.activity.text ?? '').trim() &&
      inner.activeDialog?.id !== TOP_CHOICES
    ) {
      const reply = replyOf(ctx);
      // An answer to the question on screen is never an interruption ("Cancel" may be a button).
      const shown = leafShown(inner);
      if (!(shown && matchChoice(reply, shown))) {
        const u = await understand(this.deps, ctx);
        const handled = await this.interrupt(inner, u);
        if (handled) return handled;
      }
    }
    return super.onContinueDialog(inner);
  }

  private async interrupt(inner: DialogContext, u: Understanding): Promise<DialogTurnResult | null> {
    const ctx = inner.context;
    switch (u.intent) {
      case 'start_over':
        await inner.cancelAllDialogs();
        return inner.beginDialog(ROUTE, { show: { text: START_OVER, choices: MENU } } satisfies RouteOptions);
      case 'abort':
        await inner.cancelAllDialogs();
        return inner.beginDialog(ROUTE, {
          show: { text: "OK, I've stopped that; nothing was booked or changed. Anything else?", choices: MENU },
        } satisfies RouteOptions);
      case 'help': {
        if (u.confidence < 0.5) return null;
        // The question on screen is asked again below: the answer's own shortcuts would clash with its numbers.
        const { choices: _shortcuts, ...answer } = await answerQuestion(this.deps, ctx, u);
        await say(ctx, answer);
        await inner.repromptDialog();
        return Dialog.EndOfTurn;
      }
      case 'agent':
      case 'complaint':
        await say(
          ctx,
          await escalate(
            this.deps,
            ctx,
            u.intent === 'complaint' ? 'complaint' : 'handoff',
            u.intent === 'complaint' ? 'complaint' : 'asked_for_agent',
          ),
        );
        await inner.repromptDialog();
        return Dialog.EndOfTurn;
      default:
        return null;
    }
  }
}

/** Opens (or joins) a support case with everything agents need, and returns what to tell the traveller. */
export async function escalate(
  deps: DialogDeps,
  ctx: TurnContext,
  kind: 'handoff' | 'complaint',
  reason: string,
): Promise<string> {
  const who = await identityOf(deps, ctx);
  const memory = await memoryOf(deps, ctx);
  memory.misunderstood = 0;
  const r = await deps.api.requestAgent({
    conversationKey: conversationKey(ctx),
    channelId: ctx.activity.channelId,
    userId: who.userId,
    name: who.firstName ?? ctx.activity.from?.name ?? null,
    email: who.email,
    kind,
    reason,
    booking: memory.booking ?? null,
    recent: memory.recent,
  });
  return r.message;
}

interface RouteOptions {
  /** The value picked from the last top-level message's choices. */
  choice?: string;
  /** A top-level message to show (and keep) instead of routing this turn's message. */
  show?: BotMessage;
}

type TopChoicesResult = { reroute: true; choice?: string };

/**
 * Keeps a top-level message (the menu, a help answer) on screen: the next reply ends it and is routed
 * afresh, with the choice it picked by number or label ("3" is the third choice of this message).
 */
class TopChoicesDialog extends Dialog<{ shown: BotMessage }> {
  constructor() {
    super(TOP_CHOICES);
  }

  override async beginDialog(dc: DialogContext, o?: { shown: BotMessage }): Promise<DialogTurnResult> {
    dc.activeDialog!.state = { shown: o!.shown };
    await say(dc.context, o!.shown);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const { shown } = dc.activeDialog!.state as { shown: BotMessage };
    return dc.endDialog({
      reroute: true,
      choice: matchChoice(replyOf(dc.context), shown)?.value,
    } satisfies TopChoicesResult);
  }
}

/**
 * What a bare command from a message sent outside the dialogs means: "pay" or "New payment link"
 * (after a declined payment), "Search again" (after a hold ended). Buttons send the value itself.
 */
function commandOf(reply: Reply): string | undefined {
  const value = reply.value && 'choice' in reply.value ? reply.value.choice : null;
  if (value && /^(pay(:[A-Z0-9]{6})?|menu:(book|manage|help|faq))$/.test(value)) return value;
  if (/^(pay|pay now|new payment link|(send me )?(a )?(new )?payment link)[.!]?$/i.test(reply.text)) return 'pay';
  if (/^(search again|book again|new search)[.!]?$/i.test(reply.text)) return 'menu:book';
  return undefined;
}

/** "what's the status of my complaint", "any news on my case?", "update on my support request". */
const CASE_STATUS =
  /\b(status|update|progress|news|happening)\b.{0,30}\b(complaint|case|ticket|support request|request)\b|\bmy (complaint|support case|case)\b/i;

/** The traveller's latest support case and what agents have noted on it. */
async function caseStatusMessage(deps: DialogDeps, ctx: TurnContext): Promise<BotMessage> {
  const who = await identityOf(deps, ctx);
  const c = await deps.api.caseStatus(conversationKey(ctx), who.userId);
  if (!c)
    return {
      text:
        "I can't find a support case from you. If something went wrong, tell " +
        'me and I\'ll pass it to our team, or say "talk to an agent".',
    };
  const state = { queued: 'waiting for an agent', agent: 'with an agent', bot: 'open', resolved: 'resolved' }[c.status];
  return {
    text:
      `Your ` +
      `${c.kind === 'complaint' ? 'complaint' : 'support case'} #` +
      `${c.id} (opened ${c.openedAt.slice(0, 10)}) is ${state}.` +
      `${c.progress && c.status !== 'resolved' ? ` Latest from our team: ${c.progress}.` : ''}`,
  };
}

/** Filters stated with the first request ("cheapest nonstop … tomorrow morning"). */
function filters(u: Understanding) {
  return {
    ...(u.nonStop !== null ? { nonStop: u.nonStop } : {}),
    ...(u.departTime ? { departTime: u.departTime } : {}),
    ...(u.returnTime ? { returnTime: u.returnTime } : {}),
    ...(u.airline ? { airline: u.airline.code, airlineName: u.airline.name } : {}),
    ...(u.sort ? { sort: u.sort } : {}),
    ...(u.flexDays !== null ? { flexDays: Math.min(3, u.flexDays) } : {}),
    ...(u.cabin ? { cabin: u.cabin } : {}),
  };
}

/** The message the innermost active step last showed. */
function leafShown(dc: DialogContext): BotMessage | null {
  let cur: DialogContext | undefined = dc;
  while (cur?.child) cur = cur.child;
  const state = cur?.activeDialog?.state as { shown?: BotMessage } | undefined;
  return state?.shown ?? null;
}
