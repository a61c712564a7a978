import type { AuditLogRow } from '../../../api/db/entities';
import type { CheckoutRequest } from '../../../api/vendors/payments/payment-provider';
import { pax, seatMapSeats } from '../../helpers/api-helpers';
import { drain, flightFor, type Held, holdBooking, requestLink } from '../../helpers/payment-flow';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * A console seat change that costs more makes a payment link for the difference: the provider is called outside any
 * database transaction, while the console's audit entry is written in the seat-change service's own transaction,
 * landing or rolling back with the change it describes (one action, one entry).
 */
describe.each(DB_TARGETS)('console seat change: provider outside the audit transaction (%s)', (target) => {
  let t: TestApp;
  let agent: string;
  let bookings = 0;
  const checkoutsInTransaction: boolean[] = [];
  beforeAll(async () => {
    t = await createTestApp({ target, days: 12, env: { HOLD_MINUTES: '15' } });
    agent = await t.token('agent');
    const provider = t.services.paymentProvider;
    const create = provider.createCheckout.bind(provider);
    jest.spyOn(provider, 'createCheckout').mockImplementation((req: CheckoutRequest) => {
      checkoutsInTransaction.push(t.services.db.inTransaction);
      return create(req);
    });
  }, 60_000);
  afterAll(() => t.close());

  /** A paid booking in a standard seat, and a preferred (dearer) seat to move to. */
  async function paidBooking(): Promise<{ held: Held; from: string; dearer: string }> {
    const flightId = await flightFor(t);
    const seats = (await seatMapSeats(t, flightId, { fareFamily: 'standard' })).filter(
      (s) => s.cabin === 'economy' && s.available && !/^1[01]/.test(s.designator),
    );
    const from = seats.filter((s) => s.tier === 'standard')[bookings]!.designator;
    const dearer = seats.filter((s) => s.tier === 'preferred')[bookings++]!.designator;
    const held = await holdBooking(t, {
      fareFamily: 'standard',
      email: `console.seats${bookings}@example.com`,
      passengers: [pax('Ada', 'Lovelace', '1980-01-01', { [flightId]: from })],
    });
    const link = await requestLink(t, held);
    const paid = await t.http.post(new URL(link.body.url).pathname).type('form').send({ card: '4242424242424242' });
    expect(paid.status).toBe(200);
    await drain(t);
    return { held, from, dearer };
  }
  const change = (held: Held, designator: string) =>
    t.http
      .put(`/api/v1/console/bookings/${held.pnr}/seats`)
      .set('Authorization', `Bearer ${agent}`)
      .send({ seats: [{ passenger: 0, flightId: held.flightId, designator }] });
  const seatEntries = async (pnr: string): Promise<AuditLogRow[]> =>
    (await t.services.repos.ops.auditFor('booking', pnr)).filter((e) => e.action === 'booking.seats_changed');

  it('makes the link after the change committed, and audits the change once with its money side', async () => {
    const { held, from, dearer } = await paidBooking();
    checkoutsInTransaction.length = 0;
    const r = await change(held, dearer);
    expect(r.status).toBe(200);
    expect(r.body.seatChange).toMatchObject({ status: 'awaiting_payment', payment: { url: expect.any(String) } });
    expect(checkoutsInTransaction).toEqual([false]);
    const entries = await seatEntries(held.pnr);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorRole: 'agent',
      before: { seats: { 0: { [held.flightId]: from } } },
      // Nothing moves until the difference is paid.
      after: { seats: { 0: { [held.flightId]: from } }, seatChange: { status: 'awaiting_payment' } },
      data: { changes: [{ passenger: 0, flightId: held.flightId, designator: dearer }] },
    });
    expect((entries[0]!.data as { services: unknown[] }).services).toHaveLength(1);
  });

  it('rolls the entry back with a change that fails in its transaction; keeps it when only the link fails', async () => {
    const { held, dearer } = await paidBooking();
    const repo = t.services.repos.seatChanges;
    const failing = jest.spyOn(repo, 'insert').mockRejectedValueOnce(new Error('disk full'));
    expect((await change(held, dearer)).status).toBe(500);
    failing.mockRestore();
    expect(await seatEntries(held.pnr)).toHaveLength(0);

    // The change committed (the seat is held for the traveller); the provider then failed: the change is logged.
    const provider = jest.mocked(t.services.paymentProvider.createCheckout);
    provider.mockRejectedValueOnce(new Error('provider down'));
    expect((await change(held, dearer)).status).toBeGreaterThanOrEqual(500);
    expect(await seatEntries(held.pnr)).toHaveLength(1);
  });
});
