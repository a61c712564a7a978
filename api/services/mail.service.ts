import type { MailOutboxRow, SeatChangeMove } from '../domain/records';
import type { Db } from '../db/db';
import type { Logger } from '../logger';
import type { OutboxRepository } from '../repositories/outbox.repository';
import type { BookingRepository } from '../repositories/booking.repository';
import type { Money } from '../domain/types';
import type { Mailer } from '../vendors/mail/mailer';
import type { BookingAccessLevel } from './booking-access';
import type { BookingView } from './booking-view';
import type { BookingViews } from './booking-views';
import type { Clock } from './clock';
import type { TicketingService } from './ticketing.service';
import type { BoardingPassRef, BoardingPassService } from './boarding-pass.service';
import { bagOrderLinkMail, bagsAddedMail } from './bag-mails';
import type { BagsCarried } from './bag-carry-over';
import { boardingPassMail, checkInReminderMail, holdReminderMail } from './check-in-mails';
import {
  type FlightChangeLine,
  flightChangeLinkMail,
  flightChangeMail,
  type FlightChangeMoneyView,
} from './flight-change-mails';
import {
  accountLinkMail,
  cancellationMail,
  confirmationMail,
  type MailContent,
  otpMail,
  paymentReturnedMail,
  type MoveLine,
  renewedLinkMail,
  refundMail,
  seatChangeLinkMail,
  seatChangeMail,
} from './mail-templates';

const MAX_ATTEMPTS = 8;
const LEASE_MS = 60_000;

export interface MailSettings {
  from: string;
  brand: string;
  supportEmail: string;
}

export interface MailServiceDeps {
  db: Db;
  outboxRepo: OutboxRepository;
  bookingRepo: BookingRepository;
  bookingViews: BookingViews;
  /** Ticket links in the confirmation and the ticket PDF attached to it. */
  ticketing: Pick<TicketingService, 'renderPdf' | 'ticketUrl'>;
  /** Boarding passes: the mail after check-in and its PDF attachment. */
  boardingPasses: Pick<BoardingPassService, 'pass' | 'renderPdf'>;
  mailer: Mailer;
  settings: MailSettings;
  clock: Clock;
  log: Logger;
}

/**
 * Mail through a durable outbox: mails are enqueued inside the transaction that causes them (so a
 * crash between payment and sending loses none), each once per dedupe key, and a worker on every
 * instance sends what is due with retries and back-off. Attachments (the ticket PDF) are rendered at
 * send time.
 */
export class MailService {
  private readonly db: Db;
  private readonly outboxRepo: OutboxRepository;
  private readonly bookingRepo: BookingRepository;
  private readonly bookingViews: BookingViews;
  private readonly ticketing: MailServiceDeps['ticketing'];
  private readonly boardingPasses: MailServiceDeps['boardingPasses'];
  private readonly mailer: Mailer;
  private readonly settings: MailSettings;
  private readonly clock: Clock;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(deps: MailServiceDeps) {
    this.db = deps.db;
    this.outboxRepo = deps.outboxRepo;
    this.bookingRepo = deps.bookingRepo;
    this.bookingViews = deps.bookingViews;
    this.ticketing = deps.ticketing;
    this.boardingPasses = deps.boardingPasses;
    this.mailer = deps.mailer;
    this.settings = deps.settings;
    this.clock = deps.clock;
    this.log = deps.log;
  }

  /**
   * Once per booking by default; a resend passes its own key (each resend is a new mail). The mail and its
   * attached e-ticket show what `access` (of whoever caused the mail) may see: a resend asked for with a
   * last name is masked like the JSON, the PDF and the chat.
   */
  async enqueueConfirmation(
    pnr: string,
    to: string,
    dedupeKey = `confirmation:${pnr}`,
    access: BookingAccessLevel = 'full',
  ): Promise<void> {
    const agg = await this.bookingRepo.findByPnr(pnr);
    if (!agg) return;
    const masked = access === 'masked';
    const view = await this.bookingViews.render(agg, masked);
    const content = confirmationMail(view, this.ticketing.ticketUrl(pnr, access), this.settings.brand);
    await this.enqueue(dedupeKey, 'booking_confirmation', to, content, { ticketPdf: pnr, ...(masked && { masked }) });
  }

  async enqueueCancellation(
    pnr: string,
    to: string,
    refund: Money,
    rule: string,
    access: BookingAccessLevel = 'full',
  ): Promise<void> {
    const agg = await this.bookingRepo.findByPnr(pnr);
    if (!agg) return;
    const view = await this.bookingViews.render(agg, access === 'masked');
    await this.enqueue(
      `cancellation:${pnr}`,
      'booking_cancellation',
      to,
      cancellationMail(view, refund, rule, this.settings.brand),
    );
  }

  async enqueueRefundUpdate(
    pnr: string,
    to: string,
    refundId: number,
    refund: Money,
    succeeded: boolean,
  ): Promise<void> {
    await this.enqueue(
      `refund:${refundId}:${succeeded ? 'ok' : 'failed'}`,
      'refund_update',
      to,
      refundMail(pnr, refund, succeeded, this.settings.supportEmail, this.settings.brand),
    );
  }

  async enqueuePaymentReturned(
    pnr: string,
    to: string,
    amount: Money,
    reason: string,
    paymentId: number,
  ): Promise<void> {
    await this.enqueue(
      `payment-returned:${paymentId}`,
      'payment_returned',
      to,
      paymentReturnedMail(pnr, amount, reason, this.settings.brand),
    );
  }

  /** A payment link for the booking's current total, after a payment for an earlier price was returned. */
  async enqueueRenewedLink(
    pnr: string,
    to: string,
    link: { url: string; expiresAt: string; amount: Money },
    bookingId: number,
  ): Promise<void> {
    const agg = await this.bookingRepo.findByPnr(pnr);
    const view = agg ? await this.bookingViews.render(agg, false) : null;
    await this.enqueue(
      `renewed-link:${bookingId}:${link.url}`,
      'payment_link',
      to,
      renewedLinkMail(pnr, link, view ? travellerZone(view) : 'UTC', this.settings.brand),
    );
  }

  /** A seat change on a paid booking waits for its difference: the payment link, once per change. */
  async enqueueSeatChangeLink(
    pnr: string,
    to: string,
    change: { id: number; moves: SeatChangeMove[] },
    link: { url: string; expiresAt: string; amount: Money },
  ): Promise<void> {
    const agg = await this.bookingRepo.findByPnr(pnr);
    if (!agg) return;
    const view = await this.bookingViews.render(agg, false);
    await this.enqueue(
      `seat-change-link:${change.id}`,
      'seat_change_link',
      to,
      seatChangeLinkMail(pnr, moveLinesOf(view, change.moves), link, travellerZone(view), this.settings.brand),
    );
  }

  /**
   * Seats of a paid booking changed: the update, with the new e-ticket and receipt attached, showing what
   * `access` (of whoever changed them) may see, like a confirmation.
   */
  async enqueueSeatChange(
    pnr: string,
    to: string,
    change: { key: string; moves: SeatChangeMove[]; charged: Money; refund: Money; kept: Money },
    access: BookingAccessLevel = 'full',
  ): Promise<void> {
    await this.enqueueBookingUpdate(pnr, to, change.key, access, (view, ticketUrl) =>
      seatChangeMail(view, { ...change, moves: moveLinesOf(view, change.moves) }, ticketUrl, this.settings.brand),
    );
  }

  /** Bags asked for wait for their payment: the link, once per order (`lines` say which bags). */
  async enqueueBagOrderLink(
    pnr: string,
    to: string,
    order: { id: number; lines: string[] },
    link: { url: string; expiresAt: string; amount: Money },
  ): Promise<void> {
    const agg = await this.bookingRepo.findByPnr(pnr);
    if (!agg) return;
    const view = await this.bookingViews.render(agg, false);
    const content = bagOrderLinkMail(view, order.lines, link, this.settings.brand);
    await this.enqueue(`bag-order-link:${order.id}`, 'bag_order_link', to, content);
  }

  /** Extra checked bags were paid for: the updated e-ticket and receipt, once per order. */
  async enqueueBagsAdded(
    pnr: string,
    to: string,
    added: { key: string; charged: Money },
    access: BookingAccessLevel = 'full',
  ): Promise<void> {
    await this.enqueueBookingUpdate(pnr, to, added.key, access, (view, ticketUrl) =>
      bagsAddedMail(view, added.charged, ticketUrl, this.settings.brand),
    );
  }

  /** A flight change on a paid booking waits for its difference: the payment link, once per change. */
  async enqueueFlightChangeLink(
    pnr: string,
    to: string,
    change: { id: number; lines: FlightChangeLine[]; money: FlightChangeMoneyView },
    link: { url: string; expiresAt: string; amount: Money },
  ): Promise<void> {
    const agg = await this.bookingRepo.findByPnr(pnr);
    if (!agg) return;
    const view = await this.bookingViews.render(agg, false);
    const content = flightChangeLinkMail(
      pnr,
      change.lines,
      change.money,
      link,
      travellerZone(view),
      this.settings.brand,
    );
    await this.enqueue(`flight-change-link:${change.id}`, 'flight_change_link', to, content);
  }

  /**
   * The flights of a paid booking changed: the update with the reissued e-ticket and receipt attached, showing what
   * `access` (of whoever asked for the change) may see.
   */
  async enqueueFlightChange(
    pnr: string,
    to: string,
    change: {
      key: string;
      lines: FlightChangeLine[];
      money: FlightChangeMoneyView;
      voided: string[];
      bags?: BagsCarried;
    },
    access: BookingAccessLevel = 'full',
  ): Promise<void> {
    await this.enqueueBookingUpdate(pnr, to, change.key, access, (view, ticketUrl) =>
      flightChangeMail(view, change, ticketUrl, this.settings.brand),
    );
  }

  /**
   * A paid booking changed (seats, bags, flights): the update built from the booking as `access` may see it, with
   * the e-ticket and receipt attached; once per `key`.
   */
  private async enqueueBookingUpdate(
    pnr: string,
    to: string,
    key: string,
    access: BookingAccessLevel,
    build: (view: BookingView, ticketUrl: string) => MailContent,
  ): Promise<void> {
    const agg = await this.bookingRepo.findByPnr(pnr);
    if (!agg) return;
    const masked = access === 'masked';
    const view = await this.bookingViews.render(agg, masked);
    const content = build(view, this.ticketing.ticketUrl(pnr, access));
    await this.enqueue(key, 'booking_update', to, content, { ticketPdf: pnr, ...(masked && { masked }) });
  }

  /**
   * A disruption's mail (DisruptionService writes it: disruption-mails.ts), once per `dedupeKey`; with the booking's
   * e-ticket attached when `ticketPdf` names it (after a rebooking).
   */
  async enqueueDisruptionMail(dedupeKey: string, to: string, content: MailContent, ticketPdf?: string): Promise<void> {
    await this.enqueue(dedupeKey, 'disruption', to, content, ticketPdf ? { ticketPdf } : null);
  }

  /** One passenger's boarding pass for one flight, once, with the PDF attached. */
  async enqueueBoardingPass(ref: BoardingPassRef): Promise<void> {
    const agg = await this.bookingRepo.findByPnr(ref.pnr);
    if (!agg) return;
    const content = boardingPassMail(await this.boardingPasses.pass(ref), this.settings.brand);
    const key = `boarding-pass:${ref.pnr}:${ref.flightId}:${ref.passenger}`;
    await this.enqueue(key, 'boarding_pass', agg.booking.contactEmail, content, { boardingPass: ref });
  }

  /** "Check-in is open", once per booking and flight. */
  async enqueueCheckInReminder(
    pnr: string,
    to: string,
    flight: { flightId: number; flightNumber: string; from: string; to: string; departureTime: string },
  ): Promise<void> {
    const content = checkInReminderMail(pnr, flight, this.settings.brand);
    await this.enqueue(`checkin-reminder:${pnr}:${flight.flightId}`, 'checkin_reminder', to, content);
  }

  /** "Your hold ends soon", once per booking, with the payment link. */
  async enqueueHoldReminder(pnr: string, to: string, payUrl: string, expiresAt: Date): Promise<void> {
    const content = holdReminderMail(pnr, payUrl, expiresAt, this.settings.brand);
    await this.enqueue(`hold-reminder:${pnr}`, 'hold_reminder', to, content);
  }

  /** A one-time code for email verification in the chat (a fresh dedupe key per code). */
  async enqueueOtp(to: string, code: string, requestId: string): Promise<void> {
    await this.enqueue(`otp:${requestId}`, 'otp', to, otpMail(code, this.settings.brand));
  }

  /** A one-time account link (forgot password, sign-in); a fresh dedupe key per link. */
  async enqueueAccountLink(to: string, purpose: 'reset' | 'signin', url: string, minutes: number, id: string) {
    await this.enqueue(
      `account-link:${id}`,
      `account_${purpose}`,
      to,
      accountLinkMail(purpose, url, minutes, this.settings.brand),
    );
  }

  private async enqueue(
    dedupeKey: string,
    kind: string,
    to: string,
    c: MailContent,
    attachments: MailOutboxRow['attachments'] = null,
  ): Promise<void> {
    const fresh = await this.outboxRepo.enqueueMail(
      { dedupeKey, kind, toAddress: to, subject: c.subject, bodyText: c.text, bodyHtml: c.html, attachments },
      this.clock.now(),
    );
    if (fresh) this.db.afterCommit(() => this.kick());
  }

  /** Sends every due mail once; returns how many were sent. */
  sendDue(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    let sent = 0;
    for (const m of await this.outboxRepo.dueMail(this.clock.now(), 50)) {
      if (!(await this.outboxRepo.claimMail(m.id, this.clock.now(), LEASE_MS))) continue;
      try {
        const attachments = await this.attachmentsOf(m);
        await this.mailer.send({
          outboxId: m.id,
          from: this.settings.from,
          to: m.toAddress,
          subject: m.subject,
          text: m.bodyText,
          html: m.bodyHtml ?? undefined,
          attachments,
        });
        await this.outboxRepo.updateMail(m.id, { status: 'sent', sentAt: this.clock.now(), lastError: null });
        sent++;
      } catch (err) {
        const attempts = m.attempts + 1;
        const final = attempts >= MAX_ATTEMPTS;
        const delayMs = Math.min(6 * 3_600_000, 30_000 * 4 ** Math.min(attempts - 1, 6));
        this.log.warn(`mail ${m.id} (${m.kind}) attempt ${attempts} failed${final ? '; giving up' : ''}`, { err });
        await this.outboxRepo.updateMail(m.id, {
          status: final ? 'failed' : 'pending',
          nextAttemptAt: new Date(this.clock.now().getTime() + delayMs),
          lastError: (err instanceof Error ? err.message : String(err)).slice(0, 500),
        });
      }
    }
    return sent;
  }

  /** The files a mail carries, rendered now (the e-ticket, a boarding pass). */
  private async attachmentsOf(m: MailOutboxRow) {
    const pnr = m.attachments?.ticketPdf;
    const pass = m.attachments?.boardingPass;
    const pdf = 'application/pdf';
    if (pnr)
      return [
        {
          filename: `e-ticket-${pnr}.pdf`,
          content: await this.ticketing.renderPdf(pnr, m.attachments?.masked ? 'masked' : 'full'),
          contentType: pdf,
        },
      ];
    if (pass) {
      const filename = `boarding-pass-${pass.pnr}-${pass.flightId}-${pass.passenger + 1}.pdf`;
      return [{ filename, content: await this.boardingPasses.renderPdf(pass), contentType: pdf }];
    }
    return undefined;
  }

  kick(): void {
    setImmediate(() => void this.sendDue().catch((err: unknown) => this.log.error('mail worker failed', { err })));
  }

  start(intervalMs = 5000): void {
    this.kick();
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** The zone a traveller's times are shown in by mail: where the journey starts. */
function travellerZone(b: BookingView): string {
  return b.flights[0]?.origin.timeZone ?? 'UTC';
}

function moveLinesOf(b: BookingView, moves: SeatChangeMove[]): MoveLine[] {
  return moves.map((m) => {
    const p = b.passengers.find((x) => x.index === m.passenger);
    return {
      passenger: p ? `${p.firstName} ${p.lastName}` : `Passenger ${m.passenger + 1}`,
      from: m.from,
      to: m.to,
      flight: b.flights.find((f) => f.flightId === m.flightId)?.flightNumber ?? String(m.flightId),
    };
  });
}
