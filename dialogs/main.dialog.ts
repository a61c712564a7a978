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
import { type CaseKind, CONTACT_SUPPORT_DIALOG, ContactSupportDialog, escalate } from './contact-support.dialog';
import type { DialogDeps } from './core/deps';
import { conversationKey, identityOf, memoryOf } from './core/deps';
import { LOST_OUR_PLACE } from './core/recovery';
import { understand } from './core/understand';
import { startFeedback } from './feedback';
import { carriesBookingDetails, helpAside, namesTrip } from './help-aside';
import { answerIfQuestion, answerQuestion, asksForHelpItself, markAnswered, readsAsQuestion } from './help.dialog';
import { asksToAddBags, bagCountIn } from './manage-booking/add-bags-request';
import { asksToCheckIn } from './manage-booking/check-in-request';
import { asksToChangeFlight, wantsOtherTime } from './manage-booking/change-flight-request';
import {
  MANAGE_BOOKING_DIALOG,
  ManageBookingDialog,
  type ManageBookingOptions,
} from './manage-booking/manage-booking.dialog';
import { DISRUPTION_DIALOG } from './manage-booking/disruption.dialog';
import { nameBesideReference } from './manage-booking/find-booking.dialog';
import { BOOKING_ACTIONS_DIALOG } from './manage-booking/booking-actions.dialog';
import { SPECIAL_REQUESTS_DIALOG } from './manage-booking/special-requests.dialog';
import { namedRequest, normalised } from './nlu/special-requests';
import { matchChoice, type Reply, replyOf, say } from './messages';
import type { Understanding } from './nlu';
import type { SearchCriteria } from './state';

export const MAIN_DIALOG = 'main';
const ROUTE = 'mainRoute';
const TOP_CHOICES = 'mainTopChoices';

const WHAT_NOW = 'Where would you like to fly, or what can I help with?';
const SPECIAL_REQUEST_AFTER_HOLD =
  'Noted. Meals, wheelchair assistance and pets are added to a booking once its seats are held: right after ' +
  'you book, say it again (for example "I need a wheelchair") and I will add it.';
const START_OVER = `OK, let's start over. ${WHAT_NOW}`;

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
      .addDialog(new ContactSupportDialog(deps))
      .addDialog(new WaterfallDialog(ROUTE, [this.routeStep.bind(this), this.afterStep.bind(this)]));
    this.initialDialogId = ROUTE;
  }

  /** Starts the flow the message asks for (or the choice picked from the last top-level message). */
  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const o = (step.options ?? {}) as RouteOptions;
    if (o.show) return this.answer(step, o.show);
    if (ctx.activity.type !== ActivityTypes.Message) return step.endDialog();
    if (o.recovered) {
      const resumed = await this.resume(step, o.recovered);
      if (resumed) return resumed;
    }
    const reply = replyOf(ctx);
    const choice = o.choice ?? matchChoice(reply, { text: '', choices: MENU })?.value ?? commandOf(reply);
    const u = await understand(this.deps, ctx);
    const answer = await this.noticeAnswer(ctx, u, /^\d{1,2}$/.test(reply.text.trim()) ? 'disruption' : choice);
    if (answer) return step.beginDialog(MANAGE_BOOKING_DIALOG, answer);
    if (choice?.startsWith('disruption'))
      return step.beginDialog(MANAGE_BOOKING_DIALOG, await this.aboutDisruption(ctx, u, choice.slice(11) || null));
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
    if (choice?.startsWith('checkin'))
      return step.beginDialog(MANAGE_BOOKING_DIALOG, { pnr: choice.slice(8) || undefined, action: 'checkin' });
    // "Add a bag", "I need to check two suitcases": about a booking (questions about bags go to the help).
    if (asksToAddBags(reply.text))
      return step.beginDialog(MANAGE_BOOKING_DIALOG, {
        ...(await this.aboutBooking(ctx, u, 'bags')),
        bags: bagCountIn(reply.text),
      });
    if (asksToCheckIn(reply.text))
      return step.beginDialog(MANAGE_BOOKING_DIALOG, await this.aboutBooking(ctx, u, 'checkin'));
    if (CASE_STATUS.test(reply.text)) return this.answer(step, await caseStatusMessage(this.deps, ctx));
    // "Can I change my flight to the 25th?", "move me to a later flight": the booking's flights, not a new search
    // (a disrupted flight's "move me to another flight" is the disruption's offers, free of charge).
    if (asksToChangeFlight(reply.text) && u.intent !== 'cancel_booking' && u.intent !== 'disruption')
      return step.beginDialog(MANAGE_BOOKING_DIALOG, {
        ...(await this.aboutBooking(ctx, u, 'flights')),
        changeDate: u.departDate ?? undefined,
        otherTime: wantsOtherTime(reply.text) ?? undefined,
      });
    // A booking reference with no trip in the message is about that booking ("send me the ticket for ABC234").
    const aboutBooking = u.pnr && !u.origin && !u.destination && !u.departDate;
    switch (u.intent) {
      case 'search_flights':
        if (aboutBooking) return step.beginDialog(MANAGE_BOOKING_DIALOG, withName(reply.text, { pnr: u.pnr! }));
        return step.beginDialog(
          BOOK_FLIGHT_DIALOG,
          startDraft({ ...(criteriaChanges(u, {}) ?? {}), ...filters(u) }, u),
        );
      case 'manage_booking':
        if (ASKS_ABOUT_OWN_REFUND.test(reply.text))
          return step.beginDialog(MANAGE_BOOKING_DIALOG, await this.aboutBooking(ctx, u, 'refund'));
        return step.beginDialog(MANAGE_BOOKING_DIALOG, await this.aboutBooking(ctx, u, undefined));
      case 'disruption':
        return step.beginDialog(MANAGE_BOOKING_DIALOG, await this.aboutDisruption(ctx, u, u.pnr));
      case 'cancel_booking':
      case 'change_seats':
        return step.beginDialog(
          MANAGE_BOOKING_DIALOG,
          await this.aboutBooking(
            ctx,
            u,
            u.intent === 'cancel_booking' ? 'cancel' : u.intent === 'change_seats' ? 'seats' : undefined,
          ),
        );
      case 'special_request':
        return step.beginDialog(MANAGE_BOOKING_DIALOG, {
          ...(await this.aboutBooking(ctx, u, 'requests')),
          words: reply.text,
        });
      case 'help':
        // "where's my refund?" is about the traveller's booking, not the refund rules.
        if (u.helpTopic === 'refund' && ASKS_ABOUT_OWN_REFUND.test(reply.text))
          return step.beginDialog(MANAGE_BOOKING_DIALOG, await this.aboutBooking(ctx, u, 'refund'));
        // A help topic inside a trip request ("Paris on Friday, I have 0 checked bags") is an aside: it is
        // noted (or a question answered) and the booking starts with everything the message said.
        if (namesTrip(u)) {
          await say(ctx, await this.aside(ctx, u));
          return step.beginDialog(
            BOOK_FLIGHT_DIALOG,
            startDraft({ ...(criteriaChanges(u, {}) ?? {}), ...filters(u) }, u),
          );
        }
        return this.answer(step, await answerQuestion(this.deps, ctx, u));
      case 'agent':
      case 'complaint':
        if (!this.deps.api.agentsLive()) return step.beginDialog(CONTACT_SUPPORT_DIALOG, supportRequest(ctx, u));
        await say(ctx, await escalate(this.deps, ctx, caseKindOf(u), caseReasonOf(u)));
        return step.endDialog();
      case 'feedback':
        await startFeedback(this.deps, ctx);
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
        if (u.pnr) return step.beginDialog(MANAGE_BOOKING_DIALOG, withName(reply.text, { pnr: u.pnr }));
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

  /**
   * Which booking a request is about: the reference in the message, else the booking already found in this
   * conversation (not asked for again), else the flow asks.
   */
  private async aboutBooking(
    ctx: TurnContext,
    u: Understanding,
    action: ManageBookingOptions['action'],
  ): Promise<ManageBookingOptions> {
    const found = (await memoryOf(this.deps, ctx)).found;
    if (found && (!u.pnr || u.pnr.toUpperCase() === found.pnr))
      return { pnr: found.pnr, lastName: found.lastName, found: true, action };
    return withName(ctx.activity.text ?? '', { pnr: u.pnr ?? undefined, action });
  }

  /**
   * The traveller's answer to a disruption notice the bot sent on its own ("the first one", "I'll take the refund",
   * "can I have a later one?"): the disruption's offers read it, on the booking the notice was about. A message that
   * clearly asks for something else (a new trip, a person, help) is routed as usual. The notice is answered once.
   */
  private async noticeAnswer(
    ctx: TurnContext,
    u: Understanding,
    choice: string | undefined,
  ): Promise<ManageBookingOptions | null> {
    const memory = await memoryOf(this.deps, ctx);
    const notice = memory.disruptionNotice;
    if (!notice) return null;
    delete memory.disruptionNotice;
    const aTrip = !!(u.origin || u.destination || u.departDate);
    const answers =
      (choice === undefined || choice.startsWith('disruption')) &&
      (NOTICE_ANSWERS.has(u.intent) ||
        (u.intent === 'help' && u.helpTopic === 'refund') ||
        (u.intent === 'search_flights' && !aTrip));
    if (!answers) return null;
    const who = await identityOf(this.deps, ctx);
    const lastName = memory.found?.pnr === notice.pnr ? memory.found.lastName : undefined;
    // Without an account or a last name the booking must be opened first: then the offers are shown, not answered.
    if (who.userId === null && !lastName) return { pnr: notice.pnr, action: 'disruption' };
    return { pnr: notice.pnr, lastName, found: true, action: 'disruption', replying: true };
  }

  /**
   * Which booking "my flight was cancelled, what now?" is about: the one named or found in this conversation, else
   * the signed-in traveller's one booking with a disruption waiting for an answer, else the flow asks.
   */
  private async aboutDisruption(ctx: TurnContext, u: Understanding, pnr: string | null): Promise<ManageBookingOptions> {
    const found = (await memoryOf(this.deps, ctx)).found;
    if (pnr || found) return this.aboutBooking(ctx, { ...u, pnr: pnr ?? u.pnr }, 'disruption');
    const who = await identityOf(this.deps, ctx);
    if (who.userId === null) return this.aboutBooking(ctx, u, 'disruption');
    const waiting = (await this.deps.disruptions.myDisruptions(who)).filter((d) => d.offers.length > 0);
    if (waiting.length === 1) return { pnr: waiting[0]!.pnr, found: true, action: 'disruption' };
    return this.aboutBooking(ctx, u, 'disruption');
  }

  /**
   * After a reset: the apology, then the booking it held from its first gap, or, when nothing was kept and
   * this message says nothing by itself ("2", "yes"), the menu. A message that does say something is routed.
   */
  private async resume(step: WaterfallStepContext, r: Recovered): Promise<DialogTurnResult | null> {
    if (r.criteria) {
      await say(step.context, `${LOST_OUR_PLACE} I still have your trip, so let's carry on from there.`);
      return step.beginDialog(BOOK_FLIGHT_DIALOG, startDraft(r.criteria));
    }
    const u = await understand(this.deps, step.context);
    const saysSomething = !['none', 'affirm', 'deny', 'more'].includes(u.intent);
    if (saysSomething && !r.answered) {
      await say(step.context, LOST_OUR_PLACE);
      return null;
    }
    return this.answer(step, { text: `${LOST_OUR_PLACE} ${WHAT_NOW}`, choices: MENU });
  }

  private aside(ctx: TurnContext, u: Understanding): Promise<BotMessage | string> {
    return asideFor(this.deps, ctx, u);
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
    // What the traveller tells support ("my baggage was lost") is their answer, not a new request.
    // (also when a booking's flow opened the case: a refused special request offers a person)
    const tellingSupport = leafId(inner) === CONTACT_SUPPORT_DIALOG;
    if (tellingSupport && u.intent !== 'start_over' && u.intent !== 'abort') return null;
    // The traveller's flight was delayed or cancelled: that comes before whatever was going on (unless it is what is
    // going on: "put me on the next flight" answers the offers).
    const command = commandOf(replyOf(ctx));
    const onOffers = leafId(inner) === DISRUPTION_DIALOG;
    // While the offers are on screen, "I'll take the refund" is an answer to them, not a question about refunds.
    if (onOffers && u.intent === 'help' && !readsAsQuestion(ctx.activity.text ?? '')) return null;
    if ((u.intent === 'disruption' || command?.startsWith('disruption')) && !onOffers) {
      await inner.cancelAllDialogs();
      return inner.beginDialog(ROUTE, { choice: command } satisfies RouteOptions);
    }
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
        // "a pet in the cabin" answers the booking's menu or the request being asked: not a question about pets.
        if (this.readsSpecialRequest(inner)) return null;
        await say(ctx, await this.aside(ctx, u));
        // A statement that also answers the booking ("the 20th, and I'm travelling with my dog"): the step uses
        // it. A question is only asked ("how do I reach a person?" is not a party of one).
        if (carriesBookingDetails(u) && !readsAsQuestion(ctx.activity.text ?? '')) {
          markAnswered(ctx);
          return null;
        }
        await inner.repromptDialog();
        return Dialog.EndOfTurn;
      }
      case 'agent':
      case 'complaint':
        // With no agent to take it now, the case needs its reason and a way back first; the flow resumes after.
        if (!this.deps.api.agentsLive()) return inner.beginDialog(CONTACT_SUPPORT_DIALOG, supportRequest(ctx, u));
        await say(ctx, await escalate(this.deps, ctx, caseKindOf(u), caseReasonOf(u)));
        await inner.repromptDialog();
        return Dialog.EndOfTurn;
      case 'special_request':
        return this.specialRequestAside(inner, u);
      case 'feedback':
        // The rating question is answered outside the dialogs; the flow's question waits under it.
        await startFeedback(this.deps, ctx);
        return Dialog.EndOfTurn;
      default:
        return null;
    }
  }

  /** The step on screen reads special requests itself: the booking's menu, or the request being asked. */
  private readsSpecialRequest(inner: DialogContext): boolean {
    const leaf = leafId(inner);
    return (
      (leaf === SPECIAL_REQUESTS_DIALOG || leaf === BOOKING_ACTIONS_DIALOG) &&
      namedRequest(normalised(inner.context.activity.text ?? '')) !== null
    );
  }

  /**
   * A special request ("I need a wheelchair") in the middle of something: the booking's own steps read it (its
   * menu, the request being asked); while a trip is being booked it is added once the seats are held (the rules
   * are checked against them), so the traveller is told how and the booking goes on; anywhere else it starts.
   */
  private async specialRequestAside(inner: DialogContext, u: Understanding): Promise<DialogTurnResult | null> {
    if (this.readsSpecialRequest(inner)) return null;
    const ctx = inner.context;
    if (inner.activeDialog?.id === BOOK_FLIGHT_DIALOG) {
      await say(ctx, SPECIAL_REQUEST_AFTER_HOLD);
      await inner.repromptDialog();
      return Dialog.EndOfTurn;
    }
    const o = await this.aboutBooking(ctx, u, 'requests');
    await inner.cancelAllDialogs();
    return inner.beginDialog(MANAGE_BOOKING_DIALOG, { ...o, words: ctx.activity.text ?? '' });
  }
}

/**
 * What to say about a help topic met in the middle of something else: a question ("how much luggage can
 * I bring?") or "help" gets its answer, a topic said in passing ("I have 0 checked bags") one line.
 * The answer's own shortcuts are left out: the question on screen is asked again, and their numbers would clash.
 */
async function asideFor(deps: DialogDeps, ctx: TurnContext, u: Understanding): Promise<BotMessage | string> {
  const text = ctx.activity.text ?? '';
  if (!readsAsQuestion(text) && !asksForHelpItself(text)) return helpAside(deps, ctx, u);
  const { choices: _shortcuts, ...answer } = await answerQuestion(deps, ctx, u);
  return answer;
}

/** The options with the last name said beside the reference, when there is one ("cancel ABC234 Lovelace"). */
function withName(text: string, o: ManageBookingOptions): ManageBookingOptions {
  const lastName = o.pnr ? nameBesideReference(text, o.pnr) : null;
  return lastName ? { ...o, lastName } : o;
}

/** A request for a person or a complaint, as the support dialog starts it (a complaint's words are its reason). */
function supportRequest(ctx: TurnContext, u: Understanding): { kind: CaseKind; reason?: string } {
  return u.intent === 'complaint' ? { kind: 'complaint', reason: ctx.activity.text ?? undefined } : { kind: 'handoff' };
}

function caseKindOf(u: Understanding): CaseKind {
  return u.intent === 'complaint' ? 'complaint' : 'handoff';
}

function caseReasonOf(u: Understanding): string {
  return u.intent === 'complaint' ? 'complaint' : 'asked_for_agent';
}

/** A restart after the saved dialog state could not be used (see JetwayBot): the trip it still held. */
export interface Recovered {
  criteria: SearchCriteria | null;
  /** The failed turn had already answered this message (an interruption): it is not routed again. */
  answered: boolean;
}

interface RouteOptions {
  /** The value picked from the last top-level message's choices. */
  choice?: string;
  /** The conversation was reset: apologise, and resume the booking it held. */
  recovered?: Recovered;
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
  if (value && /^((pay|checkin|disruption)(:[A-Z0-9]{6})?|menu:(book|manage|help|faq))$/.test(value)) return value;
  if (/^(see |show me )?(my |the )?options[.!]?$/i.test(reply.text)) return 'disruption';
  if (/^(pay|pay now|new payment link|(send me )?(a )?(new )?payment link)[.!]?$/i.test(reply.text)) return 'pay';
  if (/^(search again|book again|new search)[.!]?$/i.test(reply.text)) return 'menu:book';
  return undefined;
}

/** What an answer to a disruption notice is understood as (a refund question or a bare search counts too). */
const NOTICE_ANSWERS = new Set<Understanding['intent']>([
  'none',
  'affirm',
  'deny',
  'more',
  'disruption',
  'manage_booking',
  'cancel_booking',
]);

/** A question about the traveller's own refund ("where's my refund?", "refund status"), not the refund rules. */
const ASKS_ABOUT_OWN_REFUND =
  /\b(my|our)\s+(refund|money)\b|\brefund\s+status\b|\bstatus of (my |the )?refund\b|\brefund (yet|arrived|come through)\b/i;

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

/** The innermost active dialog's id. */
function leafId(dc: DialogContext): string | undefined {
  let cur: DialogContext | undefined = dc;
  while (cur?.child) cur = cur.child;
  return cur?.activeDialog?.id;
}

/** The message the innermost active step last showed. */
function leafShown(dc: DialogContext): BotMessage | null {
  let cur: DialogContext | undefined = dc;
  while (cur?.child) cur = cur.child;
  const state = cur?.activeDialog?.state as { shown?: BotMessage } | undefined;
  return state?.shown ?? null;
}
