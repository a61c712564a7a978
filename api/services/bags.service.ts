import type { Db } from '../db/db';
import {
  BAG_SALES_CLOSE_MINUTES,
  bagAllowance,
  bagLimitProblem,
  extraBagPrice,
  type HaulBand,
  MAX_ADDED_BAGS_PER_PASSENGER,
  routeHaul,
} from '../domain/baggage';
import type { FareFamily } from '../domain/fares';
import type { Cabin, Money } from '../domain/types';
import { badRequest, conflict, validationError } from '../errors';
import type { BagOrderItem, BagOrderRepository, BagOrderRow } from '../repositories/bag-order.repository';
import type { BookingAggregate, BookingRepository } from '../repositories/booking.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { OpsRepository } from '../repositories/ops.repository';
import { type Actor, actorRole, actorUserId, isStaff } from './actor';
import type { BookingAccess, BookingAccessLevel } from './booking-access';
import { type BookingView, effectiveStatus } from './booking-view';
import type { BookingViews } from './booking-views';
import type { BagSettlement } from './bag-settlement';
import type { Clock } from './clock';
import { flightNumber } from './flight-view';
import type { MailService } from './mail.service';
import type { PaymentLink, PaymentService } from './payment.service';
import type { ReferenceDataService } from './reference-data.service';

/** Extra checked bags asked for one passenger (index in the booking) on one flight of the booking. */
export interface BagRequest {
  passenger: number;
  flightId: number;
  bags: number;
}

/** What adding bags would cost (POST /bookings/{pnr}/bags/quote); nothing is added. */
export interface BagQuote {
  total: Money;
  bags: {
    passenger: number;
    flightId: number;
    bags: number;
    /** The route's length band and the fare family set the price of one bag. */
    haul: HaulBand;
    fareFamily: FareFamily;
    unitPrice: Money;
    amount: Money;
    /** Bags the fare includes, extra bags already paid for, and the weight limit per bag. */
    included: number;
    added: number;
    weightKg: number;
  }[];
}

/** The booking after bags were asked for: they count once `payment` is paid. */
export interface BagsOutcome extends BookingView {
  bagOrder: { id: number; status: 'awaiting_payment'; due: Money; payment: PaymentLink };
}

interface PlannedItem {
  item: BagOrderItem;
  flightNumber: string;
  haul: HaulBand;
  family: FareFamily;
  included: number;
  added: number;
  weightKg: number;
}

interface Plan {
  agg: BookingAggregate;
  access: BookingAccessLevel;
  items: PlannedItem[];
  total: number;
  /** The earliest departure among the flights asked for: the payment link must close before it. */
  closesAt: Date;
}

export interface BagsServiceDeps {
  db: Db;
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  bookingRepo: BookingRepository;
  bagOrderRepo: BagOrderRepository;
  opsRepo: OpsRepository;
  bookingAccess: BookingAccess;
  bookingViews: BookingViews;
  payments: PaymentService;
  settlement: BagSettlement;
  mail: MailService;
  clock: Clock;
  /** How long a payment link for bags stays open. */
  linkMinutes: number;
}

const CLOSE_MS = BAG_SALES_CLOSE_MINUTES * 60_000;

/**
 * Extra checked bags on paid bookings, per passenger and flight, priced by fare family and route length
 * (api/domain/baggage.ts) in the booking's currency. Adding makes an order and a payment link; the bags count only
 * once it is paid (BagSettlement), and a newer request replaces an unpaid one.
 */
export class BagsService {
  constructor(private readonly deps: BagsServiceDeps) {}

  async quote(pnr: string, actor: Actor, requests: BagRequest[], lastName?: string): Promise<BagQuote> {
    const p = await this.plan(pnr, actor, requests, lastName);
    const m = (amount: number): Money => ({ amount, currency: p.agg.booking.currency });
    return {
      total: m(p.total),
      bags: p.items.map((i) => ({
        passenger: i.item.passenger,
        flightId: i.item.flightId,
        bags: i.item.bags,
        haul: i.haul,
        fareFamily: i.family,
        unitPrice: m(i.item.unitAmount),
        amount: m(i.item.amount),
        included: i.included,
        added: i.added,
        weightKg: i.weightKg,
      })),
    };
  }

  /**
   * Asks for bags: an order waiting for its payment and a link to pay it (`timeZone` is the traveller's, for the
   * payment page). Nothing is added until the link is paid.
   */
  async add(
    pnr: string,
    actor: Actor,
    requests: BagRequest[],
    lastName?: string,
    opts: { timeZone?: string } = {},
  ): Promise<BagsOutcome> {
    const { db, bagOrderRepo, settlement, clock, payments } = this.deps;
    const p = await this.plan(pnr, actor, requests, lastName);
    const b = p.agg.booking;
    const now = clock.now();
    const expiresAt = new Date(Math.min(now.getTime() + this.deps.linkMinutes * 60_000, p.closesAt.getTime()));
    const orderId = await db.transaction(async () => {
      // One order waits at a time: its link closes, so the limit per passenger holds whichever link is paid.
      await settlement.supersedePending(b.id);
      if (isStaff(actor))
        await this.deps.opsRepo.audit({
          actorUserId: actorUserId(actor),
          actorRole: actorRole(actor),
          action: 'booking.bags_requested',
          entityType: 'booking',
          entityId: b.pnr,
          reason: null,
          data: { bags: requests },
        });
      return bagOrderRepo.insert({
        bookingId: b.id,
        items: p.items.map((i) => i.item),
        amount: p.total,
        currency: b.currency,
        masked: p.access === 'masked',
        expiresAt,
      });
    });
    const order = (await bagOrderRepo.find(orderId))!;
    const link = await payments.createBagOrderLink(order, b, opts.timeZone);
    const lines = p.items.map((i) => {
      const pax = p.agg.passengers.find((x) => x.id === i.item.passengerId);
      const who = pax ? `${pax.firstName} ${pax.lastName}` : `Passenger ${i.item.passenger + 1}`;
      return `${who}: ${i.item.bags} extra bag${i.item.bags === 1 ? '' : 's'} on ${i.flightNumber} (${i.haul} haul)`;
    });
    await db.transaction(() =>
      this.deps.mail.enqueueBagOrderLink(b.pnr, b.contactEmail, { id: order.id, lines }, link),
    );
    const view = await this.deps.bookingViews.render(
      (await this.deps.bookingRepo.findById(b.id))!,
      p.access === 'masked',
    );
    return {
      ...view,
      bagOrder: {
        id: order.id,
        status: 'awaiting_payment',
        due: { amount: p.total, currency: b.currency },
        payment: link,
      },
    };
  }

  /** Checks a request against the booking, the flights and the limits, and prices it. */
  private async plan(pnr: string, actor: Actor, requests: BagRequest[], lastName?: string): Promise<Plan> {
    const { agg, access } = await this.deps.bookingAccess.load(pnr, actor, { lastName });
    const b = agg.booking;
    const now = this.deps.clock.now();
    if (effectiveStatus(b.status, b.holdExpiresAt, now) !== 'confirmed')
      throw conflict('bags_need_paid_booking', 'Checked bags can be added to a paid booking only.');
    if (requests.length === 0) throw badRequest('invalid_request', 'Say which bags to add.');
    const keys = requests.map((r) => `${r.passenger}:${r.flightId}`);
    if (new Set(keys).size !== keys.length)
      throw validationError('invalid_bag_request', 'Each passenger and flight can appear once in a request.');
    const flights = new Map(
      (await this.deps.flightRepo.findByIds(agg.segments.map((s) => s.flightId))).map((f) => [f.id, f]),
    );
    const applied = await this.appliedBags(b.id);
    let closesAt = Infinity;
    const items = requests.map((r): PlannedItem => {
      const seg = agg.segments.find((s) => s.flightId === r.flightId);
      const flight = flights.get(r.flightId);
      if (!seg || !flight)
        throw validationError('invalid_bag_request', `Flight ${r.flightId} is not part of this booking.`, {
          passenger: r.passenger,
          flightId: r.flightId,
        });
      const pax = agg.passengers.find((x) => x.position === r.passenger);
      if (!pax)
        throw validationError('unknown_passenger', `There is no passenger ${r.passenger} on this booking.`, {
          passenger: r.passenger,
        });
      if (flight.status === 'cancelled')
        throw conflict('flight_cancelled', `${flightNumber(flight)} is cancelled.`, { flightId: flight.id });
      if (flight.departureAt.getTime() - CLOSE_MS <= now.getTime())
        throw conflict('flight_closed', `${flightNumber(flight)} has closed; bags can no longer be added.`, {
          flightId: flight.id,
        });
      closesAt = Math.min(closesAt, flight.departureAt.getTime() - CLOSE_MS);
      const added = applied.get(`${pax.id}:${flight.id}`) ?? 0;
      const problem = bagLimitProblem(added, r.bags, pax.type === 'INF');
      if (problem)
        throw validationError('bag_limit_exceeded', problem, {
          passenger: r.passenger,
          flightId: r.flightId,
          max: pax.type === 'INF' ? 0 : MAX_ADDED_BAGS_PER_PASSENGER,
          added,
        });
      const family = seg.fareFamily as FareFamily;
      const from = this.deps.ref.airport(flight.origin);
      const to = this.deps.ref.airport(flight.destination);
      // An airport missing from the reference data prices as long haul: never cheaper than the route can be.
      const haul: HaulBand = from && to ? routeHaul(from, to) : 'long';
      const unitAmount = extraBagPrice(family, haul, b.currency);
      const allowance = bagAllowance(seg.cabin as Cabin, family);
      return {
        item: {
          passenger: r.passenger,
          passengerId: pax.id,
          flightId: flight.id,
          bags: r.bags,
          unitAmount,
          amount: unitAmount * r.bags,
        },
        flightNumber: flightNumber(flight),
        haul,
        family,
        included: allowance.includedBags,
        added,
        weightKg: allowance.weightKg,
      };
    });
    const total = items.reduce((sum, i) => sum + i.item.amount, 0);
    return { agg, access, items, total, closesAt: new Date(closesAt) };
  }

  /** Extra bags already paid for, per "passengerId:flightId". */
  private async appliedBags(bookingId: number): Promise<Map<string, number>> {
    return addedBags(await this.deps.bagOrderRepo.forBooking(bookingId));
  }
}

/** Extra bags of the paid orders, per "passengerId:flightId". */
export function addedBags(orders: BagOrderRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const o of orders)
    if (o.status === 'applied')
      for (const i of o.items)
        out.set(`${i.passengerId}:${i.flightId}`, (out.get(`${i.passengerId}:${i.flightId}`) ?? 0) + i.bags);
  return out;
}
