import type { Config } from './config/config';
import type { Db } from './db/db';
import type { Logger } from './logger';
import type { Repositories } from './container';
import { DisruptionRepository } from './repositories/disruption.repository';
import type { BookingAccess } from './services/booking-access';
import type { BookingViews } from './services/booking-views';
import type { Clock } from './services/clock';
import { DisruptionAnswers } from './services/disruption-answers';
import { DisruptionNotifier } from './services/disruption-notifier';
import { DisruptionOffers } from './services/disruption-offers';
import { DisruptionService } from './services/disruption.service';
import type { DomainEvents } from './services/domain-events';
import type { MailService } from './services/mail.service';
import type { ReferenceDataService } from './services/reference-data.service';
import type { RefundService } from './services/refund.service';
import type { TicketingService } from './services/ticketing.service';

export interface DisruptionServicesDeps {
  db: Db;
  repos: Repositories;
  ref: ReferenceDataService;
  bookingAccess: BookingAccess;
  bookingViews: BookingViews;
  mail: MailService;
  refunds: RefundService;
  ticketing: TicketingService;
  events: DomainEvents;
  clock: Clock;
  log: Logger;
}

/** Flight disruptions (README "Disruption"), built for the container from the shared services. */
export function disruptionServices(config: Config, d: DisruptionServicesDeps): { disruptions: DisruptionService } {
  const settings = {
    delayThresholdMinutes: config.DISRUPTION_DELAY_THRESHOLD_MINUTES,
    offerHoldMinutes: config.DISRUPTION_OFFER_HOLD_MINUTES,
    rebookOptions: config.DISRUPTION_REBOOK_OPTIONS,
  };
  const { repos, db, ref } = d;
  const disruptionRepo = new DisruptionRepository(db);
  const common = { db, ref, flightRepo: repos.flights, bookingRepo: repos.bookings, seatRepo: repos.seats };
  const offers = new DisruptionOffers({ ...common, paymentRepo: repos.payments });
  const brand = config.BRAND_NAME;
  const notifier = new DisruptionNotifier({
    ...common,
    disruptionRepo,
    offers,
    events: d.events,
    mail: d.mail,
    settings,
    brand,
    clock: d.clock,
    log: d.log,
  });
  const answers = new DisruptionAnswers({
    ...common,
    disruptionRepo,
    voidedTickets: repos.flightChanges,
    offers,
    bagOrderRepo: repos.bagOrders,
    refunds: d.refunds,
    ticketing: d.ticketing,
    mail: d.mail,
    events: d.events,
    brand,
    concurrency: Math.floor(config.DATABASE_POOL_SIZE / 2),
  });
  return {
    disruptions: new DisruptionService({
      db,
      ref,
      flightRepo: repos.flights,
      bookingRepo: repos.bookings,
      disruptionRepo,
      opsRepo: repos.ops,
      bookingAccess: d.bookingAccess,
      bookingViews: d.bookingViews,
      notifier,
      answers,
      refundDue: offers,
      settings,
      clock: d.clock,
    }),
  };
}
