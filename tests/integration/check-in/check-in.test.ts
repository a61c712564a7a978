import { decodeBcbpMandatory } from '../../../api/domain/bcbp';
import { bearer, countRows, expectError, pax } from '../../helpers/api-helpers';
import { binary, drain } from '../../helpers/payment-flow';
import { RecordingMailer } from '../../helpers/fake-mailer';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';
import { checkIn, HOUR, holdTrip, ownerAuth, paidTrip, passport } from './check-in-helpers';

describe.each(DB_TARGETS)('online check-in (%s)', (target) => {
  let t: TestApp;
  let start: Date;
  const mailer = new RecordingMailer();
  beforeAll(async () => {
    t = await createTestApp({ target, days: 12, vendors: { mailer } });
    start = t.clock.now();
  }, 60_000);
  afterEach(() => t.clock.set(start));
  afterAll(() => t.close());

  /** Moves the clock to `ms` before the flight's departure (negative: after it). */
  const before = (departure: Date, ms: number) => t.clock.set(new Date(departure.getTime() - ms));

  it('is open from 24 h to 60 min before departure; refused before, after closing and once departed', async () => {
    const b = await paidTrip(t, { days: 3 });
    const dep = b.departures[0]!;
    before(dep, 24 * HOUR + 60_000);
    const early = await checkIn(t, b, { passengers: [passport()] });
    expectError(early, 409, 'check_in_not_open');
    expect(early.body.error.details).toEqual({
      flightId: b.flightIds[0],
      opensAt: new Date(dep.getTime() - 24 * HOUR).toISOString(),
    });
    before(dep, 59 * 60_000);
    expectError(await checkIn(t, b, { passengers: [passport()] }), 409, 'check_in_closed');
    before(dep, -60_000);
    expectError(await checkIn(t, b, { passengers: [passport()] }), 409, 'check_in_flight_departed');
    before(dep, 24 * HOUR);
    const ok = await checkIn(t, b, { passengers: [passport()] });
    expect(ok.status).toBe(200);
    expect(ok.body.flights[0]).toMatchObject({ phase: 'open', passengers: [{ index: 0, checkedIn: true }] });
    expect(ok.body.boardingPasses).toHaveLength(1);
  });

  it('refuses an unpaid booking and a cancelled one', async () => {
    const held = await holdTrip(t, { days: 4 });
    before(held.departures[0]!, 2 * HOUR);
    expectError(await checkIn(t, held, { passengers: [passport()] }), 409, 'check_in_unpaid');
    t.clock.set(start);
    await t.http.post(`/api/v1/bookings/${held.pnr}/cancel`).set(bearer(held.token)).send({});
    before(held.departures[0]!, 2 * HOUR);
    expectError(await checkIn(t, held, { passengers: [passport()] }), 409, 'booking_cancelled');
  });

  it('needs a passport valid after the return date, a 3-letter nationality and a passenger of the booking', async () => {
    const b = await paidTrip(t, { days: 5, returnDays: 9 });
    before(b.departures[0]!, 3 * HOUR);
    const lastDay = (await t.services.repos.flights.findById(b.flightIds[1]!))!.departureDate;
    const expired = await checkIn(t, b, { passengers: [passport(0, { expiryDate: lastDay, nationality: 'UK' })] });
    expectError(expired, 422, 'invalid_travel_document');
    expect(expired.body.error.details).toEqual([
      { passenger: 0, field: 'nationality', message: expect.stringContaining('3-letter') },
      { passenger: 0, field: 'expiryDate', message: expect.stringContaining('after the last day of travel') },
    ]);
    expectError(await checkIn(t, b, { passengers: [passport(0, { documentNumber: '12' })] }), 422);
    expectError(await checkIn(t, b, { passengers: [passport(3)] }), 422, 'unknown_passenger');
    expectError(await checkIn(t, b, { passengers: [passport(0, { expiryDate: '2035-02-30' })] }), 422);
    expectError(await checkIn(t, b, { passengers: [] }), 400, 'invalid_request');
    // The outbound flight is the one open; the return is not yet.
    const r = await checkIn(t, b, { passengers: [passport()] });
    expect(r.status).toBe(200);
    expect(r.body.flights.map((f: { phase: string }) => f.phase)).toEqual(['open', 'not_open']);
    const early = await checkIn(t, b, { flightId: b.flightIds[1], passengers: [passport()] });
    expectError(early, 409, 'check_in_not_open');
  });

  it('keeps only the last 4 characters of the document number, and never shows more', async () => {
    const b = await paidTrip(t, { days: 6 });
    before(b.departures[0]!, 5 * HOUR);
    const r = await checkIn(t, b, { passengers: [passport(0, { documentNumber: 'ab 1234-5678' })] });
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toContain('12345678');
    expect(r.body.boardingPasses[0].document).toBe('•••• 5678');
    const rows = await t.services.db.run((em) => em.query('SELECT * FROM check_ins'));
    expect(JSON.stringify(rows)).not.toMatch(/1234/);
    expect(await countRows(t, 'check_ins', "document_last4 = '5678' AND nationality = 'GBR'")).toBe(1);
  });

  it('numbers passengers on a flight, checks each in once, and issues a BCBP boarding pass per passenger', async () => {
    const b = await paidTrip(t, { days: 7, passengers: [pax('Ada', 'Lovelace'), pax('Charles', 'Babbage')] });
    before(b.departures[0]!, 6 * HOUR);
    expect((await checkIn(t, b, { passengers: [passport(1)] })).status).toBe(200);
    const both = await checkIn(t, b, { passengers: [passport(0), passport(1, { documentNumber: 'ZZ999999' })] });
    expect(both.status).toBe(200);
    const passes = both.body.boardingPasses as { passenger: number; sequence: number; barcodeData: string }[];
    expect(passes.map((p) => [p.passenger, p.sequence])).toEqual([
      [0, 2],
      [1, 1],
    ]);
    const leg = decodeBcbpMandatory(passes[0]!.barcodeData).legs[0]!;
    expect(leg).toMatchObject({ pnr: b.pnr, from: 'LHR', to: 'CDG', checkInSequence: '0002', passengerStatus: '1' });
    expect(passes[0]!.barcodeData).toMatch(/^M1LOVELACE\/ADA/);
    expect(passes[0]!.barcodeData).toContain('B'); // document type: boarding pass
    // One mail per passenger and flight, each with its PDF; a repeated check-in sends nothing more.
    await drain(t);
    const mails = mailer.sent.filter((m) => m.subject.startsWith('Boarding pass') && m.text?.includes(b.pnr));
    expect(mails).toHaveLength(2);
    expect(mails[0]!.attachments?.[0]).toMatchObject({ contentType: 'application/pdf' });
  });

  it('serves the pass as PDF and PNG through its signed link (and to the owner), not to a stranger', async () => {
    const b = await paidTrip(t, { days: 8 });
    before(b.departures[0]!, 4 * HOUR);
    const r = await checkIn(t, b, { passengers: [passport()] });
    const pass = r.body.boardingPasses[0] as { pdfUrl: string; imageUrl: string };
    const pdf = await binary(t.http.get(new URL(pass.pdfUrl).pathname + new URL(pass.pdfUrl).search));
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.body as Buffer).toString('latin1')).toContain(b.pnr);
    const png = await binary(t.http.get(new URL(pass.imageUrl).pathname + new URL(pass.imageUrl).search));
    expect(png.status).toBe(200);
    expect((png.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    const path = new URL(pass.pdfUrl).pathname;
    expect((await binary(t.http.get(path).set(await ownerAuth(t, b)))).status).toBe(200);
    expectError(await t.http.get(path), 404, 'booking_not_found');
    expectError(await t.http.get(`${path}?t=${'x'.repeat(20)}.abc`), 404, 'booking_not_found');
    const other = path.replace(/\/0\.pdf$/, '/1.pdf');
    expectError(await t.http.get(other).set(await ownerAuth(t, b)), 409, 'not_checked_in');
  });

  it('GET /check-in shows each flight’s window to someone with the reference and a last name', async () => {
    const b = await paidTrip(t, { days: 9 });
    const r = await t.http.get(`/api/v1/bookings/${b.pnr}/check-in?lastName=lovelace`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ pnr: b.pnr, bookingStatus: 'confirmed', boardingPasses: [] });
    expect(r.body.flights[0]).toMatchObject({
      phase: 'not_open',
      opensAt: new Date(b.departures[0]!.getTime() - 24 * HOUR).toISOString(),
      closesAt: new Date(b.departures[0]!.getTime() - HOUR).toISOString(),
    });
    expectError(await t.http.get(`/api/v1/bookings/${b.pnr}/check-in?lastName=nobody`), 404, 'booking_not_found');
  });
});
