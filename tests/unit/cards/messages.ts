/** One BotMessage per card view kind (plus variants), shared by the renderer tests. */
import type { BotMessage, CardView } from '../../../cards/types';
import {
  booking,
  cancelledBooking,
  connection,
  draft,
  gbp,
  heldBooking,
  narrowBody,
  nonstop,
  overnight,
  wideBody,
} from './fixtures';

const flightList: CardView = {
  kind: 'flight_list',
  direction: 'outbound',
  from: 'LON',
  to: 'NYC',
  date: '2026-12-01',
  cabin: 'economy',
  passengers: 2,
  offers: [
    { offer: nonstop, choice: 'offer:o1' },
    { offer: connection, choice: 'offer:o2' },
    { offer: overnight, choice: 'offer:o3' },
  ],
  total: 24,
  more: 'more',
};

const dates = ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];

export const MESSAGES: Record<string, BotMessage> = {
  flight_list: {
    text: 'Here are flights from London to New York.',
    card: flightList,
    choices: [{ value: 'dates', label: 'Other dates' }],
  },
  price_calendar: {
    text: 'Prices around your date:',
    card: {
      kind: 'price_calendar',
      direction: 'outbound',
      selected: '2026-12-01',
      days: dates.map((date, i) =>
        i === 5 ? { date, lowestPrice: null } : { date, lowestPrice: gbp(420 + i * 13), choice: `date:${date}` },
      ),
    },
  },
  fare_options: {
    text: 'Which fare?',
    card: {
      kind: 'fare_options',
      offer: nonstop,
      fares: nonstop.fares.map((fare) => ({ fare, choice: `fare:${fare.fareFamily}` })),
    },
  },
  seat_map_narrow: {
    text: 'Pick a seat on BA117.',
    card: {
      kind: 'seat_map',
      seatMap: narrowBody,
      flightLabel: 'BA117 London → New York',
      passengerName: 'Ada Lovelace',
      chosen: ['12A'],
      cabin: 'economy',
    },
    choices: [
      { value: 'seat:any', label: 'Any seat' },
      { value: 'seat:skip', label: 'Skip seats' },
    ],
  },
  seat_map_wide: {
    text: 'Pick a seat on BA118.',
    card: {
      kind: 'seat_map',
      seatMap: wideBody,
      flightLabel: 'BA118 New York → London',
      passengerName: 'Byron Lovelace',
      chosen: ['35C'],
      cabin: 'economy',
    },
    choices: [{ value: 'seat:any', label: 'Any seat' }],
  },
  seat_map_business: {
    text: 'Pick a seat.',
    card: {
      kind: 'seat_map',
      seatMap: wideBody,
      flightLabel: 'BA118',
      passengerName: 'Ada Lovelace',
      chosen: [],
      cabin: 'business',
    },
  },
  passenger_form: {
    text: 'Who is travelling?',
    card: {
      kind: 'passenger_form',
      index: 1,
      total: 2,
      typeHint: 'Child (2–11)',
      values: { firstName: 'Byron', dateOfBirth: '2018-05-01' },
      errors: { lastName: 'Please enter the last name.' },
    },
    choices: [{ value: 'back', label: 'Back' }],
  },
  contact_form: {
    text: 'How can we reach you?',
    card: {
      kind: 'contact_form',
      values: { email: 'ada@example' },
      errors: { email: 'That email address looks incomplete.' },
    },
  },
  review: {
    text: 'Please check everything.',
    card: { kind: 'review', draft },
    choices: [
      { value: 'confirm', label: 'Confirm and pay' },
      { value: 'change', label: 'Change something' },
    ],
  },
  payment_link: {
    text: 'Almost done.',
    card: {
      kind: 'payment_link',
      pnr: 'K7QX2M',
      url: 'https://pay.example.com/p/abc',
      expiresAt: '2026-11-01T10:30:00.000Z',
      amount: gbp(1304.4),
    },
  },
  confirmation: {
    text: 'Thank you!',
    card: { kind: 'confirmation', booking, ticketUrl: 'https://jetway.example.com/t/K7QX2M.pdf' },
    choices: [{ value: 'menu', label: 'Main menu' }],
  },
  booking: {
    text: 'Here is your booking.',
    card: { kind: 'booking', booking: heldBooking },
    choices: [
      { value: 'pay', label: 'Pay now' },
      { value: 'cancel', label: 'Cancel booking' },
    ],
  },
  booking_cancelled: { text: 'Your booking is cancelled.', card: { kind: 'booking', booking: cancelledBooking } },
  cancellation_quote: {
    text: 'Cancelling refunds part of the fare.',
    card: {
      kind: 'cancellation_quote',
      pnr: 'K7QX2M',
      refund: gbp(1004.4),
      fee: gbp(300),
      rule: 'Economy Standard: refund minus £150 per passenger.',
      expiresAt: '2026-11-01T11:15:00+01:00',
    },
    choices: [
      { value: 'yes', label: 'Yes, cancel' },
      { value: 'no', label: 'Keep my booking' },
    ],
  },
  article: {
    text: 'About baggage:',
    card: {
      kind: 'article',
      title: 'Baggage allowance',
      body:
        'Each **Standard** fare includes one checked bag of 23 kg.\nSee [the ' +
        'rules](https://jetway.example.com/bags).',
      url: 'https://jetway.example.com/bags',
    },
  },
  text_only: {
    text: 'What would you like to do?',
    choices: [
      { value: 'book', label: 'Book a flight' },
      { value: 'manage', label: 'Manage a booking', description: 'with your reference' },
    ],
  },
};
