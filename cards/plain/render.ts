import { boardingPassLines } from './boarding-pass';
import { cardChoices, numberedChoices } from '../shared/choices';
import { contactPrompt, passengerPrompt } from '../shared/forms';
import type { RenderOptions } from '../shared/options';
import type { BotMessage, CardView, Choice } from '../types';
import {
  articleLines,
  bookingLines,
  cancellationLines,
  confirmationLines,
  paymentLinkLines,
  reviewLines,
} from './booking';
import type { Flavour, Numbers } from './flavour';
import { fareOptionsLines, flightListLines, priceCalendarLines } from './flights';
import { seatMapLines } from './seat-map';

/** Views answered by typing (a seat, a name): their choices are the alternative. */
const TYPED_KINDS: ReadonlySet<CardView['kind']> = new Set(['seat_map', 'passenger_form', 'contact_form']);

/** Lines of a card view in a plain flavour; the card's own pickable items carry their numbers. */
export function cardLines(view: CardView, f: Flavour, numbers: Numbers, opts: RenderOptions = {}): string[] {
  switch (view.kind) {
    case 'flight_list':
      return flightListLines(view, f, numbers);
    case 'price_calendar':
      return priceCalendarLines(view, f, numbers);
    case 'fare_options':
      return fareOptionsLines(view, f, numbers);
    case 'seat_map':
      return seatMapLines(view, f);
    case 'passenger_form':
      return passengerPrompt(view, f.sms ? 'Reply with' : 'Type');
    case 'contact_form':
      return contactPrompt(view, f.sms ? 'Reply with' : 'Type');
    case 'review':
      return reviewLines(view, f);
    case 'payment_link':
      return paymentLinkLines(view, opts);
    case 'confirmation':
      return confirmationLines(view, f);
    case 'booking':
      return bookingLines(view, f, opts);
    case 'cancellation_quote':
      return cancellationLines(view, opts);
    case 'article':
      return articleLines(view);
    case 'boarding_pass':
      return boardingPassLines(view);
  }
}

/** "1. Label — description" (or "1) Label, description" in SMS). */
export function choiceLine(c: Choice, n: number, f: Flavour): string {
  const description = c.description ? `${f.sms ? ', ' : ' — '}${c.description}` : '';
  return `${f.num(n)} ${c.label}${description}`;
}

/**
 * A message as plain blocks (paragraphs of lines): its text, the card, then the numbered choices the
 * card did not already number; SMS ends with "Reply 1-5".
 */
export function plainBlocks(message: BotMessage, f: Flavour, opts: RenderOptions = {}): string[][] {
  const all = numberedChoices(message);
  const numbers: Numbers = new Map(all.map((c, i) => [c.value, i + 1]));
  const blocks: string[][] = [];
  if (message.text.trim()) blocks.push(message.text.trim().split('\n'));
  if (message.card) blocks.push(cardLines(message.card, f, numbers, opts));
  const own = cardChoices(message.card).length;
  const rest = all.slice(own).map((c, i) => choiceLine(c, own + i + 1, f));
  if (rest.length) blocks.push(rest);
  if (f.sms && all.length) {
    const or = message.card && TYPED_KINDS.has(message.card.kind) ? 'Or reply' : 'Reply';
    blocks.push([all.length === 1 ? `${or} 1` : `${or} 1-${all.length}`]);
  }
  return blocks;
}
