import { renewedLinkMail, seatChangeLinkMail } from '../../../api/services/mail-templates';
import { SandboxPaymentProvider } from '../../../api/vendors/payments/sandbox.provider';

/** Links by mail and on the sandbox page say when the hold ends in the traveller's local time, with the offset. */
describe('payment link times', () => {
  const link = {
    url: 'https://jetway.test/pay/sandbox/sbx_cs_1',
    expiresAt: '2026-12-01T18:30:00.000Z',
    amount: { amount: 2_800, currency: 'GBP' },
  };

  it('the "new link" mail shows the end of the hold in local time with offset and zone, not UTC', () => {
    const mail = renewedLinkMail('ABC234', link, 'America/New_York', 'jetway');
    expect(mail.text).toContain('held until Tue, 1 Dec 2026 13:30 (UTC-05:00), America/New_York time.');
    expect(mail.text).not.toContain('18:30 UTC');
  });

  it('the seat change mail quotes the difference, the held seat and the link', () => {
    const mail = seatChangeLinkMail(
      'ABC234',
      [{ passenger: 'Ada Lovelace', from: '20A', to: '12C', flight: 'JW12' }],
      link,
      'Europe/London',
      'jetway',
    );
    expect(mail.subject).toBe('Pay £28 to change seats on ABC234');
    expect(mail.text).toContain('Ada Lovelace: 20A → 12C on JW12');
    expect(mail.text).toContain('until Tue, 1 Dec 2026 18:30 (UTC+00:00), Europe/London time');
    expect(mail.text).toContain(link.url);
  });

  it('sandbox links carry the traveller’s time zone to the page', async () => {
    const sandbox = new SandboxPaymentProvider('https://jetway.test');
    const base = {
      paymentId: 1,
      bookingId: 1,
      amount: 100,
      currency: 'GBP',
      description: 'x',
      expiresAt: new Date(),
      successUrl: '',
      cancelUrl: '',
      idempotencyKey: 'k',
    };
    expect((await sandbox.createCheckout({ ...base, timeZone: 'Asia/Tokyo' })).url).toMatch(
      /^https:\/\/jetway\.test\/pay\/sandbox\/sbx_cs_\w+\?tz=Asia%2FTokyo$/,
    );
    expect((await sandbox.createCheckout(base)).url).not.toContain('tz=');
  });
});
