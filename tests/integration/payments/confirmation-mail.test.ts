import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { type ApiServices, buildApiServices, type Vendors } from '../../../api/container';
import { createHttpApp } from '../../../api/http/app';
import { ManualClock } from '../../../api/services/clock';
import { FileOutboxMailer } from '../../../api/vendors/mail/file-outbox.mailer';
import { RecordingMailer } from '../../helpers/fake-mailer';
import { drain, holdBooking, openSession, waitFor } from '../../helpers/payment-flow';
import { deliver, deliverCompleted, STRIPE_ENV, StripeFake, stripeEvent } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * The confirmation email with the e-ticket PDF goes through the durable outbox: enqueued with the
 * payment, sent once however often the payment is reported, retried with back-off when the mail server
 * fails, and sent by another instance when the one that took the payment died before sending.
 */
describe.each(DB_TARGETS)('confirmation email (%s)', (target) => {
  let t: TestApp;
  const fake = new StripeFake();
  const mailer = new RecordingMailer();
  const extra: ApiServices[] = [];
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({ target, days: 12, env: STRIPE_ENV, vendors: { mailer } });
  }, 60_000);
  afterAll(async () => {
    for (const s of extra) s.mail.stop();
    await t.close();
    fake.stop();
  });
  beforeEach(() => {
    mailer.failNext = 0;
  });

  /** Another instance of the API on the same database: its own services, clock and vendors. */
  const instance = async (vendors: Vendors, clock = new ManualClock(t.clock.now())) => {
    const s = buildApiServices(t.services.config, t.services.db, t.services.log, clock, vendors);
    await s.ref.load();
    extra.push(s);
    return { services: s, clock, http: request(createHttpApp(s).app) };
  };
  const confirmationRows = async (pnr: string) =>
    (await t.services.repos.outbox.mailByKind('booking_confirmation')).filter(
      (m) => m.dedupeKey === `confirmation:${pnr}`,
    );

  it('sends one confirmation with the PDF attached, even when the payment is reported twice', async () => {
    const held = await holdBooking(t, { email: 'Ada.Lovelace@Example.com' });
    const { sessionId } = await openSession(t, fake, held);
    const paid = fake.complete(sessionId);
    const event = stripeEvent('checkout.session.completed', paid);
    // The same event twice, and the same payment under another event id, all at once.
    const answers = await Promise.all([
      deliver(t, event),
      deliver(t, event),
      deliver(t, stripeEvent('checkout.session.completed', paid)),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers.map((r) => r.body.outcome).sort()).toEqual(['duplicate', 'processed', 'processed']);
    await drain(t);
    await drain(t);

    const mails = mailer.withSubject(`Booking ${held.pnr} confirmed`);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to).toBe('ada.lovelace@example.com');
    expect(mail.from).toBe(t.services.config.MAIL_FROM);
    expect(mail.text).toContain(held.pnr);
    expect(mail.text).toContain(`/api/v1/bookings/${held.pnr}/tickets.pdf?t=`);
    expect(mail.attachments).toEqual([
      { filename: `e-ticket-${held.pnr}.pdf`, contentType: 'application/pdf', content: expect.any(Buffer) },
    ]);
    const pdf = mail.attachments![0]!.content;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(held.pnr);
    expect(await confirmationRows(held.pnr)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
  });

  it('retries with back-off when the mail server fails twice, and sends exactly once', async () => {
    const held = await holdBooking(t);
    mailer.failNext = 2;
    const { sessionId } = await openSession(t, fake, held);
    const attemptsBefore = mailer.attempts.length;
    await deliverCompleted(t, fake, sessionId);
    await waitFor(async () => mailer.attempts.length > attemptsBefore, 'the first attempt');
    await drain(t);
    expect(mailer.withSubject(`Booking ${held.pnr} confirmed`)).toHaveLength(0);
    let [row] = await confirmationRows(held.pnr);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('Try again later'),
    });
    // Not due again before the back-off has passed.
    expect(await t.services.mail.sendDue()).toBe(0);
    t.clock.advance(31_000);
    expect(await t.services.mail.sendDue()).toBe(0);
    [row] = await confirmationRows(held.pnr);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(t.clock.now().getTime() + 60_000); // the back-off grows
    t.clock.advance(2 * 60_000 + 1000);
    expect(await t.services.mail.sendDue()).toBe(1);
    t.clock.advance(86_400_000);
    await drain(t);
    expect(mailer.withSubject(`Booking ${held.pnr} confirmed`)).toHaveLength(1);
    expect(mailer.attempts.filter((m) => m.subject === `Booking ${held.pnr} confirmed`)).toHaveLength(3);
    expect(await confirmationRows(held.pnr)).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 3, lastError: null }),
    ]);
  });

  it('loses no email when the instance that took the payment dies before sending it', async () => {
    const dying = new RecordingMailer();
    dying.hang = true; // the process stops in the middle of sending
    const first = await instance({ mailer: dying });
    const held = await holdBooking(t);
    const { sessionId } = await openSession(t, fake, held);
    expect((await deliverCompleted(first, fake, sessionId)).res.body.outcome).toBe('processed');
    // The mail was written with the payment, before any attempt to send it.
    await waitFor(async () => dying.attempts.length > 0, 'the doomed attempt');
    expect(await confirmationRows(held.pnr)).toEqual([expect.objectContaining({ status: 'sending' })]);

    // A new instance (a restart, or another server) sends it once the dead one's lease has run out.
    const dir = mkdtempSync(join(tmpdir(), 'jetway-mail-'));
    const later = new ManualClock(new Date(first.clock.now().getTime() + 61_000));
    const second = await instance({ mailer: new FileOutboxMailer(dir) }, later);
    expect(await second.services.mail.sendDue()).toBe(1);
    expect(await second.services.mail.sendDue()).toBe(0);
    const [row] = await confirmationRows(held.pnr);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });

    const files = readdirSync(dir);
    expect(files).toEqual([`mail-${String(row!.id).padStart(6, '0')}.eml`]);
    const eml = readFileSync(join(dir, files[0]!), 'utf8');
    expect(eml).toContain(`Subject: Booking ${held.pnr} confirmed`);
    expect(eml).toContain('To: ada.lovelace@example.com');
    expect(eml).toMatch(new RegExp(`Message-ID: <outbox-${row!.id}@`, 'i'));
    expect(eml).toContain('Content-Type: application/pdf');
    expect(eml).toContain(`filename=e-ticket-${held.pnr}.pdf`);
    expect(eml).not.toContain('.tmp');
    expect(mailer.withSubject(`Booking ${held.pnr} confirmed`)).toHaveLength(0);
  });
});
