import { randomBytes } from 'node:crypto';
import { countRows, MINUTE } from '../../helpers/api-helpers';
import { durableDatabase, type Instance, openInstance } from '../../helpers/instances';
import { DB_TARGETS, type TestApp } from '../../helpers/test-app';
import { HOUR, holdTrip, paidTrip } from './check-in-helpers';

/**
 * Check-in and hold reminders are sent once, whichever of two instances on the same database finds them
 * due first: the claim is a unique row written with the mail and the event.
 */
describe.each(DB_TARGETS)('reminders across two instances (%s)', (target) => {
  let a: Instance;
  let b: Instance;
  let t: TestApp;
  let drop: () => Promise<void>;
  let start: Date;
  beforeAll(async () => {
    const db = await durableDatabase(target);
    drop = db.drop;
    a = await openInstance(db.config, { seedDays: 8 });
    b = await openInstance(db.config, { clock: a.clock });
    start = a.clock.now();
    t = {
      services: a.services,
      http: a.http,
      clock: a.clock,
      app: undefined as never,
      token: async () => {
        const email = `rem.${randomBytes(3).toString('hex')}@example.com`;
        const user = await a.services.auth.createUser({
          email,
          password: 'correct horse battery staple',
          firstName: 'Rem',
          lastName: 'Inder',
          role: 'traveller',
        });
        return (await a.services.auth.issue(user)).accessToken;
      },
      close: async () => undefined,
    };
  }, 90_000);
  afterEach(() => a.clock.set(start));
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  const bothRun = () => Promise.all([a.services.reminders.runDue(), b.services.reminders.runDue()]);
  const bookingId = async (pnr: string) => (await a.services.repos.bookings.findByPnr(pnr))!.booking.id;
  const eventsFor = (type: string, pnr: string) =>
    countRows(t, 'domain_events', 'type = ? AND payload LIKE ?', [type, `%${pnr}%`]);

  it('tells a paid booking once when check-in opens, by email and on its channel', async () => {
    const paid = await paidTrip(t, { days: 3 });
    const held = await holdTrip(t, { days: 3 });
    const dep = paid.departures[0]!;
    a.clock.set(new Date(dep.getTime() - 24 * HOUR - MINUTE));
    await bothRun();
    expect(await eventsFor('checkin.opened', paid.pnr)).toBe(0);
    a.clock.set(new Date(dep.getTime() - 24 * HOUR + MINUTE));
    await Promise.all([bothRun(), bothRun()]);
    await bothRun();
    const id = await bookingId(paid.pnr);
    expect(await countRows(t, 'reminders', "kind = 'checkin' AND booking_id = ?", [id])).toBe(1);
    expect(await eventsFor('checkin.opened', paid.pnr)).toBe(1);
    const key = `checkin-reminder:${paid.pnr}:${paid.flightIds[0]}`;
    expect(await countRows(t, 'mail_outbox', 'dedupe_key = ? AND subject LIKE ?', [key, 'Check-in is open%'])).toBe(1);
    // A held (unpaid) booking on the same flight gets no check-in reminder.
    expect(await eventsFor('checkin.opened', held.pnr)).toBe(0);
  }, 60_000);

  it('reminds a held booking once, 5 minutes before its hold ends, with the payment link', async () => {
    const held = await holdTrip(t, { days: 5 });
    const ends = (await a.services.repos.bookings.findByPnr(held.pnr))!.booking.holdExpiresAt!;
    a.clock.set(new Date(ends.getTime() - 6 * MINUTE));
    await bothRun();
    expect(await eventsFor('booking.hold_ending', held.pnr)).toBe(0);
    a.clock.set(new Date(ends.getTime() - 4 * MINUTE));
    await Promise.all([bothRun(), bothRun()]);
    a.clock.set(new Date(ends.getTime() - 2 * MINUTE));
    await bothRun();
    expect(await eventsFor('booking.hold_ending', held.pnr)).toBe(1);
    const [mail] = await a.services.db.run((em) =>
      em.query('SELECT body_text AS body FROM mail_outbox WHERE dedupe_key = ?', [`hold-reminder:${held.pnr}`]),
    );
    expect(mail.body).toMatch(/Pay here to keep them: http\S+\/pay\/sandbox\//);
  }, 60_000);
});
