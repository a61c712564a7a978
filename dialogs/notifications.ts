import { formatMoney } from '../api/domain/money';
import type { BookingView } from '../api/services/booking-view';
import type { DomainEvent } from '../api/services/domain-events';
import { formatExpiry, formatInstant, formatLocalDate, formatLocalTime } from '../cards/shared/format';
import type { BotMessage } from '../cards/types';

const RETURNED: Record<string, string> = {
  seats_no_longer_available: 'the payment arrived after the hold on your seats had ended and the seats had been taken',
  booking_cancelled: 'the booking had already been cancelled',
  duplicate_payment: 'the booking was already paid',
  amount_mismatch: 'the amount did not match the booking',
  price_changed: 'the price of the booking changed after that payment link was made',
  seat_change_expired: 'the hold on the seats you asked for had ended, so your seats stayed as they were',
  seat_change_replaced: 'that seat change had been replaced by a newer one',
  bag_order_expired: 'the payment link for your bags had ended, so no bags were added',
  bag_order_replaced: 'those bags had been replaced by a newer request',
  bag_limit_exceeded: 'those bags would have gone over the limit per passenger and flight',
};

/**
 * What the bot tells a traveller, in the conversation they booked in, when something happens to their
 * booking later (payment confirmed, declined, hold ended, refunds). Null when there is nothing to say.
 */
export function notificationFor(event: DomainEvent, booking: BookingView | null, ticketUrl: string): BotMessage | null {
  switch (event.type) {
    case 'booking.confirmed':
      if (!booking) return null;
      return {
        text:
          `Payment received — booking ` +
          `${event.pnr} is confirmed and your e-tickets are issued.\n\nDownload them here: ` +
          `${ticketUrl}\n\nA confirmation email is on its way to ` +
          `${booking.contact.email}.`,
        card: { kind: 'confirmation', booking, ticketUrl },
      };
    case 'booking.payment_failed':
      return {
        text:
          `Your payment for booking ${event.pnr} did not go through (` +
          `${event.reason}). Your seats stay held until the hold ends. Say "pay" for a new payment link, or try another card on the same page.`,
        choices: [{ value: `pay:${event.pnr}`, label: 'New payment link' }],
      };
    case 'booking.expired':
      return {
        text:
          `The hold on booking ` +
          `${event.pnr} has ended without payment, so the seats were released. Nothing was charged. Would you like to search again?`,
        choices: [{ value: 'menu:book', label: 'Search again' }],
      };
    case 'payment.refunded_unbooked': {
      // A seat change or bags paid for on a paid booking: the booking itself stays as it was.
      const seatChange = event.reason.startsWith('seat_change') || event.reason.startsWith('bag_');
      return {
        text:
          `We received your payment of ` +
          `${formatMoney({ amount: event.amount, currency: event.currency })} for ` +
          `${event.pnr}, but ` +
          `${RETURNED[event.reason] ?? 'we could not complete the booking'}. The full amount is being refunded to your card.` +
          (event.reason === 'price_changed'
            ? ''
            : seatChange
              ? ' Your booking is unchanged.'
              : ' Would you like to search again?'),
        choices:
          event.reason === 'price_changed'
            ? [{ value: `pay:${event.pnr}`, label: 'New payment link' }]
            : seatChange
              ? undefined
              : [{ value: 'menu:book', label: 'Search again' }],
      };
    }
    case 'payment.link_renewed': {
      const amount = { amount: event.amount, currency: event.currency };
      return {
        text:
          `Booking ${event.pnr} now costs ${formatMoney(amount)}. Here is a new payment link: ${event.url}\n` +
          `Pay before the hold ends; I'll confirm here when it's paid.`,
        card: { kind: 'payment_link', pnr: event.pnr, url: event.url, expiresAt: event.expiresAt, amount },
      };
    }
    case 'booking.repriced':
      return null; // the traveller changed the booking in the conversation and was told there
    case 'booking.seats_changed':
      // Paid on the payment page, away from the chat: say it happened. Changes made in the chat were told there.
      if (!event.byPayment) return null;
      return {
        text:
          `Payment of ${formatMoney({ amount: event.charged, currency: event.currency })} received — your new ` +
          `seat${event.seats.length > 1 ? 's' : ''} on booking ${event.pnr}: ${event.seats.join(', ')}. ` +
          `Your updated e-ticket: ${ticketUrl}`,
      };
    case 'booking.flights_changed':
      // Paid on the payment page, away from the chat: say it happened. Changes made in the chat were told there.
      if (!event.byPayment) return null;
      return {
        text:
          `Payment of ${formatMoney({ amount: event.charged, currency: event.currency })} received — booking ` +
          `${event.pnr} is now on ${event.flights.join(', ')}, with new ticket numbers. Your e-ticket: ${ticketUrl}`,
      };
    case 'seat_change.closed':
      if (event.reason !== 'expired') return null;
      if (event.kind === 'flights')
        return {
          text:
            `The flight change on booking ${event.pnr} was not paid before its hold ended, so your booking stays as ` +
            `it was and nothing was charged.`,
        };
      return {
        text:
          `The seat change on booking ${event.pnr} was not paid before its hold ended, so your seats stay as they ` +
          `were and nothing was charged.`,
      };
    case 'booking.bags_added':
      // Paid on the payment page, away from the chat: say it happened.
      return {
        text:
          `Payment of ${formatMoney({ amount: event.charged, currency: event.currency })} received — ` +
          `${event.bags} extra checked bag${event.bags === 1 ? ' is' : 's are'} now on booking ${event.pnr}. ` +
          `Your updated e-ticket: ${ticketUrl}`,
      };
    case 'bag_order.closed':
      if (event.reason !== 'expired') return null;
      return {
        text:
          `The bags for booking ${event.pnr} were not paid before the link ended, so no bags were added and ` +
          `nothing was charged. Say "add a bag" to ask again.`,
      };
    case 'refund.succeeded':
      return {
        text:
          `Your refund of ` +
          `${formatMoney({ amount: event.amount, currency: event.currency })} for ` +
          `${event.pnr} has been processed. It can take 5–10 days to show on your statement.`,
      };
    case 'refund.failed':
      return {
        text:
          `We could not process your refund for ` +
          `${event.pnr} automatically. Our support team has been alerted and will contact you; you can also say "talk to an agent".`,
      };
    case 'booking.cancelled':
      return null; // the traveller cancelled in the conversation and was told there
    case 'checkin.opened':
      return {
        text:
          `Check-in is open for ${event.flightNumber} ${event.from}–${event.to} ` +
          `(booking ${event.pnr}), departing ${formatLocalTime(event.departureTime)} on ` +
          `${formatLocalDate(event.departureTime)}. Say "check in" when you have your passports ready.`,
        choices: [{ value: `checkin:${event.pnr}`, label: 'Check in now' }],
      };
    case 'booking.disrupted':
      return disruptionNotice(event);
    case 'booking.hold_ending':
      return {
        text:
          `The hold on booking ${event.pnr} ends ${formatExpiry(event.expiresAt)}; after that the seats are ` +
          `released. Pay here to keep them: ${event.url}`,
        choices: [{ value: `pay:${event.pnr}`, label: 'Pay now' }],
      };
  }
}

/** "Your flight was cancelled / delayed", with the way to the choices when there are any. */
function disruptionNotice(event: Extract<DomainEvent, { type: 'booking.disrupted' }>): BotMessage {
  const flight = `${event.flightNumber} ${event.from}–${event.to}`;
  // Local at the origin, with its UTC offset: the traveller may be reading this in another zone.
  const when = formatInstant(event.scheduledDeparture);
  const what =
    event.kind === 'cancelled' || !event.newDeparture
      ? `We're sorry: your flight ${flight} (booking ${event.pnr}), due to leave at ${when}, has been cancelled.`
      : `We're sorry: your flight ${flight} (booking ${event.pnr}), due to leave at ${when}, is delayed; it now ` +
        `leaves at ${formatInstant(event.newDeparture)}.`;
  if (event.offers === 0) return { text: what };
  const held = event.expiresAt
    ? ` Seats on other flights are held for you until ${formatInstant(event.expiresAt)}.`
    : '';
  return {
    text: `${what} You can move to another flight free of charge or have a full refund.${held}`,
    choices: [{ value: `disruption:${event.pnr}`, label: 'See my options' }],
  };
}
