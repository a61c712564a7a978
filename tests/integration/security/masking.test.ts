import { RecordingMailer } from '../../helpers/fake-mailer';
import { bearer, expectError, pax } from '../../helpers/api-helpers';
import { binary, drain, type Held, holdBooking, payWithStripe } from '../../helpers/payment-flow';
import { pdfText } from '../../helpers/pdf-text';
import { STRIPE_ENV, StripeFake } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

const EMAIL = 'grace.hopper@example.com';
const MASKED_EMAIL = 'g•••@example.com';

/**
 * Low-assurance access is masked in every format (issue 11, item 7): a booking opened with its reference and
 * a last name, or by a signed link anyone may have been forwarded, shows the same masked data in the JSON,
 * in tickets.pdf, in a resent confirmation (mail and attached e-ticket) and in the chat's news. The owner and
 * staff see it whole.
 */
describe.each(DB_TARGETS)('masking for low-assurance access (%s)', (target) => {
  let t: TestApp;
  const fake = new StripeFake();
  const mailer = new RecordingMailer();
  let held: Held;
  let reference: string;
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({ target, days: 12, env: STRIPE_ENV, vendors: { mailer } });
    held = await holdBooking(t, { email: EMAIL, passengers: [pax('Grace', 'Hopper', '1976-12-09')] });
    await payWithStripe(t, fake, held);
    reference = fake.sessionsFor(held.bookingId)[0]!.payment_intent as string;
    await drain(t);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fake.stop();
  });

  const pdf = async (query: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await binary(t.http.get(`/api/v1/bookings/${held.pnr}/tickets.pdf`).query(query).set(headers));
    expect(res.status).toBe(200);
    return pdfText(res.body as Buffer);
  };
  const expectMasked = (text: string) => {
    expect(text).toContain(held.pnr);
    expect(text).toContain(MASKED_EMAIL);
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain(reference);
    expect(text).not.toContain('1976');
  };
  const expectFull = (text: string) => {
    expect(text).toContain(EMAIL);
    expect(text).toContain(reference);
  };
  const tokenOf = (url: string) => new URL(url).searchParams.get('t')!;

  it('the JSON by last name is masked (the rule every other format follows)', async () => {
    const r = await t.http.get(`/api/v1/bookings/${held.pnr}`).query({ lastName: 'hopper' });
    expect(r.body).toMatchObject({ masked: true, contact: { email: MASKED_EMAIL }, payment: { reference: null } });
    expect(r.body.passengers[0].dateOfBirth).toBeNull();
  });

  it('tickets.pdf by last name is masked: no email, payment reference or birth date', async () => {
    expectMasked(await pdf({ lastName: 'Hopper' }));
  });

  it('tickets.pdf for the owner and staff is whole', async () => {
    expectFull(await pdf({}, held.auth));
    expectFull(await pdf({}, bearer(await t.token('agent'))));
  });

  it('a signed link opens the PDF as whoever it was made for: masked by default, whole for the owner', async () => {
    expectMasked(await pdf({ t: tokenOf(t.services.ticketing.ticketUrl(held.pnr)) }));
    expectMasked(await pdf({ t: tokenOf(t.services.ticketing.ticketUrl(held.pnr, 'masked')) }));
    expectFull(await pdf({ t: tokenOf(t.services.ticketing.ticketUrl(held.pnr, 'full')) }));
  });

  it('a confirmation resent by last name goes to the contact address, masked, with a masked e-ticket', async () => {
    mailer.sent.length = 0;
    const r = await t.http.post(`/api/v1/bookings/${held.pnr}/confirmation-email`).send({ lastName: 'Hopper' });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ to: MASKED_EMAIL, masked: true });
    await drain(t);
    const [mail] = mailer.withSubject(`Booking ${held.pnr} confirmed`);
    expect(mail!.to).toBe(EMAIL);
    expectMasked(pdfText(mail!.attachments![0]!.content as Buffer));
    // Its link opens the masked PDF too.
    const link = /(http\S+tickets\.pdf\?t=\S+)/.exec(mail!.text)![1]!;
    expectMasked(await pdf({ t: tokenOf(link) }));
  });

  it("the owner's resend is whole", async () => {
    mailer.sent.length = 0;
    const r = await t.http.post(`/api/v1/bookings/${held.pnr}/confirmation-email`).set(held.auth).send({});
    expect(r.body).toEqual({ to: MASKED_EMAIL, masked: false });
    await drain(t);
    const [mail] = mailer.withSubject(`Booking ${held.pnr} confirmed`);
    expectFull(pdfText(mail!.attachments![0]!.content as Buffer));
    expectFull(await pdf({ t: tokenOf(/(http\S+tickets\.pdf\?t=\S+)/.exec(mail!.text)![1]!) }));
  });

  it('resends are refused to strangers and wrong names, and limited per booking', async () => {
    const resend = (body: object, headers: Record<string, string> = {}) =>
      t.http.post(`/api/v1/bookings/${held.pnr}/confirmation-email`).set(headers).send(body);
    expectError(await resend({}), 404, 'booking_not_found');
    expectError(await resend({ lastName: 'Lovelace' }), 404, 'booking_not_found');
    expectError(await resend({}, bearer(await t.token())), 404, 'booking_not_found');
    // Two were sent above; the third in the hour is the last.
    expect((await resend({ lastName: 'Hopper' })).status).toBe(202);
    expectError(await resend({ lastName: 'Hopper' }), 429, 'rate_limited');
    const other = await holdBooking(t);
    expectError(await t.http.post(`/api/v1/bookings/${other.pnr}/confirmation-email`).set(other.auth), 409);
  });

  it("news told in a conversation follows that conversation's access: whole for the owner, masked otherwise", async () => {
    const owner = await t.services.bookings.viewForWatcher(held.pnr, (await bookingOwner()) ?? -1);
    expect(owner).toMatchObject({ masked: false, contact: { email: EMAIL } });
    for (const viewer of [null, 999_999]) {
      const view = await t.services.bookings.viewForWatcher(held.pnr, viewer);
      expect(view).toMatchObject({ masked: true, contact: { email: MASKED_EMAIL }, payment: { reference: null } });
    }
    expect(await t.services.bookings.viewForWatcher('ZZZZZZ', null)).toBeNull();
  });

  const bookingOwner = async () => (await t.services.repos.bookings.findByPnr(held.pnr))!.booking.userId;
});
