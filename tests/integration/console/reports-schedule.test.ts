import type { SearchQuery } from '../../../api/services/search.service';
import { expectError } from '../../helpers/api-helpers';
import { drain, holdBooking, payWithStripe, type Held } from '../../helpers/payment-flow';
import { STRIPE_ENV, StripeFake } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

describe.each(DB_TARGETS)('console: reports and schedule (%s)', (target) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let traveller: string;
  let paid: Held;
  let today: string;
  const fake = new StripeFake();
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({ target, days: 12, env: { ...STRIPE_ENV, ACCESS_TOKEN_MINUTES: '1440' } });
    [admin, agent, traveller] = await Promise.all([t.token('admin'), t.token('agent'), t.token('traveller')]);
    paid = await holdBooking(t);
    await payWithStripe(t, fake, paid);
    await drain(t);
    today = t.clock.now().toISOString().slice(0, 10);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fake.stop();
  });

  const get = (token: string, path: string) =>
    t.http.get(`/api/v1/console${path}`).set('Authorization', `Bearer ${token}`);
  const post = (token: string, path: string, body: object) =>
    t.http.post(`/api/v1/console${path}`).set('Authorization', `Bearer ${token}`).send(body);

  const searchFor = (date: string): SearchQuery => ({
    origin: 'LHR',
    destination: 'CDG',
    departureDate: date,
    adults: 1,
    children: 0,
    infants: 0,
    cabin: 'economy',
    flexDays: 0,
    nonStop: false,
    sort: 'price',
    limit: 50,
    page: 1,
  });

  test.each(['revenue', 'funnel', 'load-factor', 'support', 'ratings'])(
    '%s report: staff read it as JSON and CSV; travellers are refused',
    async (name) => {
      expectError(await get(traveller, `/reports/${name}`), 403, 'not_an_agent');
      for (const token of [agent, admin]) {
        const json = await get(token, `/reports/${name}?from=${today}&to=${today}`);
        expect(json.status).toBe(200);
        expect(json.body).toMatchObject({ report: name, from: today, to: today, columns: expect.any(Array) });
      }
      const csv = await get(agent, `/reports/${name}.csv?to=${today}`);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(/attachment/);
    },
  );

  test('revenue per day and currency counts the paid booking; the funnel counts it as paid', async () => {
    const revenue = (await get(admin, `/reports/revenue?from=${today}&to=${today}`)).body;
    expect(revenue.rows).toContainEqual(
      expect.objectContaining({ day: today, currency: paid.currency, bookings: 1, paid: paid.total, net: paid.total }),
    );
    const funnel = (await get(admin, `/reports/funnel?from=${today}&to=${today}`)).body;
    expect(funnel.rows[0]).toMatchObject({ held: 1, paid: 1 });
    const csv = await get(agent, `/reports/revenue.csv?from=${today}&to=${today}`);
    expect(csv.text.split('\r\n')[1]).toBe(`${today},${paid.currency},1,${paid.total},0,${paid.total}`);
    const bookings = await get(agent, `/reports/bookings.csv?from=${today}&to=${today}`);
    expect(bookings.text).toContain(paid.pnr);
  });

  test('bad ranges are coded errors', async () => {
    expectError(await get(agent, '/reports/revenue?from=2026-02-30'), 400, 'invalid_request');
    expectError(await get(agent, `/reports/revenue?from=${today}&to=2000-01-01`), 422, 'invalid_range');
    expectError(await get(agent, '/reports/revenue?from=2020-01-01&to=2024-01-01'), 422, 'range_too_long');
    expectError(await get(agent, '/reports/nonsense'), 400, 'invalid_request');
  });

  test('the schedule with load factor; an admin delays a flight through one service, audited', async () => {
    const flight = await t.services.repos.flights.findById(paid.flightId);
    const q = `/schedule?date=${flight!.departureDate}&origin=${flight!.origin}&destination=${flight!.destination}`;
    expectError(await get(traveller, q), 403, 'not_an_agent');
    expectError(await get(agent, q), 403, 'forbidden');
    const list = await get(admin, q);
    const line = list.body.items.find((f: { flightId: number }) => f.flightId === paid.flightId);
    expect(line).toMatchObject({ seatsSold: 1, capacity: expect.any(Number) });
    expect(line.loadFactor).toBeCloseTo(1 / line.capacity);

    const path = `/schedule/${paid.flightId}/disruption`;
    const time = line.departureTime.slice(11, 16) as string;
    const later = `${String((Number(time.slice(0, 2)) + 1) % 24).padStart(2, '0')}${time.slice(2)}`;
    expectError(await post(agent, path, { kind: 'delayed', departureTime: later, reason: 'crew' }), 403);
    expectError(await post(admin, path, { kind: 'delayed', departureTime: '25:00', reason: 'crew' }), 400);
    expectError(await post(admin, path, { kind: 'delayed', departureTime: later }), 400, 'invalid_request');
    const earlier = `${String((Number(time.slice(0, 2)) + 23) % 24).padStart(2, '0')}${time.slice(2)}`;
    if (Number(time.slice(0, 2)) > 0)
      expectError(await post(admin, path, { kind: 'delayed', departureTime: earlier, reason: 'crew' }), 422);
    if (Number(time.slice(0, 2)) < 23) {
      const delayed = await post(admin, path, {
        kind: 'delayed',
        departureTime: later,
        reason: 'late inbound aircraft',
      });
      expect(delayed.status).toBe(200);
      expect(delayed.body.departureTime.slice(11, 16)).toBe(later);
      const audit = await get(admin, `/audit?entityType=flight&entityId=${paid.flightId}&action=flight.delayed`);
      expect(audit.body.items[0]).toMatchObject({
        reason: 'late inbound aircraft',
        before: { departure: line.departureTime },
        after: { departure: delayed.body.departureTime },
      });
      // One action, one entry: the disruption service's own note of the change is inside it, not a second row.
      const all = await t.services.repos.ops.auditFor('flight', String(paid.flightId));
      expect(all.map((a) => a.action)).toEqual(['flight.delayed']);
      expect(all[0]!.data).toMatchObject({ services: [{ action: 'flight.delayed' }] });
    }
  });

  test('an admin adds a flight, changes its times and retires it; one with travellers cannot be retired', async () => {
    const send = (method: 'post' | 'patch', token: string, path: string, body: object) =>
      t.http[method](`/api/v1/console${path}`).set('Authorization', `Bearer ${token}`).send(body);
    const date = new Date(t.clock.now().getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    const input = {
      airline: 'BA',
      flightNumber: 9876,
      origin: 'LHR',
      destination: 'CDG',
      departureDate: date,
      departureTime: '10:15',
      aircraft: '320',
    };
    expectError(await send('post', agent, '/schedule', input), 403, 'forbidden');
    expectError(await send('post', admin, '/schedule', { ...input, origin: 'LH' }), 400, 'invalid_request');
    const added = await send('post', admin, '/schedule', input);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ flightNumber: 'BA9876', status: 'scheduled', seatsSold: 0 });
    const id = added.body.flightId as number;
    expectError(await send('post', admin, '/schedule', input), 409, 'flight_exists');

    expectError(await send('patch', agent, `/schedule/${id}`, { departureTime: '08:00', reason: 'slot' }), 403);
    const earlier = await send('patch', admin, `/schedule/${id}`, { departureTime: '08:05', reason: 'new slot' });
    expect(earlier.status).toBe(200);
    expect(earlier.body.departureTime.slice(11, 16)).toBe('08:05');

    expectError(await send('post', agent, `/schedule/${id}/retire`, { reason: 'route closed' }), 403);
    expectError(await send('post', admin, `/schedule/${paid.flightId}/retire`, { reason: 'x y z' }), 409);
    const retired = await send('post', admin, `/schedule/${id}/retire`, { reason: 'route closed' });
    expect(retired.body).toMatchObject({ status: 'retired' });
    expectError(await send('post', admin, `/schedule/${id}/retire`, { reason: 'again' }), 409, 'flight_cancelled');
    const found = await t.services.search.search(searchFor(date));
    expect(found.outbound.map((o) => JSON.stringify(o))).not.toContainEqual(expect.stringContaining('BA9876'));

    const log = await t.services.repos.ops.auditFor('flight', String(id));
    expect(log.map((a) => a.action)).toEqual(['flight.retimed', 'flight.retired']);
    const addedLog = await t.services.repos.ops.auditFor('flight', 'BA9876');
    expect(addedLog.map((a) => a.action)).toEqual(['flight.added']);
  });

  test('the funnel counts conversations and searches per channel beside holds and payments', async () => {
    await t.services.search.search(searchFor(today), 'sms');
    await t.services.searchCounter.flush();
    await t.services.db.run((em) =>
      em.query(
        "INSERT INTO conversation_refs (conversation_key, channel_id, reference) VALUES ('sms:+15550100', 'sms', '{}')",
      ),
    );
    const funnel = (await get(admin, `/reports/funnel?from=${today}&to=${today}`)).body;
    expect(funnel.columns.map((c: { key: string }) => c.key).slice(0, 5)).toEqual([
      'channel',
      'conversations',
      'searches',
      'held',
      'paid',
    ]);
    expect(funnel.rows).toContainEqual(expect.objectContaining({ channel: 'sms', conversations: 1, searches: 1 }));
  });
});
