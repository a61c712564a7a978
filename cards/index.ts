/** Channel renderers for BotMessage: Adaptive Cards (Web Chat), Block Kit (Slack), plain text, SMS. */
export type { BotMessage, CardView, Choice, PassengerFormValues, Submission } from './types';
export type { RenderOptions } from './shared/options';

export { renderAdaptive, adaptiveCard, suggestedActions, type AdaptiveRendering } from './adaptive/render';
export { ADAPTIVE_CARD_CONTENT_TYPE, ADAPTIVE_CARD_VERSION, type AdaptiveCardJson } from './adaptive/schema';
export { SEAT_ROWS_PER_SECTION } from './adaptive/seat-map';
export { renderSlack, slackCardBlocks, type SlackRendering } from './slack/render';
export { SLACK_LIMITS, type SlackBlock } from './slack/blocks';
export { renderText } from './text/render';
export { renderSms, packMessages, SMS_MAX_CHARS } from './sms/render';
export { smsEncoding, toGsmFriendly, isGsmChar, type SmsEncoding } from './sms/gsm';

export { cardChoices, numberedChoices, extraChoices } from './shared/choices';
export {
  formatDuration,
  formatLocalTime,
  formatLocalDate,
  formatDayOffset,
  dayOffset,
  formatExpiry,
  formatInstant,
  parseLocal,
} from './shared/format';
export { offerTimes, offerRoute, offerStops, offerFlightNumbers, conditionLines } from './shared/describe';
export { seatGridLines } from './shared/seats';
