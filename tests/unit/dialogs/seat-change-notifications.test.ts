import { notificationFor } from '../../../dialogs/notifications';

/** What the chat hears about a seat change settled away from it (on the payment page, or by its hold ending). */
describe('seat change notifications', () => {
  const url = 'https://jetway.test/tickets.pdf';

  it('a difference paid on the payment page names the new seats and the updated e-ticket', () => {
    const m = notificationFor(
      {
        type: 'booking.seats_changed',
        bookingId: 1,
        pnr: 'ABC234',
        seats: ['12C'],
        charged: 2_800,
        refund: 0,
        currency: 'GBP',
        byPayment: true,
      },
      null,
      url,
    );
    expect(m?.text).toBe(
      `Payment of £28 received — your new seat on booking ABC234: 12C. Your updated e-ticket: ${url}`,
    );
  });

  it('changes made in the chat were told there; a replaced change says nothing', () => {
    const base = { bookingId: 1, pnr: 'ABC234', currency: 'GBP' };
    expect(
      notificationFor(
        { ...base, type: 'booking.seats_changed', seats: ['20A'], charged: 0, refund: 500, byPayment: false },
        null,
        url,
      ),
    ).toBeNull();
    expect(
      notificationFor(
        { type: 'seat_change.closed', bookingId: 1, pnr: 'ABC234', seatChangeId: 3, reason: 'superseded' },
        null,
        url,
      ),
    ).toBeNull();
  });

  it('an unpaid change that ran out says the seats stay and nothing was charged', () => {
    const m = notificationFor(
      { type: 'seat_change.closed', bookingId: 1, pnr: 'ABC234', seatChangeId: 3, reason: 'expired' },
      null,
      url,
    );
    expect(m?.text).toContain('your seats stay as they were and nothing was charged');
  });

  it('money for a stale seat change link goes back and the booking is unchanged', () => {
    const m = notificationFor(
      {
        type: 'payment.refunded_unbooked',
        bookingId: 1,
        pnr: 'ABC234',
        amount: 2_800,
        currency: 'GBP',
        reason: 'seat_change_replaced',
      },
      null,
      url,
    );
    expect(m?.text).toContain('replaced by a newer one');
    expect(m?.text).toContain('Your booking is unchanged.');
    expect(m?.text).not.toContain('search again');
  });
});
