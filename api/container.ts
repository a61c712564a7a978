import type { Config } from './config/config';
import type { Db } from './db/db';
import type { Logger } from './logger';
import { BookingRepository } from './repositories/booking.repository';
import { FlightRepository } from './repositories/flight.repository';
import { OpsRepository } from './repositories/ops.repository';
import { ReferenceRepository } from './repositories/reference.repository';
import { SeatRepository } from './repositories/seat.repository';
import { EventDeliveryRepository } from './repositories/event-delivery.repository';
import { SeatChangeRepository } from './repositories/seat-change.repository';
import { SeatChangeSettlement } from './services/seat-change-settlement';
import { BagOrderRepository } from './repositories/bag-order.repository';
import { BagSettlement } from './services/bag-settlement';
import { BagsService } from './services/bags.service';
import { FlightChangeSettlement } from './services/flight-change-settlement';
import { FlightChangeService } from './services/flight-change.service';
import { FlightChangeRepository } from './repositories/flight-change.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { PaymentRepository } from './repositories/payment.repository';
import { ReportRepository } from './repositories/report.repository';
import { ReportRollupRepository } from './repositories/report-rollup.repository';
import { SupportRepository } from './repositories/support.repository';
import { SupportService } from './services/support.service';
import { HandoffService } from './services/handoff.service';
import { UserRepository } from './repositories/user.repository';
import { AccountLinkRepository } from './repositories/account-link.repository';
import { EmailCodeRepository } from './repositories/email-code.repository';
import { FaqRepository } from './repositories/faq.repository';
import { AccountLinksService } from './services/account-links.service';
import { BookingMailService } from './services/booking-mail.service';
import { HelpContentRepository } from './repositories/help-content.repository';
import { SearchCountRepository } from './repositories/search-count.repository';
import { SearchCounter } from './services/search-counter';
import { EmailVerificationService } from './services/email-verification.service';
import { FaqService } from './services/faq.service';
import { CancellationService } from './services/cancellation.service';
import { DomainEvents } from './services/domain-events';
import { MailService } from './services/mail.service';
import { PaymentService } from './services/payment.service';
import { RefundService } from './services/refund.service';
import { ReportService } from './services/report.service';
import { SignedLinks } from './services/signed-links';
import { TicketingService } from './services/ticketing.service';
import { join } from 'node:path';
import { FileOutboxMailer } from './vendors/mail/file-outbox.mailer';
import type { Mailer } from './vendors/mail/mailer';
import { SmtpMailer } from './vendors/mail/smtp.mailer';
import type { PaymentProvider } from './vendors/payments/payment-provider';
import { SandboxPaymentProvider } from './vendors/payments/sandbox.provider';
import { StripePaymentProvider } from './vendors/payments/stripe.provider';
import { PdfkitTicketRenderer } from './vendors/pdf/pdfkit-ticket-renderer';
import { Seeder } from './seed/seeder';
import { ReportRollupService } from './services/report-rollup.service';
import { AdminService } from './services/admin.service';
import { AuthService } from './services/auth.service';
import { BookingChangesService } from './services/booking-changes.service';
import { BookingService } from './services/booking.service';
import { BookingAccess } from './services/booking-access';
import { checkInServices } from './check-in-services';
import { disruptionServices } from './disruption-services';
import type { DisruptionService } from './services/disruption.service';
import { BoardingPassService } from './services/boarding-pass.service';
import type { CheckInService } from './services/check-in.service';
import type { ReminderService } from './services/reminder.service';
import { CheckInRepository } from './repositories/check-in.repository';
import { SpecialRequestRepository } from './repositories/special-request.repository';
import { BookingViews } from './services/booking-views';
import { HoldBatchRepository } from './repositories/hold-batch.repository';
import type { Clock } from './services/clock';
import { FareQuoter } from './services/fare-quote';
import { HoldSweeper } from './services/hold-sweeper';
import { RateLimitService } from './services/rate-limit.service';
import { ReferenceDataService } from './services/reference-data.service';
import { SearchService } from './services/search.service';
import { SeatMapService } from './services/seatmap.service';
import { SpecialRequestService } from './services/special-request.service';

/** Repositories: the only API code that reads or writes the database. */
export interface Repositories {
  reference: ReferenceRepository;
  flights: FlightRepository;
  seats: SeatRepository;
  seatChanges: SeatChangeRepository;
  bagOrders: BagOrderRepository;
  /** Segments and voided tickets of flight changes. */
  flightChanges: FlightChangeRepository;
  bookings: BookingRepository;
  users: UserRepository;
  ops: OpsRepository;
  payments: PaymentRepository;
  outbox: OutboxRepository;
  deliveries: EventDeliveryRepository;
  support: SupportRepository;
  faq: FaqRepository;
  emailCodes: EmailCodeRepository;
  accountLinks: AccountLinkRepository;
  reports: ReportRepository;
  checkIns: CheckInRepository;
  specialRequests: SpecialRequestRepository;
}

/** The booking domain's services, built once by the composition root and shared by HTTP and chat. */
export interface ApiServices {
  config: Config;
  log: Logger;
  db: Db;
  clock: Clock;
  repos: Repositories;
  seeder: Seeder;
  ref: ReferenceDataService;
  quoter: FareQuoter;
  search: SearchService;
  /** Flight searches per channel, for the conversation funnel (flushed by the workers). */
  searchCounter: SearchCounter;
  seatMaps: SeatMapService;
  /** The one access check for use cases that start from a booking reference. */
  bookingAccess: BookingAccess;
  /** Stored bookings rendered as views (no access check). */
  bookingViews: BookingViews;
  bookings: BookingService;
  bookingChanges: BookingChangesService;
  bags: BagsService;
  /** Changing the dates or flights of paid bookings. */
  flightChanges: FlightChangeService;
  auth: AuthService;
  admin: AdminService;
  reports: ReportService;
  /** Keeps the console reports' per-day summaries (run by the workers and before each summarised report). */
  reportRollup: ReportRollupService;
  rateLimits: RateLimitService;
  sweeper: HoldSweeper;
  events: DomainEvents;
  links: SignedLinks;
  paymentProvider: PaymentProvider;
  mailer: Mailer;
  mail: MailService;
  ticketing: TicketingService;
  refunds: RefundService;
  payments: PaymentService;
  cancellations: CancellationService;
  support: SupportService;
  /** Handing chats to support agents (cases opened from the chat, agents' actions on them). */
  handoff: HandoffService;
  faq: FaqService;
  emailVerification: EmailVerificationService;
  /** Forgot password, guest account claims and passwordless web sign-in by emailed one-time links. */
  accountLinks: AccountLinksService;
  /** A traveller's resend of a confirmation, masked for low-assurance access. */
  bookingMail: BookingMailService;
  /** Online check-in, boarding passes and the reminders (check-in open, hold ending). */
  checkIn: CheckInService;
  boardingPasses: BoardingPassService;
  reminders: ReminderService;
  /** Meals, wheelchair assistance and pets in the cabin (SSR codes) per passenger and flight. */
  specialRequests: SpecialRequestService;
  /** Delayed and cancelled flights: telling travellers, their offers and answers, the report. */
  disruptions: DisruptionService;
}

/** Vendors chosen by configuration: Stripe or the sandbox, SMTP or the file outbox. Tests may pass fakes. */
export interface Vendors {
  paymentProvider?: PaymentProvider;
  mailer?: Mailer;
}

export function buildRepositories(db: Db): Repositories {
  return {
    reference: new ReferenceRepository(db),
    flights: new FlightRepository(db),
    seats: new SeatRepository(db),
    seatChanges: new SeatChangeRepository(db),
    bagOrders: new BagOrderRepository(db),
    flightChanges: new FlightChangeRepository(db),
    bookings: new BookingRepository(db),
    users: new UserRepository(db),
    ops: new OpsRepository(db),
    payments: new PaymentRepository(db),
    outbox: new OutboxRepository(db),
    deliveries: new EventDeliveryRepository(db),
    support: new SupportRepository(db),
    faq: new FaqRepository(db),
    emailCodes: new EmailCodeRepository(db),
    accountLinks: new AccountLinkRepository(db),
    reports: new ReportRepository(db),
    checkIns: new CheckInRepository(db),
    specialRequests: new SpecialRequestRepository(db),
  };
}

export function buildApiServices(
  config: Config,
  db: Db,
  log: Logger,
  clock: Clock,
  vendors: Vendors = {},
): ApiServices {
  const repos = buildRepositories(db);
  const ref = new ReferenceDataService(repos.reference);
  const quoter = new FareQuoter(ref);
  const bookingAccess = new BookingAccess(repos.bookings);
  const bookingViews = new BookingViews({
    ref,
    flightRepo: repos.flights,
    seatRepo: repos.seats,
    paymentRepo: repos.payments,
    requestRepo: repos.specialRequests,
    bagOrderRepo: repos.bagOrders,
    clock,
  });
  const bookings = new BookingService({
    db,
    ref,
    flightRepo: repos.flights,
    seatRepo: repos.seats,
    bookingRepo: repos.bookings,
    // MySQL groups concurrent seat holds into shared transactions (fewer round trips per hold).
    holdBatchRepo: db.batches ? new HoldBatchRepository(db.batches) : null,
    quoter,
    bookingAccess,
    bookingViews,
    clock,
    holdMinutes: config.HOLD_MINUTES,
  });
  const events = new DomainEvents({
    db,
    outboxRepo: repos.outbox,
    deliveryRepo: repos.deliveries,
    clock,
    log,
    retry: { maxAttempts: config.EVENT_MAX_ATTEMPTS, baseMs: config.EVENT_RETRY_BASE_SECONDS * 1000, capMs: 3_600_000 },
  });
  const links = new SignedLinks(config.JWT_SECRET);
  const paymentProvider =
    vendors.paymentProvider ??
    (config.STRIPE_SECRET_KEY
      ? new StripePaymentProvider(config.STRIPE_SECRET_KEY, config.STRIPE_WEBHOOK_SECRET!)
      : new SandboxPaymentProvider(config.publicUrl));
  const mailer =
    vendors.mailer ??
    (config.SMTP_URL ? new SmtpMailer(config.SMTP_URL) : new FileOutboxMailer(join(config.DATA_DIR, 'outbox')));
  const brand = { name: config.BRAND_NAME, supportEmail: config.SUPPORT_EMAIL, supportPhone: config.SUPPORT_PHONE };
  const ticketing = new TicketingService({
    ref,
    flightRepo: repos.flights,
    bookingRepo: repos.bookings,
    paymentRepo: repos.payments,
    bookingAccess,
    bookingViews,
    renderer: new PdfkitTicketRenderer(),
    links,
    brand,
    publicUrl: config.publicUrl,
    clock,
  });
  const boardingPasses = new BoardingPassService({
    bookingRepo: repos.bookings,
    bookingViews,
    checkInRepo: repos.checkIns,
    links,
    brand,
    publicUrl: config.publicUrl,
    clock,
  });
  const mail = new MailService({
    db,
    outboxRepo: repos.outbox,
    bookingRepo: repos.bookings,
    bookingViews,
    ticketing,
    boardingPasses,
    mailer,
    settings: { from: config.MAIL_FROM, brand: config.BRAND_NAME, supportEmail: config.SUPPORT_EMAIL },
    clock,
    log,
  });
  const refunds = new RefundService({
    db,
    paymentRepo: repos.payments,
    bookingRepo: repos.bookings,
    provider: paymentProvider,
    mail,
    events,
    clock,
    log,
  });
  const flightChangeSettlement = new FlightChangeSettlement({
    flightRepo: repos.flights,
    seatRepo: repos.seats,
    bookingRepo: repos.bookings,
    seatChangeRepo: repos.seatChanges,
    flightChangeRepo: repos.flightChanges,
    bagOrderRepo: repos.bagOrders,
    ticketing,
    refunds,
    mail,
    events,
    clock,
  });
  const seatChangeSettlement = new SeatChangeSettlement({
    db,
    seatChangeRepo: repos.seatChanges,
    seatRepo: repos.seats,
    bookingRepo: repos.bookings,
    mail,
    events,
    clock,
    log,
    flightChanges: flightChangeSettlement,
  });
  const bagSettlement = new BagSettlement({
    db,
    bagOrderRepo: repos.bagOrders,
    bookingRepo: repos.bookings,
    mail,
    events,
    clock,
    log,
  });
  const payments = new PaymentService({
    db,
    ref,
    flightRepo: repos.flights,
    bookingRepo: repos.bookings,
    paymentRepo: repos.payments,
    seatRepo: repos.seats,
    bookingAccess,
    provider: paymentProvider,
    ticketing,
    refunds,
    seatChanges: seatChangeSettlement,
    bagOrders: bagSettlement,
    mail,
    events,
    clock,
    log,
    publicUrl: config.publicUrl,
  });
  const sweeper = new HoldSweeper({
    db,
    bookingRepo: repos.bookings,
    opsRepo: repos.ops,
    seatChanges: seatChangeSettlement,
    bagOrders: bagSettlement,
    events,
    clock,
    log,
  });
  // A hold that ends closes its payment pages, so nobody pays for seats no longer held.
  events.subscribe('booking.expired', 'close-payment-pages', (e) =>
    e.type === 'booking.expired' ? payments.closeSessionsFor(e.bookingId) : undefined,
  );
  events.subscribe('booking.cancelled', 'close-payment-pages', (e) =>
    e.type === 'booking.cancelled' ? payments.closeSessionsFor(e.bookingId) : undefined,
  );
  // A new price closes the links opened for the old one; a payment for an old price is returned and a new link sent.
  events.subscribe('booking.repriced', 'close-payment-pages', (e) =>
    e.type === 'booking.repriced' ? payments.closeStaleSessions(e.bookingId) : undefined,
  );
  // A seat change replaced or expired before its difference was paid closes its payment pages.
  events.subscribe('seat_change.closed', 'close-payment-pages', (e) =>
    e.type === 'seat_change.closed' ? payments.closeSeatChangeSessions(e.bookingId, e.seatChangeId) : undefined,
  );
  events.subscribe('bag_order.closed', 'close-payment-pages', (e) =>
    e.type === 'bag_order.closed' ? payments.closeBagOrderSessions(e.bookingId, e.bagOrderId) : undefined,
  );
  events.subscribe('payment.refunded_unbooked', 'renew-payment-link', (e) =>
    e.type === 'payment.refunded_unbooked' && e.reason === 'price_changed'
      ? payments.renewLink(e.bookingId)
      : undefined,
  );
  const auth = new AuthService(
    repos.users,
    {
      jwtSecret: config.JWT_SECRET,
      accessTokenMinutes: config.ACCESS_TOKEN_MINUTES,
      refreshTokenDays: config.REFRESH_TOKEN_DAYS,
    },
    clock,
  );
  const rateLimits = new RateLimitService(repos.ops, clock);
  const searchCounter = new SearchCounter(new SearchCountRepository(db), clock);
  const services: Omit<ApiServices, 'handoff'> = {
    config,
    log,
    db,
    clock,
    repos,
    seeder: new Seeder(repos.reference, repos.flights, repos.faq),
    ref,
    quoter,
    search: new SearchService({
      ref,
      flightRepo: repos.flights,
      seatRepo: repos.seats,
      quoter,
      clock,
      fallbackCurrency: config.DEFAULT_CURRENCY,
      counter: searchCounter,
    }),
    searchCounter,
    seatMaps: new SeatMapService({ ref, flightRepo: repos.flights, seatRepo: repos.seats, quoter, clock }),
    bookingAccess,
    bookingViews,
    bookings,
    bookingChanges: new BookingChangesService({
      db,
      ref,
      flightRepo: repos.flights,
      seatRepo: repos.seats,
      bookingRepo: repos.bookings,
      seatChangeRepo: repos.seatChanges,
      opsRepo: repos.ops,
      bookingAccess,
      bookingViews,
      payments,
      refunds,
      settlement: seatChangeSettlement,
      mail,
      events,
      clock,
      holdMinutes: config.HOLD_MINUTES,
    }),
    bags: new BagsService({
      db,
      ref,
      flightRepo: repos.flights,
      bookingRepo: repos.bookings,
      bagOrderRepo: repos.bagOrders,
      opsRepo: repos.ops,
      bookingAccess,
      bookingViews,
      payments,
      settlement: bagSettlement,
      mail,
      clock,
      linkMinutes: config.HOLD_MINUTES,
    }),
    flightChanges: new FlightChangeService({
      db,
      ref,
      flightRepo: repos.flights,
      seatRepo: repos.seats,
      bookingRepo: repos.bookings,
      seatChangeRepo: repos.seatChanges,
      bagOrderRepo: repos.bagOrders,
      bookingAccess,
      bookingViews,
      quoter,
      checkIns: repos.checkIns,
      payments,
      seatChanges: seatChangeSettlement,
      flightChanges: flightChangeSettlement,
      mail,
      clock,
      holdMinutes: config.HOLD_MINUTES,
    }),
    auth,
    admin: new AdminService({
      ref,
      flightRepo: repos.flights,
      bookingRepo: repos.bookings,
      opsRepo: repos.ops,
      bookingViews,
      events,
      clock,
    }),
    reports: new ReportService(repos.reports, clock),
    reportRollup: new ReportRollupService({ db, repo: new ReportRollupRepository(db) }),
    rateLimits,
    sweeper,
    events,
    links,
    paymentProvider,
    mailer,
    mail,
    ticketing,
    refunds,
    payments,
    support: new SupportService(repos.support, repos.ops, clock),
    cancellations: new CancellationService({
      db,
      bookingRepo: repos.bookings,
      flightRepo: repos.flights,
      seatRepo: repos.seats,
      paymentRepo: repos.payments,
      bagOrderRepo: repos.bagOrders,
      opsRepo: repos.ops,
      bookingAccess,
      bookingViews,
      refunds,
      mail,
      events,
      clock,
    }),
    faq: new FaqService({
      db,
      faqRepo: repos.faq,
      helpRepo: new HelpContentRepository(db),
      opsRepo: repos.ops,
      clock,
      settings: {
        holdMinutes: config.HOLD_MINUTES,
        supportEmail: config.SUPPORT_EMAIL,
        supportPhone: config.SUPPORT_PHONE,
        brand: config.BRAND_NAME,
      },
    }),
    emailVerification: new EmailVerificationService({
      db,
      emailCodeRepo: repos.emailCodes,
      userRepo: repos.users,
      auth,
      mail,
      rateLimits,
      clock,
    }),
    bookingMail: new BookingMailService({ bookingAccess, mail, rateLimits }),
    accountLinks: new AccountLinksService({
      db,
      linkRepo: repos.accountLinks,
      userRepo: repos.users,
      auth,
      mail,
      rateLimits,
      clock,
      publicUrl: config.publicUrl,
    }),
    boardingPasses,
    ...checkInServices(config, {
      db,
      repos,
      bookingAccess,
      bookingViews,
      boardingPasses,
      mail,
      events,
      payments,
      clock,
      log,
    }),
    ...disruptionServices(config, {
      db,
      repos,
      ref,
      bookingAccess,
      bookingViews,
      mail,
      refunds,
      ticketing,
      events,
      clock,
      log,
    }),
    specialRequests: new SpecialRequestService({
      db,
      ref,
      bookingAccess,
      requestRepo: repos.specialRequests,
      seatRepo: repos.seats,
      flightRepo: repos.flights,
      clock,
      petsPerFlight: config.PETS_IN_CABIN_PER_FLIGHT,
    }),
  };
  const handoff = new HandoffService({
    support: services.support,
    bookings,
    bookingChanges: services.bookingChanges,
    payments,
    cancellations: services.cancellations,
    ticketing,
    userRepo: repos.users,
    noAgentMinutes: config.HANDOFF_NO_AGENT_MINUTES,
  });
  return { ...services, handoff };
}
