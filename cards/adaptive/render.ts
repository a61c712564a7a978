import type { Attachment, CardAction } from 'botframework-schema';
import { CARD_ACTION_KINDS, extraChoices } from '../shared/choices';
import type { RenderOptions } from '../shared/options';
import type { BotMessage, CardView, Choice } from '../types';
import {
  articleCard,
  bookingCard,
  cancellationQuoteCard,
  confirmationCard,
  paymentLinkCard,
  reviewCard,
} from './booking';
import { boardingPassCard } from './boarding-pass';
import { fareOptionsCard, flightListCard, priceCalendarCard } from './flights';
import { contactFormCard, passengerFormCard } from './forms';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCardJson } from './schema';
import { seatMapCard } from './seat-map';

/** What a Bot Framework activity for Web Chat carries. */
export interface AdaptiveRendering {
  text: string;
  attachments: Attachment[];
  suggestedActions?: { actions: CardAction[] };
}

/** The Adaptive Card for a card view (`choices` are the message's, shown by decision cards). */
export function adaptiveCard(view: CardView, choices: Choice[] = [], opts: RenderOptions = {}): AdaptiveCardJson {
  switch (view.kind) {
    case 'flight_list':
      return flightListCard(view);
    case 'price_calendar':
      return priceCalendarCard(view);
    case 'fare_options':
      return fareOptionsCard(view);
    case 'seat_map':
      return seatMapCard(view);
    case 'passenger_form':
      return passengerFormCard(view);
    case 'contact_form':
      return contactFormCard(view);
    case 'review':
      return reviewCard(view, choices);
    case 'payment_link':
      return paymentLinkCard(view, opts);
    case 'confirmation':
      return confirmationCard(view);
    case 'booking':
      return bookingCard(view, choices, opts);
    case 'cancellation_quote':
      return cancellationQuoteCard(view, choices, opts);
    case 'article':
      return articleCard(view);
    case 'boarding_pass':
      return boardingPassCard(view);
  }
}

/** imBack suggested actions: tapping one sends its label as the traveller's message. */
export function suggestedActions(choices: Choice[]): { actions: CardAction[] } | undefined {
  if (choices.length === 0) return undefined;
  return { actions: choices.map((c) => ({ type: 'imBack', title: c.label, value: c.label })) };
}

/**
 * Web Chat rendering: the text, one Adaptive Card per card view, and the message's choices the card
 * does not show as suggested actions.
 */
export function renderAdaptive(message: BotMessage, opts: RenderOptions = {}): AdaptiveRendering {
  const attachments: Attachment[] = [];
  const inCard = message.card && CARD_ACTION_KINDS.has(message.card.kind) ? (message.choices ?? []) : [];
  if (message.card)
    attachments.push({ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: adaptiveCard(message.card, inCard, opts) });
  const suggested = suggestedActions(extraChoices(message));
  return { text: message.text, attachments, ...(suggested ? { suggestedActions: suggested } : {}) };
}
