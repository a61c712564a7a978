import type { CheckInWindowSettings } from '../domain/check-in';
import type { Db } from '../db/db';
import { isDomainError } from '../errors';
import type { Logger } from '../logger';
import type { BookingRepository } from '../repositories/booking.repository';
import type { CheckInRepository, DueReminder } from '../repositories/check-in.repository';
import type { BookingViews } from './booking-views';
import type { Clock } from './clock';
import type { DomainEvents } from './domain-events';
import type { MailService } from './mail.service';
import type { PaymentService } from './payment.service';

const BATCH = 100;
const REMINDER_ACTOR = { kind: 'system', name: 'hold-reminder' } as const;

export interface ReminderServiceDeps {
  db: Db;
  checkInRepo: CheckInRepository;
  bookingRepo: BookingRepository;
  bookingViews: BookingViews;
  events: DomainEvents;
  mail: Pick<MailService, 'enqueueCheckInReminder' | 'enqueueHoldReminder'>;
  payments: Pick<PaymentService, 'createLink'>;
  window: CheckInWindowSettings;
  /** A held booking is reminded this many minutes before its hold ends (HOLD_REMINDER_MINUTES, 5). */
  holdReminderMinutes: number;
  clock: Clock;
  log: Logger;
}

/**
 * Reminders the traveller did not ask for: "check-in is open" for each flight of a paid booking, and
 * "your hold ends soon" with the payment link. Every instance runs `runDue`; each reminder is claimed
 * by inserting its row under a unique key (kind, booking, flight) in the transaction that enqueues its
 * mail and publishes its event, so exactly one instance sends it, once. The event reaches the chat on
 * the channel the traveller booked on (bot/proactive.ts); the mail goes to the booking's contact.
 */
export class ReminderService {
  constructor(private readonly deps: ReminderServiceDeps) {}

  /** Sends what is due now; returns how many reminders this instance sent. */
  async runDue(): Promise<{ checkIn: number; hold: number }> {
    const now = this.deps.clock.now();
    const { window: w, checkInRepo } = this.deps;
    const checkInDue = await checkInRepo.dueCheckInReminders(
      new Date(now.getTime() + w.closesMinutes * 60_000),
      new Date(now.getTime() + w.opensHours * 3_600_000),
      BATCH,
    );
    let checkIn = 0;
    for (const due of checkInDue) if (await this.checkInReminder(due)) checkIn++;
    const holdDue = await checkInRepo.dueHoldReminders(
      now,
      new Date(now.getTime() + this.deps.holdReminderMinutes * 60_000),
      BATCH,
    );
    let hold = 0;
    for (const due of holdDue) if (await this.holdReminder(due)) hold++;
    return { checkIn, hold };
  }

  private async checkInReminder(due: DueReminder): Promise<boolean> {
    const agg = await this.deps.bookingRepo.findByPnr(due.pnr);
    if (!agg) return false;
    const view = await this.deps.bookingViews.render(agg, false);
    const f = view.flights.find((x) => x.flightId === due.flightId);
    if (!f) return false;
    return this.deps.db.transaction(async () => {
      if (!(await this.deps.checkInRepo.claimReminder('checkin', due.bookingId, due.flightId))) return false;
      const flight = { flightNumber: f.flightNumber, from: f.origin.code, to: f.destination.code };
      await this.deps.mail.enqueueCheckInReminder(due.pnr, due.contactEmail, {
        ...flight,
        flightId: f.flightId,
        departureTime: f.departureTime,
      });
      await this.deps.events.publish({
        type: 'checkin.opened',
        bookingId: due.bookingId,
        pnr: due.pnr,
        flightId: f.flightId,
        ...flight,
        departureTime: f.departureTime,
      });
      return true;
    });
  }

  private async holdReminder(due: DueReminder): Promise<boolean> {
    let link;
    try {
      // The open payment link when there is one (a new one otherwise), for the booking's current total.
      link = await this.deps.payments.createLink(due.pnr, REMINDER_ACTOR);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      this.deps.log.info(`hold reminder ${due.pnr} skipped: ${err.code}`);
      return false;
    }
    return this.deps.db.transaction(async () => {
      if (!(await this.deps.checkInRepo.claimReminder('hold', due.bookingId, 0))) return false;
      await this.deps.mail.enqueueHoldReminder(due.pnr, due.contactEmail, link.url, due.at);
      await this.deps.events.publish({
        type: 'booking.hold_ending',
        bookingId: due.bookingId,
        pnr: due.pnr,
        url: link.url,
        expiresAt: due.at.toISOString(),
      });
      return true;
    });
  }
}
