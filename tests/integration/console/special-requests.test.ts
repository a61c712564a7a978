import { bearer, book, bookingBody, expectError, nonstopFlight, pax } from '../../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/** Agents see a booking's special requests on its console page (what the page's table reads); travellers cannot. */
describe.each(DB_TARGETS)('console: special requests on the booking page (%s)', (target) => {
  let t: TestApp;
  let agent: string;
  let admin: string;
  let owner: string;
  let pnr: string;
  let flightId: number;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 12 });
    [agent, admin, owner] = await Promise.all([t.token('agent'), t.token('admin'), t.token('traveller')]);
    flightId = await nonstopFlight(t, 'LHR', 'CDG', 8);
    const res = await book(
      t,
      owner,
      bookingBody([flightId], [pax('Ada', 'Lovelace', '1985-06-15'), pax('Byron', 'Lovelace', '1990-02-02')]),
    );
    expect(res.status).toBe(201);
    pnr = res.body.pnr;
    const put = await t.http
      .put(`/api/v1/bookings/${pnr}/special-requests`)
      .set(bearer(owner))
      .send({
        requests: [
          { passenger: 0, flightId, code: 'WCHR' },
          { passenger: 1, flightId, code: 'VGML' },
        ],
      });
    expect(put.status).toBe(200);
  }, 60_000);
  afterAll(() => t.close());

  const page = (token: string) => t.http.get(`/api/v1/console/bookings/${pnr}`).set(bearer(token));

  it('shows each passenger’s requests with their codes and meaning to agents and admins', async () => {
    for (const token of [agent, admin]) {
      const res = await page(token);
      expect(res.status).toBe(200);
      const [ada, byron] = res.body.booking.passengers;
      expect(ada.specialRequests).toEqual([
        { flightId, code: 'WCHR', label: 'Wheelchair to the aircraft door (can climb steps)' },
      ]);
      expect(byron.specialRequests).toEqual([{ flightId, code: 'VGML', label: 'Vegetarian meal (vegan)' }]);
      expect(ada.specialAssistance).toBe(true);
    }
  });

  it('refuses the page to a traveller, even the booking’s owner', async () => {
    expectError(await page(owner), 403, 'not_an_agent');
  });
});
