import { BookingWatchEntity, ConversationRefEntity } from './conversation-refs.entities';
import { SLACK_ENTITIES } from './channels/slack/slack.entities';
import { SMS_ENTITIES } from './channels/sms/sms.entities';
import { DlActivityEntity, DlConversationEntity } from './directline/directline.entities';
import { BotStateEntity } from './storage/bot-state.entities';

/**
 * The bot's own tables (bot state, conversation references, Direct Line, SMS, Slack), each defined next to
 * the repository that uses it. The API does not know them: the composition root passes this list to
 * `openDatabase` so that one data source serves both. Their schema, like the API's, comes from migrations/.
 */
export const BOT_ENTITIES = [
  BotStateEntity,
  DlConversationEntity,
  DlActivityEntity,
  ConversationRefEntity,
  BookingWatchEntity,
  ...SMS_ENTITIES,
  ...SLACK_ENTITIES,
];
