import type { Config } from './config/config';
import type { Db } from './db/db';
import type { Logger } from './logger';
import type { Repositories } from './container';
import type { BoardingPassService } from './services/boarding-pass.service';
import type { BookingAccess } from './services/booking-access';
import type { BookingViews } from './services/booking-views';
import { CheckInService } from './services/check-in.service';
import type { Clock } from './services/clock';
import type { DomainEvents } from './services/domain-events';
import type { MailService } from './services/mail.service';
import type { PaymentService } from './services/payment.service';
import { ReminderService } from './services/reminder.service';

export interface CheckInServicesDeps {
  db: Db;
  repos: Repositories;
  bookingAccess: BookingAccess;
  bookingViews: BookingViews;
  boardingPasses: BoardingPassService;
  mail: MailService;
  events: DomainEvents;
  payments: PaymentService;
  clock: Clock;
  log: Logger;
}

/** Online check-in and the reminders, built for the container from the shared services. */
export function checkInServices(
  config: Config,
  d: CheckInServicesDeps,
): { checkIn: CheckInService; reminders: ReminderService } {
  const window = { opensHours: config.CHECKIN_OPENS_HOURS, closesMinutes: config.CHECKIN_CLOSES_MINUTES };
  const common = { db: d.db, checkInRepo: d.repos.checkIns, bookingViews: d.bookingViews, clock: d.clock, log: d.log };
  return {
    checkIn: new CheckInService({
      ...common,
      bookingAccess: d.bookingAccess,
      passes: d.boardingPasses,
      mail: d.mail,
      window,
    }),
    reminders: new ReminderService({
      ...common,
      bookingRepo: d.repos.bookings,
      events: d.events,
      mail: d.mail,
      payments: d.payments,
      window,
      holdReminderMinutes: config.HOLD_REMINDER_MINUTES,
    }),
  };
}
