import { bearer, birthDate, dateAhead, expectError, pax, search } from '../../helpers/api-helpers';
import { binary, bookingOf, type Held, holdBooking, openSession, payWithStripe } from '../../helpers/payment-flow';
import { deliverCompleted, STRIPE_ENV, StripeFake } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * What a confirmed booking gets: a unique 13-digit e-ticket number per passenger (lap infants too) made
 * of the airline's prefix and a serial no other booking shares, the payment on record, and the e-ticket
 * PDF for exactly the people allowed to see the booking.
 */
describe.each(DB_TARGETS)('e-tickets (%s)', (target) => {
  let t: TestApp;
  const fake = new StripeFake();
  let family: Held;
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({ target, days: 12, env: STRIPE_ENV });
    const travel = dateAhead(t, 10);
    family = await holdBooking(t, {
      passengers: [
        pax('Ada', 'Lovelace', '1980-12-10'),
        pax('Byron', 'Lovelace', birthDate(travel, 8)),
        pax('Anne', 'Lovelace', birthDate(travel, 1)),
      ],
    });
    await payWithStripe(t, fake, family);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fake.stop();
  });

  const ticketsOf = async (held: Held): Promise<string[]> =>
    (await bookingOf(t, held)).passengers.map((p) => p.ticketNumber ?? 'none');

  it(
    'gives every passenger, lap infants included, a unique 13-digit ' + 'number: airline prefix + 10-digit serial',
    async () => {
      const booking = await bookingOf(t, family);
      expect(booking.status).toBe('confirmed');
      expect(booking.passengers.map((p) => p.type)).toEqual(['ADT', 'CHD', 'INF']);
      const prefix = t.services.ref.airline(booking.flights[0].airline.code)!.ticketPrefix;
      expect(prefix).toMatch(/^\d{3}$/);
      const numbers = await ticketsOf(family);
      for (const n of numbers) expect(n).toMatch(new RegExp(`^${prefix}\\d{10}$`));
      expect(new Set(numbers).size).toBe(3);
      // The serials of one booking are consecutive (reserved in one step).
      const serials = numbers.map((n) => Number(n.slice(3))).sort((a, b) => a - b);
      expect(serials[2]! - serials[0]!).toBe(2);
    },
  );

  it('records the payment that confirmed the booking', async () => {
    const booking = await bookingOf(t, family);
    const session = fake.sessionsFor(family.bookingId)[0]!;
    expect(booking.payment).toEqual({
      provider: 'stripe',
      amount: { amount: family.total, currency: family.currency },
      paidAt: expect.any(String),
      reference: session.payment_intent,
    });
    const row = (await t.services.repos.payments.forBooking(family.bookingId))[0]!;
    expect(row).toMatchObject({
      status: 'succeeded',
      sessionId: session.id,
      paymentIntentId: session.payment_intent,
      amount: family.total,
      currency: family.currency,
    });
    // Somebody looking it up by last name sees that it is paid, not the provider's reference.
    const masked = await t.http.get(`/api/v1/bookings/${family.pnr}`).query({ lastName: 'Lovelace' });
    expect(masked.body.payment).toMatchObject({ provider: 'stripe', reference: null });
  });

  it('never hands out the same serial twice when bookings are confirmed concurrently', async () => {
    // An airline whose serial counter does not exist yet, so the first-use race is part of it.
    const used = new Set(
      ((await t.services.db.dataSource.query('SELECT prefix FROM ticket_sequences')) as { prefix: string }[]).map(
        (r) => r.prefix,
      ),
    );
    let route: { origin: string; destination: string } | undefined;
    for (const [origin, destination] of [
      ['JFK', 'LAX'],
      ['CDG', 'FRA'],
      ['SIN', 'HKG'],
      ['DXB', 'LHR'],
      ['SFO', 'SEA'],
      ['HND', 'ICN'],
    ]) {
      const offers = await search(t, {
        origin: origin!,
        destination: destination!,
        departureDate: dateAhead(t, 10),
        nonStop: true,
      }).catch(() => null);
      const code = offers?.body.outbound?.[0]?.segments[0].airline.code as string | undefined;
      if (code && !used.has(t.services.ref.airline(code)!.ticketPrefix))
        route = { origin: origin!, destination: destination! };
      if (route) break;
    }
    expect(route).toBeDefined();
    const helds: Held[] = [];
    for (let i = 0; i < 8; i++)
      helds.push(
        await holdBooking(t, { ...route, passengers: [pax('Alan', `Turing${'x'.repeat(i)}`), pax('Joan', 'Clarke')] }),
      );
    const sessions = await Promise.all(helds.map((h) => openSession(t, fake, h)));
    const results = await Promise.all(sessions.map((s) => deliverCompleted(t, fake, s.sessionId)));
    expect(results.map((r) => r.res.body.outcome)).toEqual(Array(8).fill('processed'));
    const numbers = (await Promise.all(helds.map(ticketsOf))).flat();
    expect(numbers).toHaveLength(16);
    expect(numbers.every((n) => /^\d{13}$/.test(n))).toBe(true);
    expect(new Set(numbers).size).toBe(16);
    expect(numbers).not.toEqual(expect.arrayContaining(await ticketsOf(family)));
  }, 30_000);

  describe('GET /bookings/{pnr}/tickets.pdf', () => {
    const pdf = (pnr: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) =>
      binary(t.http.get(`/api/v1/bookings/${pnr}/tickets.pdf`).query(query).set(headers));
    const expectPdf = (res: Awaited<ReturnType<typeof pdf>>) => {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const bytes = res.body as Buffer;
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.toString('latin1')).toContain(family.pnr);
    };

    it('serves the PDF to the owner, staff, the last name and a signed link', async () => {
      expectPdf(await pdf(family.pnr, {}, family.auth));
      expectPdf(await pdf(family.pnr.toLowerCase(), {}, family.auth));
      expectPdf(await pdf(family.pnr, {}, bearer(await t.token('agent'))));
      expectPdf(await pdf(family.pnr, {}, bearer(await t.token('admin'))));
      expectPdf(await pdf(family.pnr, { lastName: 'lovelace' }));
      const link = new URL(t.services.ticketing.ticketUrl(family.pnr));
      expect(link.pathname).toBe(`/api/v1/bookings/${family.pnr}/tickets.pdf`);
      expectPdf(await pdf(family.pnr, { t: link.searchParams.get('t')! }));
    });

    it('answers 404 to anyone else: strangers, wrong names, forged, expired or borrowed links', async () => {
      expectError(await pdf(family.pnr), 404, 'booking_not_found');
      expectError(await pdf(family.pnr, {}, bearer(await t.token())), 404, 'booking_not_found');
      expectError(await pdf(family.pnr, { lastName: 'Babbage' }), 404, 'booking_not_found');
      const token = new URL(t.services.ticketing.ticketUrl(family.pnr)).searchParams.get('t')!;
      const [exp, mac] = token.split('.');
      expectError(await pdf(family.pnr, { t: `${exp}.${'A'.repeat(mac!.length)}` }), 404, 'booking_not_found');
      expectError(
        await pdf(family.pnr, { t: `${(parseInt(exp!, 36) + 86_400).toString(36)}.${mac}` }),
        404,
        'booking_not_found',
      );
      expectError(await pdf(family.pnr, { t: 'garbage' }), 404, 'booking_not_found');
      const expired = t.services.links.sign('ticket', family.pnr, new Date(t.clock.now().getTime() - 1000));
      expectError(await pdf(family.pnr, { t: expired }), 404, 'booking_not_found');
      // A genuine link for another booking opens only that booking.
      const other = await holdBooking(t);
      await payWithStripe(t, fake, other);
      const otherToken = new URL(t.services.ticketing.ticketUrl(other.pnr)).searchParams.get('t')!;
      expectError(await pdf(family.pnr, { t: otherToken }), 404, 'booking_not_found');
      expectError(await pdf('ZZZZZZ', { t: otherToken }), 404, 'booking_not_found');
    });

    it('answers 409 not_ticketed for a held booking and 400 for bad input', async () => {
      const held = await holdBooking(t);
      expectError(await pdf(held.pnr, {}, held.auth), 409, 'not_ticketed');
      const link = new URL(t.services.ticketing.ticketUrl(held.pnr)).searchParams.get('t')!;
      expectError(await pdf(held.pnr, { t: link }), 409, 'not_ticketed');
      expectError(await pdf('ABC12', {}, held.auth), 400, 'invalid_request');
      expectError(await pdf('ABCDE0', {}, held.auth), 400, 'invalid_request');
      expectError(await pdf(family.pnr, { format: 'png' }, family.auth), 400, 'invalid_request');
      expectError(await pdf(family.pnr, { t: 'x'.repeat(500) }), 400, 'invalid_request');
    });
  });
});
