import {
  bearer,
  book,
  bookingBody,
  countRows,
  expectError,
  nonstopFlight,
  pax,
  seatAvailable,
} from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

describe.each(DB_TARGETS)('reading and cancelling bookings (%s)', (target) => {
  let t: TestApp;
  let owner: string;
  let stranger: string;
  let agent: string;
  let admin: string;
  let flight: number;
  let pnr: string;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 14 });
    [owner, stranger, agent, admin] = await Promise.all([t.token(), t.token(), t.token('agent'), t.token('admin')]);
    flight = await nonstopFlight(t, 'LHR', 'FRA', 7);
    const r = await book(
      t,
      owner,
      bookingBody(
        [flight],
        [pax('Ada', "O'Lovelace-King", '1985-12-10', { [flight]: '20A' }), pax('Charles', 'Babbage', '1983-06-01')],
        {
          contact: { email: 'Ada.Lovelace@Example.com', phone: '+44 20 7946 0123' },
        },
      ),
    );
    expect(r.status).toBe(201);
    pnr = r.body.pnr;
  }, 60_000);
  afterAll(() => t.close());

  const get = (path: string, token?: string) => (token ? t.http.get(path).set(bearer(token)) : t.http.get(path));

  it('shows the owner, agents and admins everything', async () => {
    for (const token of [owner, agent, admin]) {
      const r = await get(`/api/v1/bookings/${pnr}`, token);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        pnr,
        masked: false,
        contact: { email: 'ada.lovelace@example.com', phone: '+44 20 7946 0123' },
      });
      expect(r.body.passengers[0]).toMatchObject({ dateOfBirth: '1985-12-10', seats: { [flight]: '20A' } });
    }
  });

  it("opens a payment link for the owner, and for anyone with a passenger's last name, but not for strangers", async () => {
    const link = (token: string | null, body: object) => {
      const req = t.http.post(`/api/v1/bookings/${pnr.toLowerCase()}/payment-link`).send(body);
      return token ? req.set(bearer(token)) : req;
    };
    const mine = await link(owner, {});
    expect(mine.status).toBe(200);
    const byName = await link(null, { lastName: ' babbage ' });
    expect(byName.status).toBe(200);
    expect(byName.body.url).toBe(mine.body.url);
    for (const [token, body] of [
      [stranger, {}],
      [null, { lastName: 'Hopper' }],
      [stranger, { lastName: 'Hopper' }],
    ] as const) {
      const r = await link(token, body);
      expectError(r, 404, 'booking_not_found');
    }
  });

  it('shows anyone with a matching last name a masked booking', async () => {
    for (const lastName of ["O'Lovelace-King", 'olovelaceking', ' O LOVELACE KING ', 'babbage']) {
      const r = await t.http.get(`/api/v1/bookings/${pnr.toLowerCase()}`).query({ lastName });
      expect(r.status).toBe(200);
      expect(r.body.masked).toBe(true);
      expect(r.body.pnr).toBe(pnr);
      expect(r.body.contact).toEqual({ email: 'a•••@example.com', phone: '••• ••• 0123' });
      expect(r.body.passengers.map((p: { dateOfBirth: unknown }) => p.dateOfBirth)).toEqual([null, null]);
      expect(JSON.stringify(r.body)).not.toMatch(/1985-12-10|7946|ada\.lovelace/i);
    }
    const other = await get(`/api/v1/bookings/${pnr}?lastName=Babbage`, stranger);
    expect(other.body.masked).toBe(true);
  });

  it.each([
    ['a wrong last name', '?lastName=Smith', undefined],
    ['a last name that is only part of one', '?lastName=Lovelace', undefined],
    ['no last name and no sign-in', '', undefined],
    ['another traveller without a last name', '', 'stranger'],
  ])('404 for %s', async (_what, query, who) => {
    const r = await get(`/api/v1/bookings/${pnr}${query}`, who ? stranger : undefined);
    expectError(r, 404, 'booking_not_found');
    expect(JSON.stringify(r.body)).not.toContain('Lovelace');
  });

  it('404 for an unknown reference, 400 for one that cannot be a PNR', async () => {
    expectError(await get('/api/v1/bookings/ZZZZZZ?lastName=Smith'), 404, 'booking_not_found');
    expectError(await get('/api/v1/bookings/ABC10O?lastName=Smith'), 400, 'invalid_request');
  });

  it('me/bookings lists only the signed-in traveller’s bookings', async () => {
    const second = await book(t, owner, bookingBody([flight], [pax('Ada', 'Lovelace')]));
    const mine = await get('/api/v1/me/bookings', owner);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((b: { pnr: string }) => b.pnr).sort()).toEqual([pnr, second.body.pnr].sort());
    expect(mine.body.items.every((b: { masked: boolean }) => !b.masked)).toBe(true);
    const theirs = await get('/api/v1/me/bookings', stranger);
    expect(theirs.body).toEqual({ items: [] });
    expectError(await get('/api/v1/me/bookings'), 401, 'sign_in_required');
  });

  it('cancelling a hold frees its seats; only those who may see it can cancel', async () => {
    const r = await book(t, owner, bookingBody([flight], [pax('Grace', 'Hopper', '1980-01-01', { [flight]: '25C' })]));
    const ref = r.body.pnr as string;
    expect(await seatAvailable(t, flight, '25C')).toBe(false);
    expectError(
      await t.http.post(`/api/v1/bookings/${ref}/cancel`).set(bearer(stranger)).send({}),
      404,
      'booking_not_found',
    );
    expectError(
      await t.http.post(`/api/v1/bookings/${ref}/cancel`).send({ lastName: 'Smith' }),
      404,
      'booking_not_found',
    );
    const cancelled = await t.http.post(`/api/v1/bookings/${ref}/cancel`).set(bearer(owner));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      pnr: ref,
      status: 'cancelled',
      holdExpiresAt: null,
      cancelledAt: expect.any(String),
    });
    expect(cancelled.body.passengers[0].seats).toEqual({});
    expect(await seatAvailable(t, flight, '25C')).toBe(true);
    expect(await countRows(t, 'seats', 'booking_id IN (SELECT id FROM bookings WHERE pnr = ?)', [ref])).toBe(0);
    expect(await countRows(t, 'bookings', "pnr = ? AND status = 'cancelled'", [ref])).toBe(1);
    expectError(await t.http.post(`/api/v1/bookings/${ref}/cancel`).set(bearer(owner)), 409, 'booking_not_cancellable');
    // The freed seat can be booked again.
    expect(
      (await book(t, stranger, bookingBody([flight], [pax('Next', 'One', '1980-01-01', { [flight]: '25C' })]))).status,
    ).toBe(201);
  });

  it('a traveller with the PNR and last name can cancel a hold (masked answer)', async () => {
    const r = await book(t, owner, bookingBody([flight], [pax('Alan', 'Turing')]));
    const cancelled = await t.http.post(`/api/v1/bookings/${r.body.pnr}/cancel`).send({ lastName: 'turing' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', masked: true });
  });
});
