/** Shortcuts for the disruption tests: a small schedule around a flight to disrupt, paid bookings on it. */
import { DateTime } from 'luxon';
import type { ApiServices } from '../../../api/container';
import { countRows } from '../../helpers/api-helpers';
import { bearer, book, bookingBody, pax, type PassengerInput } from '../../helpers/api-helpers';
import type { TestApp } from '../../helpers/test-app';
import { payFor } from '../check-in/check-in-helpers';

export const SYSTEM = { kind: 'system', name: 'disruption-test' } as const;
let nextNumber = 7000;

/** Flight ids of a schedule around `disrupted` (LHR→CDG at 10:00 London time, `days` ahead). */
export interface Schedule {
  disrupted: number;
  /** LHR→CDG 15:00 the same day. */
  sameDay: number;
  /** LHR→AMS 11:00 then AMS→CDG 14:00 the same day. */
  viaAms: [number, number];
  /** LHR→CDG 08:00 the next day. */
  nextDay: number;
  /** LHR→CDG two days later: never offered. */
  tooLate: number;
}

async function flight(s: ApiServices, o: string, d: string, date: string, time: string): Promise<number> {
  const f = await s.admin.createFlight(SYSTEM, {
    airline: 'BA',
    flightNumber: nextNumber++,
    origin: o,
    destination: d,
    departureDate: date,
    departureTime: time,
    aircraft: 'E75',
  });
  return f.flightId;
}

export async function schedule(t: Pick<TestApp, 'services' | 'clock'>, days = 2): Promise<Schedule> {
  const day = DateTime.fromJSDate(t.clock.now(), { zone: 'Europe/London' }).plus({ days });
  const d0 = day.toISODate()!;
  const s = t.services;
  return {
    disrupted: await flight(s, 'LHR', 'CDG', d0, '10:00'),
    sameDay: await flight(s, 'LHR', 'CDG', d0, '15:00'),
    viaAms: [await flight(s, 'LHR', 'AMS', d0, '11:00'), await flight(s, 'AMS', 'CDG', d0, '14:00')],
    nextDay: await flight(s, 'LHR', 'CDG', day.plus({ days: 1 }).toISODate()!, '08:00'),
    tooLate: await flight(s, 'LHR', 'CDG', day.plus({ days: 2 }).toISODate()!, '08:00'),
  };
}

export interface Paid {
  pnr: string;
  token: string;
  flightIds: number[];
  departures: Date[];
}

/** A booking on `flightId` over HTTP, paid on the sandbox page. */
export async function paidOn(t: TestApp, flightId: number, passengers?: PassengerInput[]): Promise<Paid> {
  const token = await t.token();
  const res = await book(t, token, bookingBody([flightId], passengers ?? [pax('Ada', 'Lovelace')]));
  if (res.status !== 201) throw new Error(`hold failed: ${res.status} ${JSON.stringify(res.body)}`);
  const b = { pnr: res.body.pnr as string, token, flightIds: [flightId], departures: [] };
  await payFor(t, b);
  return b;
}

export const auth = (b: Paid) => bearer(b.token);

/** booking.disrupted events and disruption mails of a booking. */
export async function toldCount(t: TestApp, pnr: string): Promise<{ events: number; mails: number; rows: number }> {
  return {
    events: await countRows(t, 'domain_events', 'type = ? AND payload LIKE ?', ['booking.disrupted', `%${pnr}%`]),
    mails: await countRows(t, 'mail_outbox', 'dedupe_key LIKE ?', [`disruption:%:${pnr}`]),
    rows: await countRows(t, 'disruption_bookings', 'pnr = ?', [pnr]),
  };
}

/** Each seat of a flight taken by at most one passenger, and each passenger in at most one seat. */
export async function seatOwners(t: TestApp, flightId: number): Promise<{ seats: number; passengers: number }> {
  const rows: { designator: string; passengerId: number | null }[] = await t.services.db.dataSource.query(
    "SELECT designator, passenger_id AS passengerId FROM seats WHERE flight_id = ? AND state = 'booked'",
    [flightId],
  );
  return {
    seats: new Set(rows.map((r) => r.designator)).size,
    passengers: new Set(rows.map((r) => r.passengerId)).size,
  };
}
