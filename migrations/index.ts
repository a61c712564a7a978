import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Payments1764000100000 } from './1764000100000-payments';
import { BotRuntime1764000200000 } from './1764000200000-bot-runtime';
import { FaqEmailCodes1764000300000 } from './1764000300000-faq-email-codes';
import { Conversations1764000400000 } from './1764000400000-conversations';
import { SupportCases1764000500000 } from './1764000500000-support-cases';
import { Sms1764000600000 } from './1764000600000-sms';
import { Slack1764000700000 } from './1764000700000-slack';
import { SearchIndexes1764000800000 } from './1764000800000-search-indexes';
import { SeatTakenIndex1764000900000 } from './1764000900000-seat-taken-index';
import { ReportIndexes1764001000000 } from './1764001000000-report-indexes';
import { Console1764001100000 } from './1764001100000-console';
import { PassengerSeatNeeds1764001130000 } from './1764001130000-passenger-seat-needs';
import { SessionRevocation1764011100000 } from './1764011100000-session-revocation';
import { ConversationLeases1764012180000 } from './1764012180000-conversation-leases';
import { SeatChanges1764012400000 } from './1764012400000-seat-changes';
import { CheckIn1764018100000 } from './1764018100000-check-in';
import { EventDeliveries1764018200000 } from './1764018200000-event-deliveries';
import { ConsoleHelpFunnel1764018300000 } from './1764018300000-console-help-funnel';
import { AccountLinks1764018400000 } from './1764018400000-account-links';
import { SpecialRequests1764019300000 } from './1764019300000-special-requests';
import { SeatChangeAccess1764019400000 } from './1764019400000-seat-change-access';
import { FlightChanges1764020100000 } from './1764020100000-flight-changes';
import { CheckedBags1764020200000 } from './1764020200000-checked-bags';
import { SegmentLegs1764020300000 } from './1764020300000-segment-legs';
import { Disruptions1764020400000 } from './1764020400000-disruptions';
import { ReportRollups1764020600000 } from './1764020600000-report-rollups';

/** All migrations in order. The schema comes only from these (synchronize is off), on SQLite and MySQL. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Payments1764000100000,
  BotRuntime1764000200000,
  FaqEmailCodes1764000300000,
  Conversations1764000400000,
  SupportCases1764000500000,
  Sms1764000600000,
  Slack1764000700000,
  SearchIndexes1764000800000,
  SeatTakenIndex1764000900000,
  ReportIndexes1764001000000,
  Console1764001100000,
  PassengerSeatNeeds1764001130000,
  SessionRevocation1764011100000,
  ConversationLeases1764012180000,
  SeatChanges1764012400000,
  CheckIn1764018100000,
  EventDeliveries1764018200000,
  ConsoleHelpFunnel1764018300000,
  AccountLinks1764018400000,
  SpecialRequests1764019300000,
  SeatChangeAccess1764019400000,
  FlightChanges1764020100000,
  CheckedBags1764020200000,
  SegmentLegs1764020300000,
  Disruptions1764020400000,
  ReportRollups1764020600000,
];
