/** Hand-built views for the card renderer tests: offers (one with a connection), seat maps, bookings. */
import { fareConditions } from '../../../api/domain/fares';
import type { Cabin, Money, SeatTier } from '../../../api/domain/types';
import type { BookingDraftView, BookingView } from '../../../api/services/booking-view';
import type { SegmentView } from '../../../api/services/flight-view';
import type { Offer, OfferFare } from '../../../api/services/search.service';
import type { CabinMap, SeatMap, SeatView } from '../../../api/services/seatmap.service';

export const gbp = (pounds: number): Money => ({ amount: Math.round(pounds * 100), currency: 'GBP' });

const AIRPORTS = {
  LHR: { code: 'LHR', name: 'Heathrow', city: 'London', timeZone: 'Europe/London' },
  JFK: { code: 'JFK', name: 'John F. Kennedy', city: 'New York', timeZone: 'America/New_York' },
  ORD: { code: 'ORD', name: "O'Hare", city: 'Chicago', timeZone: 'America/Chicago' },
  LAX: { code: 'LAX', name: 'Los Angeles', city: 'Los Angeles', timeZone: 'America/Los_Angeles' },
} as const;

type Code = keyof typeof AIRPORTS;

export function segment(
  id: number,
  number: string,
  from: Code,
  to: Code,
  dep: string,
  arr: string,
  minutes: number,
): SegmentView {
  const airline = number.startsWith('BA')
    ? { code: 'BA', name: 'British Airways' }
    : { code: 'AA', name: 'American Airlines' };
  return {
    flightId: id,
    flightNumber: number,
    airline,
    origin: { ...AIRPORTS[from] },
    destination: { ...AIRPORTS[to] },
    departureTime: dep,
    arrivalTime: arr,
    departureUtc: new Date(Date.parse(dep)).toISOString(),
    arrivalUtc: new Date(Date.parse(arr)).toISOString(),
    durationMinutes: minutes,
    aircraft: { code: '77W', name: 'Boeing 777-300ER' },
    status: 'scheduled',
  };
}

export function fare(
  family: 'basic' | 'standard' | 'flex',
  pounds: number,
  seatsLeft = 9,
  cabin: Cabin = 'economy',
): OfferFare {
  const name = { basic: 'Economy Basic', standard: 'Economy Standard', flex: 'Economy Flex' }[family];
  return {
    fareFamily: family,
    name,
    cabin,
    price: gbp(pounds),
    taxes: gbp(pounds * 0.2),
    conditions: fareConditions(cabin, family, 'GBP'),
    seatsLeft,
  };
}

/** LHR 18:30 → JFK 21:25 local, nonstop. */
export const nonstop: Offer = {
  id: 'o1',
  segments: [segment(101, 'BA117', 'LHR', 'JFK', '2026-12-01T18:30:00+00:00', '2026-12-01T21:25:00-05:00', 475)],
  stops: 0,
  layovers: [],
  durationMinutes: 475,
  departureTime: '2026-12-01T18:30:00+00:00',
  arrivalTime: '2026-12-01T21:25:00-05:00',
  fares: [fare('basic', 467, 3), fare('standard', 607), fare('flex', 864)],
  lowestPrice: gbp(467),
};

/** LHR → ORD (1h 15m) → LAX, one stop. */
export const connection: Offer = {
  id: 'o2',
  segments: [
    segment(201, 'AA87', 'LHR', 'ORD', '2026-12-01T09:10:00+00:00', '2026-12-01T12:05:00-06:00', 535),
    segment(202, 'AA1234', 'ORD', 'LAX', '2026-12-01T13:20:00-06:00', '2026-12-01T15:55:00-08:00', 275),
  ],
  stops: 1,
  layovers: [{ airport: 'ORD', minutes: 75 }],
  durationMinutes: 885,
  departureTime: '2026-12-01T09:10:00+00:00',
  arrivalTime: '2026-12-01T15:55:00-08:00',
  fares: [fare('basic', 512), fare('standard', 666)],
  lowestPrice: gbp(512),
};

/** JFK 19:00 → LHR 07:05 next day. */
export const overnight: Offer = {
  id: 'o3',
  segments: [segment(102, 'BA118', 'JFK', 'LHR', '2026-12-08T19:00:00-05:00', '2026-12-09T07:05:00+00:00', 425)],
  stops: 0,
  layovers: [],
  durationMinutes: 425,
  departureTime: '2026-12-08T19:00:00-05:00',
  arrivalTime: '2026-12-09T07:05:00+00:00',
  fares: [fare('standard', 398)],
  lowestPrice: gbp(398),
};

const TIER_PRICE: Record<SeatTier, number> = { standard: 0, preferred: 12, extra_legroom: 45, exit_row: 45 };

/** A cabin from a layout string ("ABC DEF"); `taken` designators are unavailable. */
export function cabinMap(
  cabin: Cabin,
  columns: string,
  rows: number[],
  tiers: Partial<Record<number, SeatTier>>,
  taken: string[],
): CabinMap {
  const chars = [...columns];
  const letters = chars.filter((c) => c !== ' ');
  const position = (i: number): SeatView['position'] =>
    i === 0 || i === chars.length - 1 ? 'window' : chars[i - 1] === ' ' || chars[i + 1] === ' ' ? 'aisle' : 'middle';
  const out: CabinMap = { cabin, columns: chars.map((c) => (c === ' ' ? null : c)), rows: [], seatsAvailable: 0 };
  for (const row of rows) {
    const tier = tiers[row] ?? 'standard';
    const seats = letters.map((column): SeatView => {
      const designator = `${row}${column}`;
      const available = !taken.includes(designator);
      return {
        designator,
        row,
        column,
        cabin,
        position: position(chars.indexOf(column)),
        features: [],
        tier,
        price: gbp(TIER_PRICE[tier]),
        available,
      };
    });
    out.seatsAvailable += seats.filter((s) => s.available).length;
    out.rows.push({ row, seats });
  }
  return out;
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** A320: economy 3-3, rows 4–30 without 13; exit rows 11–12, preferred 4–7. */
export const narrowBody: SeatMap = {
  flightId: 101,
  flightNumber: 'BA117',
  aircraft: { code: '320', name: 'Airbus A320' },
  fareFamily: 'basic',
  currency: 'GBP',
  cabins: [
    cabinMap(
      'economy',
      'ABC DEF',
      range(4, 30).filter((r) => r !== 13),
      { 4: 'preferred', 5: 'preferred', 6: 'preferred', 7: 'preferred', 11: 'exit_row', 12: 'exit_row' },
      ['4A', '4B', '11C', '12D', '20E', '20F'],
    ),
  ],
};

/** 777-300ER: business 1-2-1 and economy 3-4-3 rows 30–58 (exit 30 and 45, preferred 31–34). */
export const wideBody: SeatMap = {
  flightId: 102,
  flightNumber: 'BA118',
  aircraft: { code: '77W', name: 'Boeing 777-300ER' },
  fareFamily: 'standard',
  currency: 'GBP',
  cabins: [
    cabinMap('business', 'A DG K', range(6, 14), {}, ['6A', '7K']),
    cabinMap(
      'economy',
      'ABC DEFG HJK',
      range(30, 58),
      {
        30: 'exit_row',
        45: 'exit_row',
        31: 'preferred',
        32: 'preferred',
        33: 'preferred',
        34: 'preferred',
        35: 'extra_legroom',
      },
      ['30A', '30B', '31D', '31E', '31F', '31G', '40H', '50K', '58A'],
    ),
  ],
};

const flights: BookingDraftView['flights'] = [
  {
    ...nonstop.segments[0]!,
    segment: 0,
    direction: 'outbound',
    leg: 0,
    cabin: 'economy',
    fareFamily: 'standard',
    fareName: 'Economy Standard',
    conditions: fareConditions('economy', 'standard', 'GBP'),
  },
  {
    ...overnight.segments[0]!,
    segment: 1,
    direction: 'inbound',
    leg: 1,
    cabin: 'economy',
    fareFamily: 'standard',
    fareName: 'Economy Standard',
    conditions: fareConditions('economy', 'standard', 'GBP'),
  },
];

export const draft: BookingDraftView = {
  price: {
    total: gbp(1304.4),
    fares: gbp(1010),
    seats: gbp(45),
    taxes: gbp(249.4),
    breakdown: {
      currency: 'GBP',
      fares: [],
      seats: [],
      taxes: [],
      fareTotal: 101000,
      seatTotal: 4500,
      taxTotal: 24940,
      total: 130440,
    },
  },
  flights,
  passengers: [
    {
      index: 0,
      firstName: 'Ada',
      lastName: 'Lovelace',
      dateOfBirth: '1990-12-10',
      type: 'ADT',
      holdsInfant: false,
      specialAssistance: false,
      ticketNumber: null,
      seats: { '101': '12A', '102': '31A' },
      specialRequests: [],
    },
    {
      index: 1,
      firstName: 'Byron',
      lastName: 'Lovelace',
      dateOfBirth: '2018-05-01',
      type: 'CHD',
      holdsInfant: false,
      specialAssistance: false,
      ticketNumber: null,
      seats: { '101': '12B' },
      specialRequests: [],
    },
  ],
  contact: { email: 'ada@example.com', phone: '+44 7700 900123' },
};

export const booking: BookingView = {
  ...draft,
  pnr: 'K7QX2M',
  status: 'confirmed',
  holdExpiresAt: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  confirmedAt: '2026-11-01T10:05:00.000Z',
  cancelledAt: null,
  masked: false,
  passengers: draft.passengers.map((p, i) => ({ ...p, ticketNumber: `125-240000000${i + 1}` })),
  payment: { provider: 'stripe', amount: gbp(1304.4), paidAt: '2026-11-01T10:05:00.000Z', reference: 'pi_123' },
  refunds: [],
};

export const heldBooking: BookingView = {
  ...booking,
  status: 'held',
  holdExpiresAt: '2026-11-01T10:30:00.000Z',
  confirmedAt: null,
  payment: null,
};

export const cancelledBooking: BookingView = {
  ...booking,
  status: 'cancelled',
  cancelledAt: '2026-11-02T09:00:00.000Z',
  refunds: [
    { amount: gbp(1004.4), status: 'pending', reason: 'customer_cancelled', createdAt: '2026-11-02T09:00:00.000Z' },
  ],
};
