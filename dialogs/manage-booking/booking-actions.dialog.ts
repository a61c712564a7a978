import type { TurnContext } from 'botbuilder';
import type { BookingView } from '../../api/services/booking-view';
import { disruptionSituation } from '../../cards/shared/disruption';
import { expirySentence } from '../../cards/shared/format';
import type { BotMessage, Choice } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf, memoryOf } from '../core/deps';
import type { StepOutcome } from '../core/step.dialog';
import { matchChoice, type Reply } from '../messages';
import type { Understanding } from '../nlu';
import { namedRequest, normalised, readSpecialRequest } from '../nlu/special-requests';
import { asksToAddBags } from './add-bags-request';
import { asksToChangeFlight, wantsOtherTime } from './change-flight-request';
import { asksToCheckIn } from './check-in-request';
import { type BookingRef, BookingStepDialog, type Problem, statusWord } from './shared';

export const BOOKING_ACTIONS_DIALOG = 'manageBooking.actions';

export type BookingAction =
  | 'pay'
  | 'ticket'
  | 'checkin'
  | 'seats'
  | 'flights'
  | 'bags'
  | 'requests'
  | 'cancel'
  | 'rebook'
  | 'disruption'
  | 'done';
/**
 * For 'flights': the new date, or a later/earlier flight, said with the choice ("change it to the 25th"). For
 * 'requests': what the traveller said, when it already says more than the action ("a vegetarian meal for Ada").
 */
export interface ChosenAction {
  action: BookingAction;
  changeDate?: string;
  otherTime?: 'later' | 'earlier';
  words?: string;
}
export type ActionsResult = ChosenAction | Problem;

export interface ActionsOptions extends BookingRef {
  /** Said before the booking (what just happened: "Ada is now in 12A."). */
  note?: string;
}

const CHOICES: Record<BookingAction, Choice> = {
  pay: { value: 'pay', label: 'Pay now' },
  ticket: { value: 'ticket', label: 'E-ticket' },
  checkin: { value: 'checkin', label: 'Check in' },
  seats: { value: 'seats', label: 'Change seats' },
  flights: { value: 'flights', label: 'Change flights' },
  bags: { value: 'bags', label: 'Add bags' },
  requests: { value: 'requests', label: 'Special requests' },
  cancel: { value: 'cancel', label: 'Cancel booking' },
  rebook: { value: 'rebook', label: 'Book again' },
  disruption: { value: 'disruption', label: 'Flight change: my options' },
  done: { value: 'done', label: 'Done' },
};

/** What can be done with a booking in each status. */
export function actionsFor(status: BookingView['status']): BookingAction[] {
  if (status === 'held') return ['pay', 'seats', 'requests', 'cancel', 'done'];
  if (status === 'confirmed') return ['ticket', 'checkin', 'seats', 'flights', 'bags', 'requests', 'cancel', 'done'];
  return ['rebook', 'done'];
}

interface ActionsData {
  status?: BookingView['status'];
  /** A flight of the booking is delayed or cancelled and offers wait for an answer. */
  disrupted?: boolean;
}

/** The actions of the booking's status, its disruption's options first when there is one. */
function allowedActions(data: ActionsData): BookingAction[] {
  const own = actionsFor(data.status ?? 'cancelled');
  return data.disrupted ? ['disruption', ...own] : own;
}

/** Shows the booking (read fresh from the API every time) and what can be done with it. */
export class BookingActionsDialog extends BookingStepDialog<ActionsOptions, ChosenAction, ActionsData> {
  constructor(deps: DialogDeps) {
    super(BOOKING_ACTIONS_DIALOG, deps);
  }

  protected initialData(): ActionsData {
    return {};
  }

  protected override async ask(ctx: TurnContext, o: ActionsOptions, data: ActionsData): Promise<BotMessage> {
    const who = await identityOf(this.deps, ctx);
    const booking = await this.deps.api.getBooking(who, o.pnr, o.lastName);
    data.status = booking.status;
    // A delayed or cancelled flight comes first: what happened, and the way to its options.
    const disrupted =
      booking.status === 'confirmed' ? await this.deps.disruptions.disruptionOf(who, o.pnr, o.lastName) : null;
    data.disrupted = !!disrupted?.offers.length;
    // Support agents see which booking the traveller is looking at.
    (await memoryOf(this.deps, ctx)).booking = {
      summary: `managing ${booking.pnr} (${booking.status})`,
      pnr: booking.pnr,
    };
    const hold =
      booking.status === 'held' && booking.holdExpiresAt
        ? ` ${expirySentence('The hold', booking.holdExpiresAt, this.deps.clock.now())}`
        : '';
    return {
      text:
        `${o.note ? `${o.note}\n` : ''}Booking ${booking.pnr} is ` +
        `${statusWord(booking.status)}.` +
        `${hold}${data.disrupted ? ` ${disruptionSituation(disrupted!)}` : ''} What would you like to do?`,
      card: { kind: 'booking', booking },
      choices: allowedActions(data).map((a) => CHOICES[a]),
    };
  }

  protected override async interpret(
    _ctx: TurnContext,
    _o: ActionsOptions,
    data: ActionsData,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<ActionsResult>> {
    const allowed = allowedActions(data);
    const picked = matchChoice(reply, shown)?.value as BookingAction | undefined;
    const action = picked ?? wanted(reply.text, u);
    if (action === 'flights' && allowed.includes(action))
      return {
        kind: 'done',
        result: { action, changeDate: u.departDate ?? undefined, otherTime: wantsOtherTime(reply.text) ?? undefined },
      };
    if (action && allowed.includes(action))
      return { kind: 'done', result: action === 'requests' && !picked ? { action, words: reply.text } : { action } };
    const why = action && action !== 'done' ? notNow(action, data.status ?? 'cancelled') : '';
    return {
      kind: 'retry',
      message: {
        text: `${why}Please choose: ${allowed.map((a) => CHOICES[a].label).join(', ')}.`,
        choices: shown.choices,
      },
    };
  }
}

/** An action asked for in words ("I want to cancel", "send me the ticket"). */
function wanted(text: string, u: Understanding): BookingAction | undefined {
  if (u.intent === 'disruption') return 'disruption';
  // Before cancel: "cancel the meal request" drops the request, not the booking. On this menu a request named
  // alone ("a pet in the cabin") is asked for.
  if (u.intent === 'special_request' || readSpecialRequest(text) || namedRequest(normalised(text))) return 'requests';
  if (u.intent === 'cancel_booking' || /\bcancel/i.test(text)) return 'cancel';
  if (u.intent === 'change_seats' || /\bseat/i.test(text)) return 'seats';
  // "Check in my bags" is check-in (below); "add a bag", "two suitcases" ask for bags.
  if (!asksToCheckIn(text) && (asksToAddBags(text) || /\b(bags?|suitcases?|luggage)\b/i.test(text))) return 'bags';
  if (asksToChangeFlight(text) || /\b(flights?|dates?)\b/i.test(text)) return 'flights';
  if (asksToCheckIn(text)) return 'checkin';
  if (/\b(pay|payment|link)\b/i.test(text)) return 'pay';
  if (/\b(e-?ticket|ticket|pdf)\b/i.test(text)) return 'ticket';
  if (/\b(book again|rebook|new booking)\b/i.test(text)) return 'rebook';
  if (['deny', 'thanks', 'goodbye'].includes(u.intent) || /^(done|nothing|no|that's all|all good)\b/i.test(text.trim()))
    return 'done';
  return undefined;
}

/** Why an action does not fit the booking's status. */
function notNow(action: BookingAction, status: BookingView['status']): string {
  if (action === 'pay' && status === 'confirmed') return 'This booking is already paid. ';
  if (action === 'ticket' && status === 'held') return 'The e-ticket comes once the booking is paid. ';
  if (action === 'rebook') return '';
  return `This booking is ${statusWord(status)}, so that is no longer possible. `;
}
