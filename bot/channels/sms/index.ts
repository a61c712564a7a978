export { keywordTexts, smsKeyword, type SmsKeyword } from './keywords';
export {
  E164,
  logSafePhone,
  SMS_CHANNEL_ID,
  SMS_SERVICE_URL,
  SmsAdapter,
  type SmsAdapterOptions,
  type SmsAdapterStore,
} from './sms.adapter';
export {
  createSmsChannel,
  SMS_INBOUND_PATH,
  SMS_STATUS_PATH,
  smsSettings,
  type SmsChannel,
  type SmsChannelDeps,
  type SmsChannelOptions,
  type SmsConfig,
  type SmsChannelParts,
  type SmsSettings,
} from './sms.channel';
export { SmsRepository, statusRank } from './sms.repository';
export { type SmsSender, TWILIO_UNSUBSCRIBED, TwilioSender, twilioErrorCode } from './twilio-sender';
