import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotMessage } from '../cards/types';
import { BOOK_FLIGHT_DIALOG, BookFlightDialog, startDraft } from './book-flight/book-flight.dialog';
import { criteriaChanges } from './book-flight/draft';
import type { DialogDeps } from './core/deps';
import { conversationKey, identityOf } from './core/deps';
import { understand } from './core/understand';
import { answerQuestion } from './help.dialog';
import { MANAGE_BOOKING_DIALOG, ManageBookingDialog } from './manage-booking.dialog';
import { matchChoice, replyOf, say } from './messages';
import type { Understanding } from './nlu';

export const MAIN_DIALOG = 'main';
const ROUTE = 'mainRoute';

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
      .addDialog(new WaterfallDialog(ROUTE, [this.routeStep.bind(this), this.afterStep.bind(this)]));
    this.initialDialogId = ROUTE;
  }

  /** Starts the flow the message asks for. */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    if (ctx.activity.type !== ActivityTypes.Message) return step.endDialog();
    const reply = replyOf(ctx);
    const menu = matchChoice(reply, { text: '', choices: MENU })?.value;
    const u = await understand(this.deps, ctx);
    if (menu === 'menu:book') return step.beginDialog(BOOK_FLIGHT_DIALOG, startDraft({}));
    if (menu === 'menu:manage') return step.beginDialog(MANAGE_BOOKING_DIALOG, {});
    switch (u.intent) {
      case 'search_flights':
        return step.beginDialog(BOOK_FLIGHT_DIALOG, startDraft({ ...(criteriaChanges(u, {}) ?? {}), ...filters(u) }));
      case 'manage_booking':
      case 'cancel_booking':
      case 'change_seats':
        return step.beginDialog(MANAGE_BOOKING_DIALOG, { pnr: u.pnr ?? undefined, action: u.intent === 'cancel_booking' ? 'cancel' : u.intent === 'change_seats' ? 'seats' : undefined });
      case 'help':
        await say(ctx, await answerQuestion(this.deps, ctx, u));
        return step.endDialog();
      case 'agent':
      case 'complaint':
        await say(ctx, (await this.deps.api.requestAgent(conversationKey(ctx), u.intent, {})).message);
        return step.endDialog();
      case 'thanks':
        await say(ctx, "You're welcome! Anything else?");
        return step.endDialog();
      case 'goodbye':
        await say(ctx, 'Goodbye, and have a good trip!');
        return step.endDialog();
      default: {
        if (u.pnr) return step.beginDialog(MANAGE_BOOKING_DIALOG, { pnr: u.pnr });
        if (u.origin || u.destination || u.departDate) return step.beginDialog(BOOK_FLIGHT_DIALOG, startDraft({ ...(criteriaChanges(u, {}) ?? {}), ...filters(u) }));
        const who = await identityOf(this.deps, ctx);
        const hello = u.intent === 'greeting' ? `Hi${who.firstName ? ` ${who.firstName}` : ''}! ` : "Sorry, I didn't understand that. ";
        await say(ctx, { text: `${hello}I can book flights, look after your booking, or answer questions. Try "London to New York next Friday, 2 adults".`, choices: MENU });
        return step.endDialog();
      }
    }
  }

  private async afterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }

  /** Interruptions, checked before the active step sees the message. */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const ctx = inner.context;
    if (ctx.activity.type === ActivityTypes.Message && (ctx.activity.text ?? '').trim()) {
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
        await say(ctx, { text: "OK, let's start over. Where would you like to fly, or what can I help with?", choices: MENU });
        return inner.endDialog();
      case 'abort':
        await inner.cancelAllDialogs();
        await say(ctx, { text: "OK, I've stopped that; nothing was booked or changed. Anything else?", choices: MENU });
        return inner.endDialog();
      case 'help':
        if (u.confidence < 0.5) return null;
        await say(ctx, await answerQuestion(this.deps, ctx, u));
        await inner.repromptDialog();
        return Dialog.EndOfTurn;
      case 'agent':
      case 'complaint':
        await say(ctx, (await this.deps.api.requestAgent(conversationKey(ctx), u.intent, { activeDialog: inner.activeDialog?.id })).message);
        await inner.repromptDialog();
        return Dialog.EndOfTurn;
      default:
        return null;
    }
  }
}

/** Filters stated with the first request ("cheapest nonstop … tomorrow morning"). */
function filters(u: Understanding) {
  return {
    ...(u.nonStop !== null ? { nonStop: u.nonStop } : {}),
    ...(u.departTime ? { departTime: u.departTime } : {}),
    ...(u.returnTime ? { returnTime: u.returnTime } : {}),
    ...(u.airline ? { airline: u.airline.code } : {}),
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
