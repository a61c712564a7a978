import { boardingPassBlocks } from './boarding-pass';
import { cardChoices } from '../shared/choices';
import type { RenderOptions } from '../shared/options';
import { truncate } from '../shared/format';
import { renderText } from '../text/render';
import type { BotMessage, CardView } from '../types';
import {
  ActionIds,
  actions,
  choiceButton,
  esc,
  limitBlocks,
  SLACK_LIMITS,
  type SlackBlock,
  textSections,
} from './blocks';
import {
  articleBlocks,
  bookingBlocks,
  cancellationBlocks,
  confirmationBlocks,
  formBlocks,
  paymentLinkBlocks,
  reviewBlocks,
} from './booking';
import { fareOptionsBlocks, flightListBlocks, priceCalendarBlocks } from './flights';
import { seatMapBlocks } from './seat-map';

/** A Slack message: notification/fallback text and Block Kit blocks. */
export interface SlackRendering {
  text: string;
  blocks: SlackBlock[];
}

/** Blocks of a card view. */
export function slackCardBlocks(view: CardView, ids: ActionIds, opts: RenderOptions = {}): SlackBlock[] {
  switch (view.kind) {
    case 'flight_list':
      return flightListBlocks(view, ids);
    case 'price_calendar':
      return priceCalendarBlocks(view, ids);
    case 'fare_options':
      return fareOptionsBlocks(view, ids);
    case 'seat_map':
      return seatMapBlocks(view, ids);
    case 'passenger_form':
    case 'contact_form':
      return formBlocks(view);
    case 'review':
      return reviewBlocks(view);
    case 'payment_link':
      return paymentLinkBlocks(view, ids, opts);
    case 'confirmation':
      return confirmationBlocks(view, ids);
    case 'booking':
      return bookingBlocks(view, opts);
    case 'cancellation_quote':
      return cancellationBlocks(view, opts);
    case 'article':
      return articleBlocks(view, ids);
    case 'boarding_pass':
      return boardingPassBlocks(view, ids);
  }
}

/**
 * Slack rendering: the text as a section, the card's blocks, then a button per message choice the
 * card does not already offer (value = the choice value; the review's first choice is primary).
 * Stays within Block Kit limits (50 blocks, 25 elements per actions block, 75-char buttons).
 */
export function renderSlack(message: BotMessage, opts: RenderOptions = {}): SlackRendering {
  const ids = new ActionIds();
  const blocks: SlackBlock[] = [];
  if (message.text.trim()) blocks.push(...textSections(esc(message.text.trim()).split('\n')));
  if (message.card) blocks.push(...slackCardBlocks(message.card, ids, opts));
  const shown = new Set(cardChoices(message.card).map((c) => c.value));
  const rest = (message.choices ?? []).filter((c) => !shown.has(c.value));
  const primary = message.card?.kind === 'review';
  blocks.push(
    ...actions(rest.map((c, i) => choiceButton(ids, c.label, c.value, primary && i === 0 ? 'primary' : undefined))),
  );
  const fallback =
    message.text.trim() ||
    (renderText(message, opts)
      .split('\n')
      .find((l) => l.trim()) ??
      '');
  return { text: truncate(fallback, SLACK_LIMITS.sectionText), blocks: limitBlocks(blocks) };
}
