import type { Db } from '../db/db';
import { conflict, validationError } from '../errors';
import { FREE_CHANGE_WINDOW_MS } from '../domain/flight-change-rules';
import type { SeatChangeMove } from '../domain/records';
import { formatMoney } from '../domain/money';
import type { Money } from '../domain/types';
import type { BagOrderRepository } from '../repositories/bag-order.repository';
import type { CheckInRepository } from '../repositories/check-in.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { SeatChangeRepository } from '../repositories/seat-change.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import type { Actor } from './actor';
import { bagsOnChange, bagsSentence } from './bag-carry-over';
import type { BookingAccess } from './booking-access';
import type { BookingView } from './booking-view';
import type { BookingViews } from './booking-views';
import type { BookingRepository } from '../repositories/booking.repository';
import type { Clock } from './clock';
import type { FareQuoter } from './fare-quote';
import { type FlightChangeMoneyView, flightChangeMoneySentence } from './flight-change-mails';
import { type CheckedFlightChange, type FlightChangeRequest, FlightChangePlanner } from './flight-change-plan';
import { type FlightChangeSettlement, flightsLine, moneyView } from './flight-change-settlement';
import { flightNumber } from './flight-view';
import type { MailService } from './mail.service';
import type { PaymentLink, PaymentService } from './payment.service';
import type { ReferenceDataService } from './reference-data.service';
import { SeatAssigner } from './seat-assigner';
import { CLOSE_MS } from './seat-change-plan';
import type { SeatChangeSettlement } from './seat-change-settlement';

export type { FlightChangeRequest } from './flight-change-plan';

/** A flight as a change quote shows it. */
export interface ChangeFlightView {
  flightId: number;
  flightNumber: string;
  origin: string;
  destination: string;
  departureDate: string;
  departureAt: string;
  arrivalAt: string;
}

/** What changing flights would cost or give back (POST /bookings/{pnr}/changes/quote); nothing is held. */
export interface FlightChangeQuote extends FlightChangeMoneyView {
  direction: 'outbound' | 'inbound';
  fareFamily: string;
  cabin: string;
  from: ChangeFlightView[];
  to: ChangeFlightView[];
  /** Until when the fee is waived (24 hours after buying), or null when that window is over. */
  freeChangeUntil: string | null;
  /**
   * Extra bags paid for on the flights left that cannot move to the new ones (their number differs), refunded in
   * full besides `refund`; bags on flights replaced one for one move with the passenger (api/services/bag-carry-over).
   */
  bagsRefund: Money;
  /** The quote in one sentence, as the chat says it. */
  summary: string;
}

/** The booking after confirming a change, with what the change did or waits for. */
export interface FlightChangeOutcome extends BookingView {
  flightChange: {
    /** "applied": the flights changed; "awaiting_payment": the new seats are held until the difference is paid. */
    status: 'applied' | 'awaiting_payment';
    quote: FlightChangeQuote;
    payment: PaymentLink | null;
  };
}

export interface FlightChangeServiceDeps {
  db: Db;
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  seatRepo: SeatRepository;
  bookingRepo: BookingRepository;
  seatChangeRepo: SeatChangeRepository;
  /** Extra bags paid for, which move with a change or are refunded (optional: no bags then). */
  bagOrderRepo?: Pick<BagOrderRepository, 'forBooking'>;
  bookingAccess: BookingAccess;
  bookingViews: BookingViews;
  quoter: FareQuoter;
  checkIns: Pick<CheckInRepository, 'forBooking'>;
  payments: Pick<PaymentService, 'createSeatChangeLink'>;
  /** Replaces a pending seat or flight change by a newer one. */
  seatChanges: Pick<SeatChangeSettlement, 'supersedePending'>;
  flightChanges: Pick<FlightChangeSettlement, 'apply'>;
  mail: MailService;
  clock: Clock;
  /** How long the new flights' seats are held while the difference waits to be paid. */
  holdMinutes: number;
}

/**
 * Changing the dates or flights of a paid booking (issue 15): a quote under the fare rules, then the traveller's
 * confirmation of that quote. Confirming holds seats on the new flights (families together, the seat safety rules,
 * atomic claims) and either applies the change at once (nothing to pay, or a refund) or waits for the difference,
 * paid through a link: the change is applied in the payment's transaction (SeatChangeSettlement →
 * FlightChangeSettlement); an unpaid link expires with the hold, the seats are freed and the booking stays as it was.
 */
export class FlightChangeService {
  private readonly planner: FlightChangePlanner;
  private readonly assigner: SeatAssigner;

  constructor(private readonly deps: FlightChangeServiceDeps) {
    this.planner = new FlightChangePlanner(deps);
    this.assigner = new SeatAssigner(deps.seatRepo);
  }

  async quote(pnr: string, actor: Actor, req: FlightChangeRequest, lastName?: string): Promise<FlightChangeQuote> {
    return this.quoteOf(await this.planner.check(pnr, actor, req, lastName));
  }

  private async quoteOf(c: CheckedFlightChange): Promise<FlightChangeQuote> {
    const bags = await bagsOnChange(this.deps.bagOrderRepo, c.agg.booking.id, c.plan.fromFlightIds, c.plan.toFlightIds);
    return this.quoteWith(c, bags);
  }

  /**
   * Confirms a quote: `accepted` is the due and refund the traveller agreed to; a price that moved since is refused
   * (409 change_quote_changed, with the new amounts) so nobody pays what they did not see.
   */
  async confirm(
    pnr: string,
    actor: Actor,
    req: FlightChangeRequest & { accepted: { due: number; refund: number } },
    lastName?: string,
    opts: { timeZone?: string } = {},
  ): Promise<FlightChangeOutcome> {
    const c = await this.planner.check(pnr, actor, req, lastName);
    const quote = await this.quoteOf(c);
    if (quote.due.amount !== req.accepted.due || quote.refund.amount !== req.accepted.refund)
      throw conflict('change_quote_changed', 'The price of this change has moved; please look at the new quote.', {
        due: quote.due,
        refund: quote.refund,
      });
    const b = c.agg.booking;
    for (const f of c.joining) await this.ensureSeats(f.id, f.aircraftCode, f.seatsReady);
    const closes = Math.min(...c.joining.map((f) => f.departureAt.getTime() - CLOSE_MS));
    const expiresAt = new Date(Math.min(c.now.getTime() + this.deps.holdMinutes * 60_000, closes));
    const due = quote.due.amount;
    const changeId = await this.deps.db.transaction(async () => {
      await this.deps.seatChanges.supersedePending(b.id);
      const moves = await this.holdSeats(c, expiresAt);
      const id = await this.deps.seatChangeRepo.insert({
        bookingId: b.id,
        moves,
        amount: due,
        currency: b.currency,
        masked: c.access === 'masked',
        expiresAt,
        kind: 'flights',
        flightChange: c.plan,
      });
      if (due > 0) return id;
      // Nothing to pay: the change is applied now, in this transaction.
      const change = (await this.deps.seatChangeRepo.find(id))!;
      const refused = await this.deps.flightChanges.apply(change, c.agg, false);
      if (refused) throw conflict('booking_changed', 'This booking changed meanwhile; please look at it again.');
      return id;
    });
    const render = async () =>
      this.deps.bookingViews.render((await this.deps.bookingRepo.findById(b.id))!, c.access === 'masked');
    if (due === 0) return { ...(await render()), flightChange: { status: 'applied', quote, payment: null } };
    const change = (await this.deps.seatChangeRepo.find(changeId))!;
    const link = await this.deps.payments.createSeatChangeLink(change, b, opts.timeZone);
    const lines = [{ from: flightsLine(c.leaving), to: flightsLine(c.joining) }];
    await this.deps.db.transaction(() =>
      this.deps.mail.enqueueFlightChangeLink(
        b.pnr,
        b.contactEmail,
        { id: changeId, lines, money: moneyView(c.plan, due, b.currency) },
        link,
      ),
    );
    return { ...(await render()), flightChange: { status: 'awaiting_payment', quote, payment: link } };
  }

  /**
   * Holds a seat for every seated passenger on each new flight, flights in id order (the lock order every hold uses):
   * the SeatAssigner keeps the party together and applies the seat safety rules; a seat lost to another booking is
   * picked again, and a full cabin is a 409 sold_out (the transaction then holds nothing).
   */
  private async holdSeats(c: CheckedFlightChange, expiresAt: Date): Promise<SeatChangeMove[]> {
    const moves: SeatChangeMove[] = [];
    const seated = c.agg.passengers.filter((p) => p.type !== 'INF');
    for (const f of [...c.joining].sort((x, y) => x.id - y.id)) {
      const aircraft = this.deps.ref.aircraft(f.aircraftCode)!;
      const assigned = await this.assigner.claim(
        f,
        c.cabin,
        aircraft.seats,
        c.agg.booking.id,
        seated.map((p) => ({
          passengerId: p.id,
          type: p.type,
          holdsInfant: p.holdsInfant,
          specialAssistance: p.specialAssistance,
          position: p.position,
        })),
        { state: 'held', holdExpiresAt: expiresAt },
        c.now,
      );
      for (const p of seated) {
        const to = assigned.get(p.id)!;
        const tier = aircraft.byDesignator.get(to)?.tier ?? 'standard';
        moves.push({ flightId: f.id, passenger: p.position, passengerId: p.id, from: null, to, tier, amount: 0 });
      }
    }
    return moves;
  }

  private async ensureSeats(flightId: number, aircraftCode: string, ready: boolean): Promise<void> {
    if (ready) return;
    const aircraft = this.deps.ref.aircraft(aircraftCode);
    if (!aircraft) throw validationError('aircraft_not_found', 'The new flight has no known aircraft layout.');
    await this.deps.seatRepo.ensureSeats(flightId, aircraft.seats);
  }

  private quoteWith(c: CheckedFlightChange, bags: { moved: number; refund: number }): FlightChangeQuote {
    const b = c.agg.booking;
    const money = moneyView(c.plan, c.money.due, b.currency);
    const bought = (b.confirmedAt ?? b.createdAt).getTime();
    const freeUntil = bought + FREE_CHANGE_WINDOW_MS;
    const view = (f: (typeof c.joining)[number]): ChangeFlightView => ({
      flightId: f.id,
      flightNumber: flightNumber(f),
      origin: f.origin,
      destination: f.destination,
      departureDate: f.departureDate,
      departureAt: f.departureAt.toISOString(),
      arrivalAt: f.arrivalAt.toISOString(),
    });
    const zero: Money = { amount: 0, currency: b.currency };
    return {
      direction: c.plan.direction,
      fareFamily: c.family,
      cabin: c.cabin,
      from: c.leaving.map(view),
      to: c.joining.map(view),
      ...money,
      refund: c.money.refund > 0 ? money.refund : zero,
      freeChangeUntil: c.now.getTime() < freeUntil ? new Date(freeUntil).toISOString() : null,
      bagsRefund: { amount: bags.refund, currency: b.currency },
      summary:
        flightChangeMoneySentence(money) +
        bagsSentence({
          moved: bags.moved,
          refund: bags.refund > 0 ? formatMoney({ amount: bags.refund, currency: b.currency }) : null,
        }),
    };
  }
}
