import type { BookingSegmentRow, FlightRow, PaymentRow, RefundRow, SeatRow } from '../domain/records';
import type { BookingStatus, Cabin, Money, PassengerType, PriceBreakdown } from '../domain/types';
import { CABIN_LABEL, FAMILY_LABEL, type FareConditions, fareConditions, type FareFamily } from '../domain/fares';
import { bagAllowance } from '../domain/baggage';
import type { BookingAggregate } from '../repositories/booking.repository';
import type { BagsOfView } from './bag-views';
import { segmentView, type SegmentView } from './flight-view';
import type { ReferenceDataService } from './reference-data.service';

/** The booking as every channel sees it. With `masked`, personal data is hidden (PNR + last name lookups). */
export interface BookingView {
  pnr: string;
  status: BookingStatus;
  holdExpiresAt: string | null;
  createdAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  masked: boolean;
  price: { total: Money; fares: Money; seats: Money; taxes: Money; breakdown: PriceBreakdown };
  flights: (SegmentView & {
    segment: number;
    direction: 'outbound' | 'inbound';
    /** The leg of the trip (0-based): a return trip's return is leg 1; a multi-city trip has legs 0 to 3. */
    leg: number;
    cabin: Cabin;
    fareFamily: FareFamily;
    fareName: string;
    conditions: FareConditions;
  })[];
  passengers: {
    index: number;
    firstName: string;
    lastName: string;
    dateOfBirth: string | null;
    type: PassengerType;
    /** An adult with a lap infant; and whether special assistance was asked for (seat safety rules). */
    holdsInfant: boolean;
    specialAssistance: boolean;
    ticketNumber: string | null;
    /** Seat per flight id, e.g. { "123": "12A" }; lap infants have none. */
    seats: Record<string, string>;
    /** Special requests (SSR codes: meal, wheelchair, pet in the cabin) per flight. */
    specialRequests: { flightId: number; code: string; label: string }[];
    /**
     * Checked bags per flight: what the fare includes (api/domain/baggage.ts) and extra bags paid for. Lap infants
     * have none.
     */
    checkedBags?: { flightId: number; included: number; added: number; weightKg: number }[];
  }[];
  /** Extra checked bags paid for after booking, each payment with its bags (the receipt lists them). */
  bags?: {
    total: Money;
    orders: {
      paidAt: string;
      amount: Money;
      items: { passenger: number; flightId: number; bags: number; amount: Money }[];
    }[];
  };
  contact: { email: string; phone: string | null };
  /** The payment that confirmed the booking. */
  payment: { provider: string; amount: Money; paidAt: string | null; reference: string | null } | null;
  refunds: { amount: Money; status: string; reason: string; createdAt: string }[];
}

/** "j•••@example.com" */
export function maskEmail(email: string): string {
  const [user, domain] = email.split('@');
  return `${(user ?? '').slice(0, 1)}•••@${domain ?? ''}`;
}

/** "••• ••• 4567" */
export function maskPhone(phone: string): string {
  return `••• ••• ${phone.replace(/\D/g, '').slice(-4)}`;
}

/**
 * Effective status: a held booking whose hold ran out is expired now, even before the sweeper has
 * written it down.
 */
export function effectiveStatus(status: BookingStatus, holdExpiresAt: Date | null, now: Date): BookingStatus {
  return status === 'held' && holdExpiresAt !== null && holdExpiresAt <= now ? 'expired' : status;
}

/** A special request as a view shows it (passenger index in the booking). */
export interface RequestOfView {
  passenger: number;
  flightId: number;
  code: string;
  label: string;
}

/** What a view shows of a seat: which passenger of which booking sits where. */
export type HeldSeat = Pick<SeatRow, 'flightId' | 'designator' | 'bookingId' | 'passengerId'> &
  Partial<Pick<SeatRow, 'state'>>;

/** A booking as the view reads it (segment ids are never shown, so drafts and new holds need none). */
export type BookingViewSource = Omit<BookingAggregate, 'segments'> & { segments: Omit<BookingSegmentRow, 'id'>[] };

export function buildBookingView(
  ref: ReferenceDataService,
  agg: BookingViewSource,
  flights: Map<number, FlightRow>,
  seats: HeldSeat[],
  now: Date,
  masked: boolean,
  money: { payments: PaymentRow[]; refunds: RefundRow[]; specialRequests?: RequestOfView[]; bags?: BagsOfView } = {
    payments: [],
    refunds: [],
  },
): BookingView {
  // The payment the booking kept; one given back (paid twice, paid too late) only when there is no other.
  const paid =
    money.payments.find((p) => p.status === 'succeeded') ?? money.payments.find((p) => p.status === 'refunded');
  const b = agg.booking;
  const m = (amount: number): Money => ({ amount, currency: b.currency });
  const status = effectiveStatus(b.status, b.holdExpiresAt, now);
  return {
    pnr: b.pnr,
    status,
    holdExpiresAt: status === 'held' && b.holdExpiresAt ? b.holdExpiresAt.toISOString() : null,
    createdAt: b.createdAt.toISOString(),
    confirmedAt: b.confirmedAt?.toISOString() ?? null,
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    masked,
    price: {
      total: m(b.totalAmount),
      fares: m(b.breakdown.fareTotal),
      seats: m(b.breakdown.seatTotal),
      taxes: m(b.breakdown.taxTotal),
      breakdown: b.breakdown,
    },
    flights: agg.segments.map((s) => {
      const f = flights.get(s.flightId);
      const cabin = s.cabin as Cabin;
      const family = s.fareFamily as FareFamily;
      const base = f ? segmentView(ref, f) : missingSegment(s.flightId);
      return {
        ...base,
        segment: s.position,
        direction: s.direction,
        leg: s.leg,
        cabin,
        fareFamily: family,
        fareName: `${CABIN_LABEL[cabin]} ${FAMILY_LABEL[family]}`,
        conditions: fareConditions(cabin, family, b.currency),
      };
    }),
    passengers: agg.passengers.map((p) => ({
      index: p.position,
      firstName: p.firstName,
      lastName: p.lastName,
      dateOfBirth: masked ? null : p.dateOfBirth,
      type: p.type,
      holdsInfant: p.holdsInfant,
      specialAssistance: p.specialAssistance,
      ticketNumber: p.ticketNumber,
      // Seats still tied to this booking: a hold that expired and was taken by someone else is gone; on a paid
      // booking a seat held for a change still waiting for its payment is not the passenger's yet.
      seats: Object.fromEntries(
        seats
          .filter(
            (s) =>
              s.passengerId === p.id &&
              s.bookingId === b.id &&
              status !== 'expired' &&
              status !== 'cancelled' &&
              !(status === 'confirmed' && s.state === 'held'),
          )
          .map((s) => [String(s.flightId), s.designator]),
      ),
      specialRequests: (money.specialRequests ?? [])
        .filter((r) => r.passenger === p.position)
        .map((r) => ({ flightId: r.flightId, code: r.code, label: r.label })),
      checkedBags: agg.segments.map((s) => {
        const allowance = bagAllowance(s.cabin as Cabin, s.fareFamily as FareFamily);
        const added = (money.bags?.orders ?? [])
          .flatMap((o) => o.items)
          .filter((i) => i.passenger === p.position && i.flightId === s.flightId)
          .reduce((n, i) => n + i.bags, 0);
        const infant = p.type === 'INF';
        return {
          flightId: s.flightId,
          included: infant ? 0 : allowance.includedBags,
          added,
          weightKg: allowance.weightKg,
        };
      }),
    })),
    bags: {
      total: m((money.bags?.orders ?? []).reduce((n, o) => n + o.amount, 0)),
      orders: (money.bags?.orders ?? []).map((o) => ({
        paidAt: o.paidAt,
        amount: m(o.amount),
        items: o.items.map((i) => ({ ...i, amount: m(i.amount) })),
      })),
    },
    contact: masked
      ? { email: maskEmail(b.contactEmail), phone: b.contactPhone ? maskPhone(b.contactPhone) : null }
      : { email: b.contactEmail, phone: b.contactPhone },
    payment: paid
      ? {
          provider: paid.provider,
          amount: { amount: paid.amount, currency: paid.currency },
          paidAt: paid.paidAt?.toISOString() ?? null,
          reference: masked ? null : paid.paymentIntentId,
        }
      : null,
    refunds: money.refunds.map((r) => ({
      amount: { amount: r.amount, currency: r.currency },
      status: r.status,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

function missingSegment(flightId: number): SegmentView {
  const unknown = { code: '???', name: 'Unknown', city: 'Unknown', timeZone: 'UTC' };
  return {
    flightId,
    flightNumber: '?',
    airline: { code: '??', name: 'Unknown' },
    origin: unknown,
    destination: unknown,
    departureTime: '',
    arrivalTime: '',
    departureUtc: '',
    arrivalUtc: '',
    durationMinutes: 0,
    aircraft: { code: '?', name: 'Unknown' },
    status: 'unknown',
  };
}

/** A priced booking before it exists (the review step): no reference or status yet. */
export type BookingDraftView = Omit<
  BookingView,
  'pnr' | 'status' | 'holdExpiresAt' | 'createdAt' | 'confirmedAt' | 'cancelledAt' | 'masked' | 'payment' | 'refunds'
>;
