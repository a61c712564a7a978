import { formatMoney } from '../../api/domain/money';
import type { BotMessage, CardView, Choice } from '../types';
import { formatLocalDate } from './format';
import { fromPrice, offerFlightNumbers, offerRoute, offerTimes } from './describe';

/** Card kinds whose `message.choices` are shown as buttons inside the card (the card is the decision). */
export const CARD_ACTION_KINDS: ReadonlySet<CardView['kind']> = new Set(['review', 'cancellation_quote', 'booking']);

/** The things a card lets the traveller pick (offers, dates, fares, "more"), as choices, in card order. */
export function cardChoices(card: CardView | undefined): Choice[] {
  if (!card) return [];
  switch (card.kind) {
    case 'flight_list': {
      const offers = card.offers.map(({ offer, choice }) => ({
        value: choice,
        label: `${offerTimes(offer)} ${offerRoute(offer)} ${offerFlightNumbers(offer)}`,
        description: fromPrice(offer.lowestPrice),
      }));
      return card.more ? [...offers, { value: card.more, label: moreFlightsLabel(card) }] : offers;
    }
    case 'price_calendar':
      return card.days.flatMap((d) =>
        d.choice
          ? [
              {
                value: d.choice,
                label: formatLocalDate(d.date),
                ...(d.lowestPrice ? { description: formatMoney(d.lowestPrice) } : {}),
              },
            ]
          : [],
      );
    case 'fare_options':
      return card.fares.map(({ fare, choice }) => ({
        value: choice,
        label: fare.name,
        description: formatMoney(fare.price),
      }));
    default:
      return [];
  }
}

/**
 * Everything a traveller can pick by number in text channels: the card's own items first, then the
 * message's choices not already among them. "3" typed in SMS or the terminal means
 * `numberedChoices(message)[2]`.
 */
export function numberedChoices(message: BotMessage): Choice[] {
  const own = cardChoices(message.card);
  const seen = new Set(own.map((c) => c.value));
  return [...own, ...(message.choices ?? []).filter((c) => !seen.has(c.value))];
}

/** The message's choices that a card (web chat) does not already show: they become suggested actions. */
export function extraChoices(message: BotMessage): Choice[] {
  const card = message.card;
  if (card && CARD_ACTION_KINDS.has(card.kind)) return [];
  const shown = new Set(cardChoices(card).map((c) => c.value));
  return (message.choices ?? []).filter((c) => !shown.has(c.value));
}

/** "More flights (10 of 16 shown)": counting the offers of earlier pages too. */
export function moreFlightsLabel(v: { offers: unknown[]; total: number; shown?: number }): string {
  return `More flights (${v.shown ?? v.offers.length} of ${v.total} shown)`;
}
