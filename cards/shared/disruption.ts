import { formatMoney } from '../../api/domain/money';
import type { BotMessage, Choice, Disruption, DisruptionOffer, TravellerFlight } from '../types';
import { formatDayOffset, formatExpiry, formatInstant, formatLocalDate, formatLocalTime } from './format';

/**
 * What the traveller reads about a delayed or cancelled flight and the offers made for it, on every channel:
 * text and choices (Web Chat shows the choices as buttons, SMS and the terminal number them). Times are the
 * airports' local times with their offset. Pure: the clock is passed in.
 */

/** Rebooking offers shown at once; "later flights" shows the next ones. */
export const REBOOK_OFFERS_SHOWN = 3;

export const LATER_CHOICE: Choice = { value: 'disruption:later', label: 'Later flights' };

type RebookOffer = Extract<DisruptionOffer, { kind: 'rebook' }>;

/** "BA304 LHR–CDG" (a connection: "BA304 LHR–CDG + AF12 CDG–NCE"). */
export function flightsLabel(flights: readonly TravellerFlight[]): string {
  return flights.map((f) => `${f.flightNumber} ${f.from}–${f.to}`).join(' + ');
}

/** What happened to the booked flight, in one or two sentences. */
export function disruptionSituation(d: Disruption): string {
  const f = d.flight;
  const label = flightsLabel([f]);
  if (d.kind === 'cancellation')
    return (
      `Your flight ${label} (booking ${d.pnr}), due to leave at ${formatInstant(f.departureTime)}, ` +
      'has been cancelled.'
    );
  const departs = d.newDepartureTime ?? f.departureTime;
  const arrives = d.newArrivalTime ? `, arriving at ${formatInstant(d.newArrivalTime)}` : '';
  return (
    `Your flight ${label} (booking ${d.pnr}) is delayed: it now leaves at ${formatInstant(departs)}` +
    `${arrives} (it was due at ${formatLocalTime(f.departureTime)}).`
  );
}

/** The choice that picks an offer; its label can be typed ("BA306 18:05", "Full refund"). */
export function offerChoice(o: DisruptionOffer, d: Disruption): Choice {
  switch (o.kind) {
    case 'rebook': {
      const first = o.flights[0]!;
      const last = o.flights[o.flights.length - 1]!;
      const seats = o.seats.length ? `, seat${o.seats.length > 1 ? 's' : ''} ${o.seats.join(' ')}` : '';
      // Another day than the disrupted flight's is part of the label: "BA330 07:15 Wed 9 Dec".
      const day =
        first.departureTime.slice(0, 10) === d.flight.departureTime.slice(0, 10)
          ? ''
          : ` ${formatLocalDate(first.departureTime)}`;
      return {
        value: `offer:${o.id}`,
        label: `${o.flights.map((f) => f.flightNumber).join('+')} ${formatLocalTime(first.departureTime)}${day}`,
        description:
          `${flightsLabel(o.flights)}, leaves ${formatInstant(first.departureTime)}, arrives ` +
          `${formatLocalTime(last.arrivalTime)}${formatDayOffset(first.departureTime, last.arrivalTime)}` +
          `${seats}, no charge`,
      };
    }
    case 'refund':
      return {
        value: `offer:${o.id}`,
        label: 'Full refund',
        description: `${formatMoney(o.amount)} back to your card; the booking is cancelled`,
      };
    case 'keep':
      return {
        value: `offer:${o.id}`,
        label: 'Keep my flight',
        description: `stay on ${d.flight.flightNumber}, leaving at ${formatLocalTime(d.newDepartureTime ?? '')}`,
      };
  }
}

/** The rebooking offers of a disruption, in the service's order. */
export function rebookOffers(d: Disruption): RebookOffer[] {
  return d.offers.filter((o): o is RebookOffer => o.kind === 'rebook');
}

/** The offers on screen when the rebooking list starts at `from`: a page of flights, then keep and refund. */
export function offersShown(d: Disruption, from: number): DisruptionOffer[] {
  const rebook = rebookOffers(d).slice(from, from + REBOOK_OFFERS_SHOWN);
  return [...rebook, ...d.offers.filter((o) => o.kind !== 'rebook')];
}

/**
 * The situation and what the traveller may choose. `note` comes first (what just happened); `from` pages the
 * rebooking offers; `now` words how long the held seats stay held.
 */
export function disruptionMessage(d: Disruption, opts: { note?: string; from?: number; now?: Date } = {}): BotMessage {
  const from = opts.from ?? 0;
  const rebook = rebookOffers(d);
  const flights = rebook.length
    ? from > 0
      ? 'Here are later flights with free seats for you, at no charge.'
      : 'I can move you to another flight at no charge, with seats held for you.'
    : d.kind === 'cancellation'
      ? 'There is no other flight with free seats on this route today or tomorrow.'
      : '';
  const held =
    rebook.length && d.offersExpireAt ? ` The seats are held until ${expiryWords(d.offersExpireAt, opts.now)}.` : '';
  const choices = offersShown(d, from).map((o) => offerChoice(o, d));
  if (rebook.length > from + REBOOK_OFFERS_SHOWN) choices.splice(REBOOK_OFFERS_SHOWN, 0, LATER_CHOICE);
  const lead = from > 0 ? '' : `${disruptionSituation(d)} Sorry for the trouble. `;
  return {
    text:
      `${opts.note ? `${opts.note}\n` : ''}${lead}${flights}${held} What would you like to do? ` +
      'Pick one, or tell me (e.g. "the first one", "refund").',
    choices,
  };
}

/** "18:45 UTC on Tue 1 Dec (in 25 minutes)". */
function expiryWords(at: string, now?: Date): string {
  const inTime = now ? formatExpiry(at, now) : '';
  return inTime.startsWith('in ') && !inTime.includes('(') ? `${formatInstant(at)} (${inTime})` : formatInstant(at);
}

export const CONFIRM_YES: Choice = { value: 'yes', label: 'Yes, do it' };
export const CONFIRM_NO: Choice = { value: 'no', label: 'No, go back' };

/** What taking an offer will do, asked before it is done. */
export function confirmOfferMessage(d: Disruption, o: DisruptionOffer): BotMessage {
  if (o.kind === 'keep')
    return {
      text:
        `To confirm: you stay on ${d.flight.flightNumber}, now leaving at ` +
        `${formatInstant(d.newDepartureTime ?? d.flight.departureTime)}. After this the other options close ` +
        '(another flight, a refund). Shall I go ahead?',
      choices: [CONFIRM_YES, CONFIRM_NO],
    };
  const text =
    o.kind === 'rebook'
      ? `To confirm: I'll move booking ${d.pnr} from ${d.flight.flightNumber} to ${flightsLabel(o.flights)}, ` +
        `leaving at ${formatInstant(o.flights[0]!.departureTime)} and arriving at ` +
        `${formatInstant(o.flights[o.flights.length - 1]!.arrivalTime)}` +
        `${o.seats.length ? `, seat${o.seats.length > 1 ? 's' : ''} ${o.seats.join(', ')}` : ''}. ` +
        'There is nothing to pay, and you get a new e-ticket. Shall I go ahead?'
      : `To confirm: I'll cancel booking ${d.pnr} and refund ${formatMoney(o.amount)} in full to the card you ` +
        'paid with. This cannot be undone. Shall I go ahead?';
  return { text, choices: [CONFIRM_YES, CONFIRM_NO] };
}
