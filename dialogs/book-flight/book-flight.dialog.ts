import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { type AnyDomainError, isDomainError } from '../../api/errors';
import { todayIn } from '../../api/domain/time';
import { formatLocalDate } from '../../cards/shared/format';
import type { DialogDeps } from '../core/deps';
import { conversationKey, identityOf, memoryOf, statedTimeZoneOf, timeZoneOf } from '../core/deps';
import { ERROR_SENTENCES, sayableMessage } from '../error-sentences';
import { say } from '../messages';
import { type BookingDraft, emptyDraft, type PlannedLeg, type SearchCriteria } from '../state';
import { isVerified, VERIFY_EMAIL_DIALOG, VerifyEmailDialog, type VerifyEmailResult } from '../verify-email.dialog';
import { CHOOSE_FARE_DIALOG, ChooseFareDialog, type ChooseFareResult } from './choose-fare.dialog';
import { CHOOSE_FLIGHT_DIALOG, ChooseFlightDialog, type ChooseFlightResult } from './choose-flight.dialog';
import { CHOOSE_SEATS_DIALOG, ChooseSeatsDialog, type ChooseSeatsResult } from './choose-seats.dialog';
import { CONTACT_DIALOG, type ContactOptions, type ContactResult, ContactDialog } from './contact.dialog';
import type { Understanding } from '../nlu';
import {
  applyChanges,
  bookingInput,
  criteriaProblems,
  dateToConfirm,
  describeChange,
  describeParty,
  missingCriterion,
  needsCityChoice,
  partyOf,
  unknownPlaceNote,
  withoutProblems,
} from './draft';
import {
  addedLegs,
  advanceLeg,
  appendLegs,
  chooseLegsAgain,
  isMultiCityDraft,
  legsOfRequest,
  legTooSoon,
  nextLegCriteria,
} from './multi-city';
import { OFFER_RETURN_DIALOG, OfferReturnDialog, type OfferReturnResult } from './offer-return.dialog';
import {
  PASSENGER_DETAILS_DIALOG,
  PassengerDetailsDialog,
  type PassengerDetailsResult,
} from './passenger-details.dialog';
import { REVIEW_DIALOG, ReviewDialog, type ReviewResult } from './review.dialog';
import { SEARCH_CRITERIA_DIALOG, SearchCriteriaDialog, type SearchCriteriaOptions } from './search-criteria.dialog';

export const BOOK_FLIGHT_DIALOG = 'bookFlight';
const FLOW = 'bookFlightSteps';

type Step = WaterfallStepContext<BookFlightOptions>;

export interface BookFlightOptions {
  draft: BookingDraft;
  /** A place of the first request that must be narrowed down before anything else. */
  clarify?: SearchCriteriaOptions['clarify'];
  /** Said before the first question (a place of the first request that is not known). */
  note?: string;
  /** Dates were given in this turn's message: one far ahead without a year is confirmed ("3 November"). */
  checkDates?: boolean;
}

/**
 * Books a flight: search criteria → outbound flight and fare → (return flight and fare) → seats →
 * passengers → contact → verified identity → review → hold and payment link. Each step is skipped when
 * the draft already has its answer, so a correction anywhere ("actually make it Tuesday", "2 adults")
 * updates the draft, forgets what it invalidates and restarts the flow at the first gap.
 */
export class BookFlightDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(BOOK_FLIGHT_DIALOG);
    this.addDialog(new SearchCriteriaDialog(deps))
      .addDialog(new ChooseFlightDialog(deps))
      .addDialog(new ChooseFareDialog(deps))
      .addDialog(new ChooseSeatsDialog(deps))
      .addDialog(new PassengerDetailsDialog(deps))
      .addDialog(new ContactDialog(deps))
      .addDialog(new VerifyEmailDialog(deps))
      .addDialog(new ReviewDialog(deps))
      .addDialog(new OfferReturnDialog(deps))
      .addDialog(
        new WaterfallDialog(FLOW, [
          this.criteriaStep.bind(this),
          this.outboundStep.bind(this),
          this.outboundFareStep.bind(this),
          this.returnOfferStep.bind(this),
          this.inboundStep.bind(this),
          this.inboundFareStep.bind(this),
          this.seatsStep.bind(this),
          this.passengersStep.bind(this),
          this.contactStep.bind(this),
          this.identityStep.bind(this),
          this.reviewStep.bind(this),
          this.holdStep.bind(this),
        ]),
      );
    this.initialDialogId = FLOW;
  }

  /**
   * Asks for whatever of origin, destination and dates is missing, or cannot be searched as given
   * ("London to London", "for 10 people", a date that has passed): that is said and asked again.
   */
  private async criteriaStep(step: Step): Promise<DialogTurnResult> {
    await this.note(step);
    const d = step.options.draft;
    const clarify = step.options.clarify;
    const today = todayIn(timeZoneOf(step.context), this.deps.clock.now());
    const problems = criteriaProblems(d.criteria, today);
    const unknown = step.options.note;
    const confirmDate = step.options.checkDates ? this.farDate(step, today) : undefined;
    delete step.options.checkDates;
    if (problems.length) {
      const fixed = withoutProblems(d.criteria, problems);
      d.criteria = fixed.criteria;
      const note = [unknown, fixed.note].filter(Boolean).join(' ') || undefined;
      return step.beginDialog(SEARCH_CRITERIA_DIALOG, {
        criteria: d.criteria,
        note,
        askParty: fixed.askParty,
        clarify,
        ...(problems.some((p) => p.drop === 'returnDate') ? { askReturn: true } : {}),
      } satisfies SearchCriteriaOptions);
    }
    if (clarify || confirmDate || missingCriterion(d.criteria))
      return step.beginDialog(SEARCH_CRITERIA_DIALOG, {
        criteria: d.criteria,
        clarify,
        note: unknown,
        ...(confirmDate ? { confirmDate } : {}),
      } satisfies SearchCriteriaOptions);
    return step.next();
  }

  /** A date of this turn's message far ahead without a year, taken out of the criteria to be confirmed first. */
  private farDate(step: Step, today: string): SearchCriteriaOptions['confirmDate'] {
    const c = step.options.draft.criteria;
    const text = step.context.activity.text ?? '';
    for (const slot of ['departDate', 'returnDate'] as const) {
      const date = dateToConfirm(c[slot], today, text);
      if (date) {
        delete c[slot];
        return { slot, date };
      }
    }
    return undefined;
  }

  /** Shows outbound flights. */
  private async outboundStep(step: Step): Promise<DialogTurnResult> {
    await this.note(step);
    const d = step.options.draft;
    if (step.result) d.criteria = step.result as SearchCriteria;
    if (!d.outbound) return step.beginDialog(CHOOSE_FLIGHT_DIALOG, { criteria: d.criteria, direction: 'outbound' });
    return step.next();
  }

  /** Shows the fares of the chosen outbound flight. */
  private async outboundFareStep(step: Step): Promise<DialogTurnResult> {
    const d = step.options.draft;
    const r = step.result as ChooseFlightResult | undefined;
    if (r && 'correction' in r) return this.restart(step, r.correction, r.criteria);
    if (r)
      Object.assign(d, {
        criteria: { ...r.criteria, currency: r.offer.lowestPrice.currency },
        outbound: { offer: r.offer },
      });
    if (!d.outbound!.fare)
      return step.beginDialog(CHOOSE_FARE_DIALOG, { offer: d.outbound!.offer, criteria: d.criteria });
    return step.next();
  }

  /**
   * With no word yet on one way or return, a return is offered once the outbound is chosen; a return trip without its
   * date yet ("round trip flights on the 12th") is asked for that date now.
   */
  private async returnOfferStep(step: Step): Promise<DialogTurnResult> {
    const d = step.options.draft;
    const r = step.result as ChooseFareResult | undefined;
    if (r && 'correction' in r) return this.restart(step, r.correction);
    if (r) d.outbound!.fare = r.fare;
    if (isMultiCityDraft(d)) return this.nextLeg(step);
    if (d.criteria.tripType !== 'one_way' && !d.criteria.returnDate)
      return step.beginDialog(OFFER_RETURN_DIALOG, { criteria: d.criteria });
    return step.next();
  }

  /**
   * Multi-city: the flight chosen for this leg must leave long enough after the leg before lands (else it is chosen
   * again); then the next leg is chosen with the same steps, or, after the last, the trip goes on to seats.
   */
  private async nextLeg(step: Step): Promise<DialogTurnResult> {
    const d = step.options.draft;
    const before = d.legs?.[d.legs.length - 1]?.flight;
    const tooSoon = legTooSoon(before, d.outbound!.offer);
    if (tooSoon) {
      d.outbound = undefined;
      await say(step.context, `${tooSoon} Please pick another flight.`);
      return this.again(step, { draft: d });
    }
    if (!advanceLeg(d)) return step.next();
    const leg = (d.legs?.length ?? 0) + 1;
    await say(step.context, `Now leg ${leg} of ${leg + (d.nextLegs?.length ?? 0)}.`);
    return this.again(step, { draft: d });
  }

  /** Shows return flights on a round trip. */
  private async inboundStep(step: Step): Promise<DialogTurnResult> {
    const d = step.options.draft;
    const r = step.result as OfferReturnResult | undefined;
    if (r && 'correction' in r) return this.restart(step, r.correction);
    if (r && 'oneWay' in r) d.criteria = { ...d.criteria, tripType: 'one_way' };
    if (r && 'returnDate' in r) d.criteria = { ...d.criteria, tripType: 'round_trip', returnDate: r.returnDate };
    if (d.criteria.tripType !== 'one_way' && d.criteria.returnDate && !d.inbound)
      return step.beginDialog(CHOOSE_FLIGHT_DIALOG, { criteria: d.criteria, direction: 'inbound' });
    return step.next();
  }

  /** Shows the fares of the chosen return flight. */
  private async inboundFareStep(step: Step): Promise<DialogTurnResult> {
    const d = step.options.draft;
    const r = step.result as ChooseFlightResult | undefined;
    if (r && 'correction' in r) return this.restart(step, r.correction, r.criteria);
    if (r) Object.assign(d, { criteria: r.criteria, inbound: { offer: r.offer } });
    if (d.inbound && !d.inbound.fare)
      return step.beginDialog(CHOOSE_FARE_DIALOG, { offer: d.inbound.offer, criteria: d.criteria });
    return step.next();
  }

  /** Seats per passenger per flight. */
  private async seatsStep(step: Step): Promise<DialogTurnResult> {
    await this.note(step);
    const d = step.options.draft;
    const r = step.result as ChooseFareResult | undefined;
    if (r && 'correction' in r) return this.restart(step, r.correction);
    if (r && d.inbound) d.inbound.fare = r.fare;
    if (!d.seatsDone) return step.beginDialog(CHOOSE_SEATS_DIALOG, { draft: d });
    return step.next();
  }

  /** Names and birth dates. */
  private async passengersStep(step: Step): Promise<DialogTurnResult> {
    await this.note(step);
    const d = step.options.draft;
    const r = step.result as ChooseSeatsResult | undefined;
    if (r && 'correction' in r) return this.restart(step, r.correction);
    if (r) Object.assign(d, { seats: r.seats, seatsDone: true });
    // The last seat chosen is confirmed before the next question ("Seats 8A, 8B on BA330, side by side.").
    if (r?.note) await say(step.context, r.note);
    const p = partyOf(d.criteria);
    if (d.passengers.length < p.adults + p.children + p.infants)
      return step.beginDialog(PASSENGER_DETAILS_DIALOG, { draft: d });
    return step.next();
  }

  /** Where the confirmation goes. */
  private async contactStep(step: Step): Promise<DialogTurnResult> {
    const d = step.options.draft;
    const r = step.result as PassengerDetailsResult | undefined;
    if (r && 'correction' in r) {
      // The details typed so far are kept when they still fit the changed trip.
      d.passengers = r.passengers;
      return this.restart(step, r.correction);
    }
    if (r) d.passengers = r.passengers;
    if (!d.contact) return step.beginDialog(CONTACT_DIALOG, { criteria: d.criteria } satisfies ContactOptions);
    return step.next();
  }

  /** Booking needs a verified traveller: signed in, or an email confirmed by code. */
  private async identityStep(step: Step): Promise<DialogTurnResult> {
    const d = step.options.draft;
    const r = step.result as ContactResult | undefined;
    if (r && 'correction' in r) return this.restart(step, r.correction);
    if (r) d.contact = r;
    if (!(await isVerified(this.deps, step.context))) {
      const first = d.passengers[0];
      return step.beginDialog(VERIFY_EMAIL_DIALOG, {
        email: d.contact!.email,
        firstName: first?.firstName,
        lastName: first?.lastName,
        criteria: d.criteria,
      });
    }
    return step.next();
  }

  /** Everything with the total, before anything is held. */
  private async reviewStep(step: Step): Promise<DialogTurnResult> {
    await this.note(step);
    const r = step.result as VerifyEmailResult | undefined;
    if (r && 'correction' in r) return this.restart(step, r.correction);
    if (r === null) {
      await say(
        step.context,
        'No problem. When you are ready, sign in on the website or confirm ' +
          'your email, and we can pick up where we left off.',
      );
      return step.endDialog();
    }
    return step.beginDialog(REVIEW_DIALOG, { draft: step.options.draft });
  }

  /** Holds the seats and sends the payment link; a seat taken meanwhile or a sold-out flight goes back a step. */
  private async holdStep(step: Step): Promise<DialogTurnResult> {
    const d = step.options.draft;
    const r = step.result as ReviewResult;
    if ('correction' in r) return this.restart(step, r.correction);
    if ('abort' in r) {
      await say(step.context, 'OK, nothing was booked. Is there anything else I can do?');
      return step.endDialog();
    }
    if ('change' in r) {
      if (r.change === 'flights') {
        chooseLegsAgain(d);
        Object.assign(d, { outbound: undefined, inbound: undefined, seats: {}, seatsDone: false });
      }
      if (r.change === 'seats') Object.assign(d, { seats: {}, seatsDone: false });
      if (r.change === 'passengers') d.passengers = [];
      if (r.change === 'contact') d.contact = undefined;
      return this.again(step, { draft: d });
    }
    if ('problem' in r) return this.recover(step, r.problem);
    const who = await identityOf(this.deps, step.context);
    try {
      const booking = await this.deps.api.createBooking(who, bookingInput(d, step.context.activity.channelId));
      await this.deps.api.watchBooking(booking.pnr, conversationKey(step.context));
      d.pnr = booking.pnr;
      await this.note(step);
      const link = await this.deps.api.paymentLink(who, booking.pnr, undefined, statedTimeZoneOf(step.context));
      await say(step.context, {
        text:
          `Your seats are held. Booking reference ` +
          `${booking.pnr}. Pay with this link before the hold ends:\n\n` +
          `${link.url}\n\nI'll tell you here as soon as the payment goes through.`,
        card: { kind: 'payment_link', pnr: booking.pnr, url: link.url, expiresAt: link.expiresAt, amount: link.amount },
      });
      return step.endDialog({ pnr: booking.pnr });
    } catch (err) {
      if (!isDomainError(err)) throw err;
      return this.recover(step, err);
    }
  }

  /** Keeps a one-line summary of the booking in progress in the conversation's memory, for support agents. */
  private async note(step: Step): Promise<void> {
    const memory = await memoryOf(this.deps, step.context);
    memory.booking = {
      summary: summarizeDraft(step.options.draft),
      ...(step.options.draft.pnr ? { pnr: step.options.draft.pnr } : {}),
    };
  }

  /** Turns a booking error into the step that can fix it. */
  private async recover(step: Step, err: AnyDomainError): Promise<DialogTurnResult> {
    const d = step.options.draft;
    // The messages of the codes handled here name the flight, the passenger or the seat and the rule broken.
    if (err.code === 'seat_unavailable') {
      const { flightId, designator } = err.details;
      const byPax = d.seats[String(flightId)] ?? {};
      for (const [pax, seat] of Object.entries(byPax)) if (seat === designator) delete byPax[pax];
      d.seatsDone = false;
      await say(step.context, `Sorry — seat ${designator} was just taken by someone else. Please choose another seat.`);
    } else if (
      err.code === 'sold_out' ||
      err.code === 'flight_closed' ||
      err.code === 'flight_cancelled' ||
      err.code === 'cabin_not_available' ||
      err.code === 'leg_too_soon' ||
      err.code === 'leg_dates_out_of_order'
    ) {
      chooseLegsAgain(d);
      Object.assign(d, { outbound: undefined, inbound: undefined, seats: {}, seatsDone: false });
      await say(step.context, `${sayableMessage(err)} Let's pick another flight.`);
    } else if (err.code === 'invalid_passengers' || err.code === 'invalid_seat') {
      if (err.code === 'invalid_passengers') d.passengers = [];
      else Object.assign(d, { seats: {}, seatsDone: false });
      await say(step.context, sayableMessage(err));
    } else if (err.code === 'sign_in_required') {
      await this.deps.identity.delete(step.context);
    } else {
      await say(step.context, `${ERROR_SENTENCES[err.code].says} You can say "start over" or "talk to an agent".`);
      return step.endDialog();
    }
    return this.again(step, { draft: d });
  }

  /**
   * Runs the steps again from the top with `options` (each step skips what the draft already has). The steps are
   * replaced inside this dialog rather than the dialog itself: a booking restarted within itself would nest one more
   * level at every correction, and an interruption's reprompt cannot reach a nested copy (it fails, losing the trip).
   */
  private again(step: Step, options: BookFlightOptions): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW, options);
  }

  /** Legs this turn's message adds after the trip under way ("then on to Rome on the 23rd"), or null. */
  private async addedLegs(step: Step): Promise<PlannedLeg[] | null> {
    const text = step.context.activity.text ?? '';
    const u = await this.deps.recognizer.recognize(text, { timeZone: timeZoneOf(step.context) }).catch(() => null);
    return u ? addedLegs(u) : null;
  }

  /** Applies a correction and restarts the flow at the first gap. */
  private async restart(
    step: Step,
    change: Partial<SearchCriteria>,
    criteria?: SearchCriteria,
  ): Promise<DialogTurnResult> {
    const added = await this.addedLegs(step);
    if (added) {
      const d = step.options.draft;
      await say(step.context, `Got it: ${appendLegs(d, added)}. Let's finish choosing your flights in order.`);
      return this.again(step, { draft: d });
    }
    const base = criteria ? { ...step.options.draft, criteria } : step.options.draft;
    const d = applyChanges(base, change);
    // What cannot be searched (10 travellers, a return before the departure) is not "got": the criteria step says why
    // and asks again.
    const refused = new Set(
      criteriaProblems(d.criteria, todayIn(timeZoneOf(step.context), this.deps.clock.now())).map((p) => p.drop),
    );
    const accepted = Object.fromEntries(
      Object.entries(change).filter(([k]) => !refused.has(k as never)),
    ) as Partial<SearchCriteria>;
    if (Object.keys(accepted).length) await say(step.context, `Got it: ${describeChange(accepted, d.criteria)}.`);
    const checkDates = Boolean(change.departDate || change.returnDate);
    return this.again(step, { draft: d, ...(checkDates ? { checkDates } : {}) });
  }
}

/** "LHR–JFK Fri 4 Dec, back Sun 6 Dec · 2 adults · economy · out BA104 Economy Standard · seats BA104 35A 35B". */
export function summarizeDraft(d: BookingDraft): string {
  const c = d.criteria;
  const parts: string[] = [];
  if (c.origin || c.destination) parts.push(`${c.origin?.label ?? '?'} → ${c.destination?.label ?? '?'}`);
  if (c.departDate)
    parts.push(`${formatLocalDate(c.departDate)}${c.returnDate ? `, back ${formatLocalDate(c.returnDate)}` : ''}`);
  parts.push(describeParty(c), (c.cabin ?? 'economy').replace('_', ' '));
  for (const [label, chosen] of [
    ...(d.legs ?? []).map((l, i) => [`leg ${i + 1}`, l.flight] as const),
    [d.legs?.length ? `leg ${d.legs.length + 1}` : 'out', d.outbound] as const,
    ['back', d.inbound] as const,
  ])
    if (chosen)
      parts.push(
        `${label} ` +
          `${chosen.offer.segments.map((x) => x.flightNumber).join('+')} ` +
          `${chosen.offer.departureTime.slice(0, 16).replace('T', ' ')}` +
          `${chosen.fare ? ` ${chosen.fare.name}` : ''}`,
      );
  const seats = Object.entries(d.seats).flatMap(([, byPax]) => Object.values(byPax));
  if (seats.length) parts.push(`seats ${seats.join(' ')}`);
  if (d.passengers.length)
    parts.push(`passengers ${d.passengers.map((p) => `${p.firstName} ${p.lastName}`).join(', ')}`);
  for (const l of d.nextLegs ?? []) parts.push(`then ${l.destination.label}${l.departDate ? ` ${l.departDate}` : ''}`);
  if (d.pnr) parts.push(`held as ${d.pnr}`);
  return parts.join(' · ');
}

/** A new booking from what the first request said; a place in it that needs narrowing down is asked about first. */
export function startDraft(criteria: SearchCriteria, u?: Understanding): BookFlightOptions {
  const slot = (['origin', 'destination'] as const).find((r) => u?.[r] && needsCityChoice(u[r]!));
  const note = unknownPlaceNote(u, criteria);
  const multiCity = legsOfRequest(u, criteria);
  const draft = multiCity ? { ...emptyDraft(multiCity.criteria), nextLegs: multiCity.nextLegs } : emptyDraft(criteria);
  if (!multiCity) {
    // Legs said with no trip yet ("then on to Rome on the 23rd"): the trip starts with them.
    const added = u ? addedLegs(u) : null;
    if (added?.length) {
      const [first, ...rest] = added;
      draft.criteria = { ...criteria, ...nextLegCriteria({ ...criteria, destination: undefined }, first!) };
      if (rest.length) draft.nextLegs = rest;
    }
  }
  return {
    draft,
    ...(slot ? { clarify: { slot, place: u![slot]! } } : {}),
    ...(note ? { note } : {}),
    ...(draft.criteria.departDate || draft.criteria.returnDate ? { checkDates: true } : {}),
  };
}
