/**
 * Shortcuts for the payment tests: a held booking, its payment link, paying it through the Stripe fake,
 * draining the event and mail outboxes, waiting for after-commit work, and reading binary bodies.
 */
import type { Response } from 'supertest';
import type { ApiServices } from '../../api/container';
import type { BookingView } from '../../api/services/booking-view';
import type { DomainEvent } from '../../api/services/domain-events';
import { bearer, book, bookingBody, nonstopFlight, pax, type PassengerInput } from './api-helpers';
import { deliverCompleted, type StripeFake } from './stripe-fake';
import type { TestApp } from './test-app';

export interface Held {
  pnr: string;
  bookingId: number;
  total: number;
  currency: string;
  flightId: number;
  token: string;
  auth: { Authorization: string };
  lastName: string;
}

export interface HoldOptions {
  token?: string;
  days?: number;
  flightIndex?: number;
  origin?: string;
  destination?: string;
  fareFamily?: string;
  cabin?: string;
  passengers?: PassengerInput[];
  email?: string;
}

const flights = new WeakMap<TestApp, Map<string, number>>();

/** The id of a nonstop flight (cached per app: searching costs a request). */
export async function flightFor(
  t: TestApp,
  origin = 'LHR',
  destination = 'JFK',
  days = 10,
  index = 0,
): Promise<number> {
  const cache = flights.get(t) ?? new Map<string, number>();
  flights.set(t, cache);
  const key = `${origin}-${destination}-${days}-${index}`;
  if (!cache.has(key)) cache.set(key, await nonstopFlight(t, origin, destination, days, index));
  return cache.get(key)!;
}

/** Creates a held booking over HTTP and returns what the payment tests need about it. */
export async function holdBooking(t: TestApp, opts: HoldOptions = {}): Promise<Held> {
  const token = opts.token ?? (await t.token());
  const flightId = await flightFor(t, opts.origin, opts.destination, opts.days, opts.flightIndex);
  const passengers = opts.passengers ?? [pax('Ada', 'Lovelace')];
  const res = await book(
    t,
    token,
    bookingBody([flightId], passengers, {
      fareFamily: opts.fareFamily ?? 'standard',
      cabin: opts.cabin,
      contact: { email: opts.email ?? 'ada.lovelace@example.com' },
    }),
  );
  if (res.status !== 201) throw new Error(`hold failed: ${res.status} ${JSON.stringify(res.body)}`);
  const agg = await t.services.repos.bookings.findByPnr(res.body.pnr);
  return {
    pnr: res.body.pnr,
    bookingId: agg!.booking.id,
    total: res.body.price.total.amount,
    currency: res.body.price.total.currency,
    flightId,
    token,
    auth: bearer(token),
    lastName: passengers[0]!.lastName,
  };
}

export function requestLink(t: TestApp, held: Held): Promise<Response> {
  return t.http.post(`/api/v1/bookings/${held.pnr}/payment-link`).set(held.auth).send({});
}

/** Asks for a payment link and returns the Stripe session behind it. */
export async function openSession(
  t: TestApp,
  fake: StripeFake,
  held: Held,
): Promise<{ url: string; sessionId: string }> {
  const res = await requestLink(t, held);
  if (res.status !== 200) throw new Error(`payment link failed: ${res.status} ${JSON.stringify(res.body)}`);
  const session = fake
    .sessionsFor(held.bookingId)
    .find((s) => s.url === res.body.url || s.id === new URL(res.body.url as string).pathname.split('/').pop());
  if (!session) throw new Error(`no fake session behind ${res.body.url}`);
  return { url: res.body.url, sessionId: session.id };
}

/** Opens a session and delivers its checkout.session.completed (paid). */
export async function payWithStripe(
  t: TestApp,
  fake: StripeFake,
  held: Held,
): Promise<{ sessionId: string; res: Response }> {
  const { sessionId } = await openSession(t, fake, held);
  const { res } = await deliverCompleted(t, fake, sessionId);
  if (res.status !== 200 || res.body.outcome !== 'processed')
    throw new Error(`payment webhook: ${res.status} ${JSON.stringify(res.body)}`);
  return { sessionId, res };
}

/** The booking as its owner sees it over HTTP (the JSON of a BookingView). */
export async function bookingOf(t: TestApp, held: Held): Promise<BookingView> {
  const res = await t.http.get(`/api/v1/bookings/${held.pnr}`).set(held.auth);
  if (res.status !== 200) throw new Error(`booking ${held.pnr}: ${res.status}`);
  return res.body;
}

/** Dispatches domain events and sends due mail until nothing more happens. */
export async function drain(t: { services: ApiServices }): Promise<void> {
  let quiet = 0;
  for (let i = 0; i < 30 && quiet < 2; i++) {
    await new Promise((r) => setImmediate(r));
    const n = (await t.services.events.dispatchPending()) + (await t.services.mail.sendDue());
    quiet = n === 0 ? quiet + 1 : 0;
  }
}

/** Polls until `fn` returns something truthy (work that runs after a commit, e.g. sending a refund). */
export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, what: string, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Records every domain event its subscriber sees (`services.events.subscribe('*', …)`). */
export function recordEvents(s: ApiServices, name = 'test-recorder'): DomainEvent[] {
  const seen: DomainEvent[] = [];
  s.events.subscribe('*', name, (e) => void seen.push(e));
  return seen;
}

/** A supertest request whose body is collected as a Buffer (PDFs); JSON answers (errors) are parsed. */
export function binary(req: ReturnType<TestApp['http']['get']>) {
  return req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => {
      const body = Buffer.concat(chunks);
      const json = /json/.test(String(res.headers['content-type']));
      cb(null, json ? JSON.parse(body.toString('utf8')) : body);
    });
  });
}
