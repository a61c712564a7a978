import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { isDomainError } from '../../api/errors';
import { formatMoney } from '../../api/domain/money';
import type { DialogDeps } from '../core/deps';
import { conversationKey, identityOf, memoryOf, statedTimeZoneOf } from '../core/deps';
import {
  BOOKING_ACTIONS_DIALOG,
  BookingActionsDialog,
  type ActionsResult,
  type ChosenAction,
  type BookingAction,
} from './booking-actions.dialog';
import { ADD_BAGS_DIALOG, AddBagsDialog, type AddBagsOptions, type AddBagsResult } from './add-bags.dialog';
import { CANCEL_BOOKING_DIALOG, CancelBookingDialog, type CancelResult } from './cancel-booking.dialog';
import { CHANGE_SEAT_DIALOG, ChangeSeatDialog, type ChangeSeatResult } from './change-seat.dialog';
import { CHANGE_FLIGHT_DIALOG, ChangeFlightDialog, type ChangeFlightResult } from './change-flight.dialog';
import { CheckInDialog, type CheckInResult } from './check-in.dialog';
import { DisruptionDialog, type DisruptionResult } from './disruption.dialog';
import { afterDisruption, startDisruption } from './disruption.flow';
import { afterCheckIn, startCheckIn } from './check-in.flow';
import { FIND_BOOKING_DIALOG, FindBookingDialog, type FindResult } from './find-booking.dialog';
import type { RequestAsk } from './special-request-plan';
import { SPECIAL_REQUESTS_DIALOG, SpecialRequestsDialog, type SpecialRequestsResult } from './special-requests.dialog';
import { CONTACT_SUPPORT_DIALOG, ContactSupportDialog, escalate } from '../contact-support.dialog';
import { type BookingRef, isProblem, problemOf } from './shared';
import { askForRating, ratingQuestion } from '../feedback';
import { say } from '../messages';
import { ERROR_SENTENCES, errorSentence } from '../error-sentences';
import type { BookingView } from '../../api/services/booking-view';

export const MANAGE_BOOKING_DIALOG = 'manageBooking';
const FLOW = 'manageBookingSteps';

export interface ManageBookingOptions {
  pnr?: string;
  /** What the traveller asked to do with the booking; 'refund' asks where its refund is. */
  action?: 'cancel' | 'seats' | 'flights' | 'bags' | 'refund' | 'checkin' | 'disruption' | 'requests';
  /** For 'flights': the new date asked for with the request, or a later/earlier flight the same day. */
  changeDate?: string;
  otherTime?: 'later' | 'earlier';
  /** With action 'disruption': this message answers the offers the traveller was sent (see DisruptionDialog). */
  replying?: boolean;
  /** How many checked bags the request named ("two suitcases"). */
  bags?: number;
  /** The traveller's words that asked for the action ("I need a wheelchair"): the action reads what they say. */
  words?: string;
  lastName?: string;
  /** The booking is already found in this conversation (pnr, lastName): not asked for again. */
  found?: boolean;
}

/** The flow's own options when it comes back to the booking after an action. */
interface FlowOptions extends ManageBookingOptions {
  note?: string;
  /** A special request waiting for a seat change (a wheelchair cannot stay in an exit row): asked again after. */
  request?: RequestAsk;
}

export type ManageBookingResult = { rebook: true } | undefined;

type Step = WaterfallStepContext<FlowOptions>;

/** What the waterfall remembers between its steps. */
const vals = (step: Step) => step.values as { ref?: BookingRef; action?: BookingAction };

/**
 * Looks after an existing booking: find it (signed-in list, or reference + last name), show it with
 * what its status allows (pay, e-ticket, change seats, cancel, book again), and do that. Only the
 * reference and the last name given in this conversation are kept; the booking itself is read from
 * the API each time, and the API decides who may see or change it.
 */
export class ManageBookingDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MANAGE_BOOKING_DIALOG);
    this.addDialog(new FindBookingDialog(deps))
      .addDialog(new BookingActionsDialog(deps))
      .addDialog(new ChangeSeatDialog(deps))
      .addDialog(new AddBagsDialog(deps))
      .addDialog(new ChangeFlightDialog(deps))
      .addDialog(new CancelBookingDialog(deps))
      .addDialog(new CheckInDialog(deps))
      .addDialog(new DisruptionDialog(deps))
      .addDialog(new SpecialRequestsDialog(deps))
      .addDialog(new ContactSupportDialog(deps))
      .addDialog(
        new WaterfallDialog(FLOW, [
          this.findStep.bind(this),
          this.menuStep.bind(this),
          this.actStep.bind(this),
          this.afterStep.bind(this),
        ]),
      );
    this.initialDialogId = FLOW;
  }

  /** Finds the booking, unless the flow already has it or a signed-in owner named it. */
  private async findStep(step: Step): Promise<DialogTurnResult> {
    const o = step.options;
    if (o.found && o.pnr) return step.next({ pnr: o.pnr, lastName: o.lastName } satisfies FindResult);
    // Reference and name in the request itself ("cancel ABC234 Lovelace"): the API decides; a wrong pair is asked for.
    if (o.pnr && o.lastName) {
      try {
        await this.deps.api.getBooking(await identityOf(this.deps, step.context), o.pnr, o.lastName);
        return step.next({ pnr: o.pnr, lastName: o.lastName } satisfies FindResult);
      } catch (err) {
        if (!isDomainError(err)) throw err;
        // Never told apart from a wrong pair: both are asked for again, saying why.
        const p = problemOf(err);
        const note = p.code === 'booking_not_found' ? errorSentence('booking_not_found') : p.problem;
        return step.beginDialog(FIND_BOOKING_DIALOG, { note });
      }
    }
    if (o.pnr) {
      const who = await identityOf(this.deps, step.context);
      if (who.userId !== null) {
        try {
          const own = await this.deps.api.getBooking(who, o.pnr);
          if (!own.masked) return step.next({ pnr: own.pnr } satisfies FindResult);
        } catch (err) {
          if (!isDomainError(err)) throw err;
        }
      }
    }
    return step.beginDialog(FIND_BOOKING_DIALOG, { pnr: o.pnr });
  }

  /** Shows the booking and its choices, or goes straight to the action asked for. */
  private async menuStep(step: Step): Promise<DialogTurnResult> {
    const ref = step.result as FindResult;
    if (!ref) {
      await say(step.context, 'OK. Anything else I can help with?');
      return step.endDialog();
    }
    vals(step).ref = ref;
    (await memoryOf(this.deps, step.context)).found = { pnr: ref.pnr, lastName: ref.lastName };
    const asked = step.options.action;
    if (asked === 'refund') {
      await say(step.context, await this.refundStatus(step, ref));
      return step.endDialog();
    }
    if (asked) return step.next({ action: asked, words: step.options.words } satisfies ActionsResult);
    return step.beginDialog(BOOKING_ACTIONS_DIALOG, { ...ref, note: step.options.note });
  }

  /** Does what was chosen. */
  private async actStep(step: Step): Promise<DialogTurnResult> {
    const r = step.result as ActionsResult;
    const ref = vals(step).ref!;
    if (isProblem(r)) {
      await say(step.context, r.problem);
      return step.endDialog();
    }
    vals(step).action = r.action;
    try {
      if (r.action === 'requests') return await this.requests(step, ref, r.words);
      return await this.act(step, ref, r.action, r);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      return this.back(step, ref, problemOf(err).problem);
    }
  }

  private async act(
    step: Step,
    ref: BookingRef,
    action: BookingAction,
    said: Pick<ChosenAction, 'changeDate' | 'otherTime'> = {},
  ): Promise<DialogTurnResult> {
    const ctx = step.context;
    const who = await identityOf(this.deps, ctx);
    // Whatever is done with the booking here, later news of it (a refund, a payment) is told here too.
    await this.deps.api.watchBooking(ref.pnr, conversationKey(ctx));
    switch (action) {
      case 'pay': {
        const link = await this.deps.api.paymentLink(who, ref.pnr, ref.lastName, statedTimeZoneOf(ctx));
        await say(ctx, {
          text:
            `Here is the payment link for booking ${ref.pnr} (` +
            `${formatMoney(link.amount)}): ` +
            `${link.url}\nPay before the hold ends; I'll confirm here when it's paid.`,
          card: { kind: 'payment_link', pnr: ref.pnr, url: link.url, expiresAt: link.expiresAt, amount: link.amount },
        });
        return step.endDialog();
      }
      case 'ticket': {
        const booking = await this.deps.api.getBooking(who, ref.pnr, ref.lastName);
        const ticketUrl = this.deps.api.ticketUrl(ref.pnr, booking.masked);
        await say(ctx, {
          text: `Your e-ticket for booking ${ref.pnr}: ${ticketUrl}`,
          card: { kind: 'confirmation', booking, ticketUrl },
        });
        return step.endDialog();
      }
      case 'checkin':
        return startCheckIn(this.deps, step, ref, (note) => this.back(step, ref, note));
      case 'disruption':
        return startDisruption(this.deps, step, ref, !!step.options.replying);
      case 'seats':
      case 'cancel': {
        const booking = await this.deps.api.getBooking(who, ref.pnr, ref.lastName);
        if (booking.status !== 'held' && booking.status !== 'confirmed')
          return this.back(step, ref, `Booking ${ref.pnr} is ${booking.status}, so it can no longer be changed.`);
        return step.beginDialog(action === 'seats' ? CHANGE_SEAT_DIALOG : CANCEL_BOOKING_DIALOG, ref);
      }
      case 'bags': {
        const booking = await this.deps.api.getBooking(who, ref.pnr, ref.lastName);
        if (booking.status !== 'confirmed') return this.back(step, ref, errorSentence('bags_need_paid_booking'));
        return step.beginDialog(ADD_BAGS_DIALOG, { ...ref, count: step.options.bags } satisfies AddBagsOptions);
      }
      case 'flights': {
        const booking = await this.deps.api.getBooking(who, ref.pnr, ref.lastName);
        const why = flightChangeRefusal(booking);
        if (why) return this.back(step, ref, why);
        // Said with the request ("change my flight to the 25th") or with the choice on the booking's menu.
        const otherTime = said.otherTime ?? step.options.otherTime;
        const date = otherTime ? undefined : (said.changeDate ?? step.options.changeDate);
        return step.beginDialog(CHANGE_FLIGHT_DIALOG, { ...ref, date, otherTime });
      }
      case 'rebook':
        await say(
          ctx,
          'Let\'s find you a new flight. Where and when would you like to fly? (e.g. "London to New York next Friday")',
        );
        return step.endDialog({ rebook: true } satisfies ManageBookingResult);
      default:
        await say(ctx, 'OK. Anything else I can help with?');
        return step.endDialog();
    }
  }

  /** After a seat change or a cancellation: say what happened, and show the booking again when it still matters. */
  private async afterStep(step: Step): Promise<DialogTurnResult> {
    const ref = vals(step).ref!;
    const r = step.result as
      | ChangeSeatResult
      | ChangeFlightResult
      | AddBagsResult
      | CancelResult
      | CheckInResult
      | DisruptionResult
      | SpecialRequestsResult
      | undefined;
    if (!r) return step.endDialog();
    if (vals(step).action === 'disruption' && !isProblem(r))
      return afterDisruption(this.deps, step, ref, r as Exclude<DisruptionResult, { problem: string }>);
    if (!isProblem(r) && ('moveSeatFirst' in r || 'agent' in r)) return this.afterRequest(step, ref, r);
    // A seat change made for a waiting wheelchair request: the request is asked again, from its confirmation.
    const waiting = step.options.request;
    if (waiting && !isProblem(r) && 'changed' in r && vals(step).action === 'seats')
      return step.replaceDialog(FLOW, { ...ref, found: true, action: 'requests', request: waiting, note: r.changed });
    if (!isProblem(r) && ('checkedIn' in r || 'notNow' in r))
      return afterCheckIn(step, r, (note) => this.back(step, ref, note));
    if (isProblem(r)) {
      if (r.code === 'booking_not_found' || r.code === 'rate_limited') {
        await say(step.context, r.problem);
        return step.endDialog();
      }
      return this.back(step, ref, r.problem);
    }
    if ('changed' in r) return this.back(step, ref, r.changed);
    if ('cancelled' in r) {
      const { refund, paid } = r.cancelled;
      const text = !paid
        ? `Cancelled. The held seats are released; nothing was charged.`
        : refund.amount > 0
          ? `Cancelled. A refund of ${formatMoney(refund)} is on its way; we'll email you.`
          : `Cancelled. Under your fare's rules there is nothing to refund; we'll email you a confirmation.`;
      await say(step.context, text);
      await askForRating(
        this.deps,
        step.context,
        'cancellation',
        `cancellation:${ref.pnr}`,
        ratingQuestion('how cancelling went'),
      );
      return step.endDialog();
    }
    if (vals(step).action === 'seats') return this.back(step, ref, 'Your seat stays as it is.');
    if (vals(step).action === 'bags') return this.back(step, ref, 'OK, no bags added.');
    if (vals(step).action === 'flights') return this.back(step, ref, 'Your flights stay as they are.');
    if (vals(step).action === 'requests') return this.back(step, ref, 'OK, your special requests stay as they are.');
    await say(step.context, "OK, I've kept your booking as it is. Anything else I can help with?");
    return step.endDialog();
  }

  /** Adds or drops a special request, from the traveller's words (or a request waiting for a seat change). */
  private async requests(step: Step, ref: BookingRef, words: string | undefined): Promise<DialogTurnResult> {
    await this.deps.api.watchBooking(ref.pnr, conversationKey(step.context));
    const booking = await this.deps.api.getBooking(await identityOf(this.deps, step.context), ref.pnr, ref.lastName);
    if (booking.status !== 'held' && booking.status !== 'confirmed')
      return this.back(step, ref, `Booking ${ref.pnr} is ${booking.status}, so it can no longer be changed.`);
    return step.beginDialog(SPECIAL_REQUESTS_DIALOG, {
      ...ref,
      words,
      request: step.options.request,
      note: step.options.request ? step.options.note : undefined,
    });
  }

  /** A refused request's way forward: a seat change first, then the request again; or a person. */
  private async afterRequest(
    step: Step,
    ref: BookingRef,
    r: { moveSeatFirst: RequestAsk } | { agent: true },
  ): Promise<DialogTurnResult> {
    if ('moveSeatFirst' in r)
      return step.replaceDialog(FLOW, { ...ref, found: true, action: 'seats', request: r.moveSeatFirst });
    if (!this.deps.api.agentsLive()) return step.beginDialog(CONTACT_SUPPORT_DIALOG, { kind: 'handoff' });
    await say(step.context, await escalate(this.deps, step.context, 'handoff', 'asked_for_agent'));
    return step.endDialog();
  }

  /** Where the booking's refund is: each refund with its state, or why there is none. */
  private async refundStatus(step: Step, ref: BookingRef): Promise<string> {
    const b = await this.deps.api.getBooking(await identityOf(this.deps, step.context), ref.pnr, ref.lastName);
    if (b.refunds.length === 0)
      return b.status === 'cancelled'
        ? `Booking ${b.pnr} is cancelled and no refund is due on it (nothing was paid, or the fare refunds nothing).`
        : `Booking ${b.pnr} is ${b.status}, so there is no refund on it. To cancel it, say "cancel my booking".`;
    const STATE = { pending: 'is on its way', succeeded: 'has been paid back', failed: 'could not be paid back' };
    const lines = b.refunds.map(
      (r) =>
        `A refund of ${formatMoney(r.amount)} ${STATE[r.status as keyof typeof STATE] ?? 'is being processed'} (since ${r.createdAt.slice(0, 10)}).`,
    );
    const failed = b.refunds.some((r) => r.status === 'failed');
    return `Booking ${b.pnr}: ${lines.join(' ')}${
      failed ? ' Say "talk to an agent" and our team will sort it out.' : ' Card refunds usually show within 5–10 days.'
    }`;
  }

  /** Shows the booking again, with a note on what just happened. */
  private back(step: Step, ref: BookingRef, note: string): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW, { pnr: ref.pnr, lastName: ref.lastName, found: true, note } satisfies FlowOptions);
  }
}

/** Why a booking's flights cannot be changed in the chat (unpaid, over, or a fare without changes), or null. */
function flightChangeRefusal(b: BookingView): string | null {
  if (b.status === 'held')
    return `Booking ${b.pnr} is not paid yet, so its flights can't be changed. You can cancel the hold and book again.`;
  if (b.status !== 'confirmed') return `Booking ${b.pnr} is ${b.status}, so it can no longer be changed.`;
  const fixed = b.flights.find((f) => !f.conditions.changeable);
  if (fixed)
    return `Your ${fixed.fareName} fare doesn't allow changing dates or flights. ${ERROR_SENTENCES.fare_not_changeable.next}`;
  return null;
}
