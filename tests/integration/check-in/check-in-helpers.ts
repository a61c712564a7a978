/** Shortcuts for the check-in tests: a paid booking, the clock moved to a point of its flight's life, check-in calls. */
import { bearer, book, bookingBody, nonstopFlight, pax, type PassengerInput } from '../../helpers/api-helpers';
import { drain } from '../../helpers/payment-flow';
import type { TestApp } from '../../helpers/test-app';

export interface PaidBooking {
  pnr: string;
  token: string;
  flightIds: number[];
  /** UTC departure of each flight. */
  departures: Date[];
}

export const HOUR = 3_600_000;

/** A held booking over HTTP on the nonstop LHR→CDG flight `days` ahead (and back `returnDays` ahead). */
export async function holdTrip(
  t: TestApp,
  opts: { days: number; returnDays?: number; index?: number; passengers?: PassengerInput[] },
): Promise<PaidBooking> {
  const token = await t.token();
  const out = await nonstopFlight(t, 'LHR', 'CDG', opts.days, opts.index ?? 0);
  const back = opts.returnDays ? [await nonstopFlight(t, 'CDG', 'LHR', opts.returnDays, opts.index ?? 0)] : [];
  const flightIds = [out, ...back];
  const res = await book(t, token, bookingBody(flightIds, opts.passengers ?? [pax('Ada', 'Lovelace')]));
  if (res.status !== 201) throw new Error(`hold failed: ${res.status} ${JSON.stringify(res.body)}`);
  const departures = await Promise.all(
    flightIds.map(async (id) => (await t.services.repos.flights.findById(id))!.departureAt),
  );
  return { pnr: res.body.pnr as string, token, flightIds, departures };
}

/** Pays a held booking on the sandbox page and delivers what follows (tickets, mails). */
export async function payFor(t: TestApp, b: PaidBooking): Promise<void> {
  const link = await t.http.post(`/api/v1/bookings/${b.pnr}/payment-link`).set(bearer(b.token)).send({});
  if (link.status !== 200) throw new Error(`payment link: ${link.status} ${JSON.stringify(link.body)}`);
  const paid = await t.http
    .post(new URL(link.body.url as string).pathname)
    .type('form')
    .send({ card: '4242424242424242', action: 'pay' });
  if (paid.status !== 200) throw new Error(`sandbox payment: ${paid.status}`);
  await drain(t);
}

export async function paidTrip(t: TestApp, opts: Parameters<typeof holdTrip>[1]): Promise<PaidBooking> {
  const b = await holdTrip(t, opts);
  await payFor(t, b);
  return b;
}

/** A valid passport for passenger `passenger`. */
export const passport = (passenger = 0, over: Partial<Record<string, string>> = {}) => ({
  passenger,
  documentNumber: '5432 10987',
  nationality: 'GBR',
  expiryDate: '2035-01-31',
  ...over,
});

/** The booking owner's access token issued at the test clock's now (the clock jumps days ahead). */
export async function ownerAuth(t: TestApp, b: PaidBooking): Promise<{ Authorization: string }> {
  const agg = await t.services.repos.bookings.findByPnr(b.pnr);
  const user = await t.services.repos.users.findById(agg!.booking.userId!);
  return bearer((await t.services.auth.issue(user!)).accessToken);
}

export async function checkIn(t: TestApp, b: PaidBooking, body: Record<string, unknown>) {
  return t.http
    .post(`/api/v1/bookings/${b.pnr}/check-in`)
    .set(await ownerAuth(t, b))
    .send(body);
}
