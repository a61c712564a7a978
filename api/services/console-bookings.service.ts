import { randomUUID } from 'node:crypto';
import { maskTranscriptText } from '../domain/console-mask';
import type { Money } from '../domain/types';
import { conflict, notFound } from '../errors';
import type { BookingRepository } from '../repositories/booking.repository';
import type { BookingQuery, ConsoleBookingsRepository } from '../repositories/console-bookings.repository';
import type { InnerAuditEntry } from '../db/audit-scope';
import type { ConsoleAuditRepository } from '../repositories/console-audit.repository';
import type { Actor } from './actor';
import type { BookingService } from './booking.service';
import type { BookingChangesService, SeatChange } from './booking-changes.service';
import type { BookingView } from './booking-view';
import type { BookingViews } from './booking-views';
import type { CancellationQuote, CancellationService } from './cancellation.service';
import type { Clock } from './clock';
import type { ConsoleAccess } from './console-access';
import { type AuditView, auditView, type ConsoleAuditService, type RequestOrigin } from './console-audit.service';
import type { MailService } from './mail.service';

export interface BookingHit {
  pnr: string;
  status: string;
  createdAt: string;
  leadPassenger: string | null;
  email: string;
  route: string;
  firstDeparture: string | null;
  total: Money;
  channel: string | null;
}

export interface TranscriptLine {
  author: string;
  text: string;
  at: string;
}

/** Everything staff need on one booking's page. */
export interface ConsoleBookingPage {
  booking: BookingView;
  channel: string | null;
  payments: { id: number; provider: string; amount: Money; status: string; paidAt: string | null; createdAt: string }[];
  refunds: {
    id: number;
    amount: Money;
    status: string;
    reason: string;
    failureReason: string | null;
    updatedAt: string;
  }[];
  emails: { kind: string; subject: string; to: string; status: string; sentAt: string | null; createdAt: string }[];
  conversations: {
    caseId: number;
    channelId: string;
    status: string;
    createdAt: string;
    transcript: TranscriptLine[];
  }[];
  history: AuditView[];
}

/** What the seat-change service answers (today the booking; a payment link or refund may come with it). */
export type SeatChangeResult = Awaited<ReturnType<BookingChangesService['changeSeats']>>;

export interface ConsoleBookingsServiceDeps {
  bookingChanges: BookingChangesService;
  access: ConsoleAccess;
  audit: ConsoleAuditService;
  auditRepo: ConsoleAuditRepository;
  bookings: BookingService;
  bookingRepo: BookingRepository;
  bookingViews: BookingViews;
  consoleRepo: ConsoleBookingsRepository;
  cancellations: CancellationService;
  mail: MailService;
  clock: Clock;
}

const PNR = /^[2-9A-HJKMNP-Z]{6}$/;
const FLIGHT = /^([A-Z0-9]{2})\s?(\d{1,4})$/;

/** Reads what staff typed: a booking reference, an email, a phone number, a flight number, or names. */
export function readBookingQuery(raw: string): BookingQuery | null {
  const q = raw.trim();
  if (!q) return null;
  const upper = q.toUpperCase();
  if (PNR.test(upper) && /\d/.test(upper)) return { kind: 'pnr', pnr: upper };
  if (q.includes('@')) return { kind: 'email', email: q.toLowerCase() };
  const flight = FLIGHT.exec(upper);
  if (flight && /[A-Z]/.test(flight[1]!)) return { kind: 'flight', airline: flight[1]!, number: Number(flight[2]) };
  const digits = q.replace(/[\s().+-]/g, '');
  if (/^\d{5,}$/.test(digits)) return { kind: 'phone', digits };
  if (PNR.test(upper)) return { kind: 'pnr', pnr: upper };
  return { kind: 'name', words: q.toLowerCase().split(/\s+/).slice(0, 4) };
}

/**
 * Bookings in the console: search, one booking's page, and the actions agents take on it. Every action goes
 * through the same services as the API and the chat (access checks, rules, outboxes) as the staff member, and
 * is written to the audit log in the same transaction.
 */
export class ConsoleBookingsService {
  constructor(private readonly deps: ConsoleBookingsServiceDeps) {}

  async search(actor: Actor, q: { q?: string; date?: string; limit: number }): Promise<BookingHit[]> {
    await this.deps.access.staff(actor);
    const query = readBookingQuery(q.q ?? '');
    const rows = await this.deps.consoleRepo.search(query, q.date, q.limit);
    const aggs = await this.deps.bookingRepo.loadMany(rows);
    const views = await Promise.all(aggs.map((a) => this.deps.bookingViews.render(a, false)));
    return views.map((v, i) => ({
      pnr: v.pnr,
      status: v.status,
      createdAt: v.createdAt,
      leadPassenger: v.passengers[0] ? `${v.passengers[0].firstName} ${v.passengers[0].lastName}` : null,
      email: v.contact.email,
      route: v.flights.map((f) => `${f.origin.code}-${f.destination.code}`).join(', '),
      firstDeparture: v.flights[0]?.departureTime ?? null,
      total: v.price.total,
      channel: rows[i]?.channel ?? null,
    }));
  }

  async page(actor: Actor, pnr: string): Promise<ConsoleBookingPage> {
    const staff = await this.deps.access.staff(actor);
    const booking = await this.deps.bookings.get(pnr, staff.actor);
    const agg = await this.deps.bookingRepo.findByPnr(booking.pnr);
    if (!agg) throw notFound('booking_not_found', `There is no booking ${pnr}.`);
    const r = await this.deps.consoleRepo.records(agg.booking.id, booking.pnr);
    const role = staff.isAdmin ? 'admin' : 'agent';
    return {
      booking,
      channel: agg.booking.channel,
      payments: r.payments.map((p) => ({
        id: p.id,
        provider: p.provider,
        amount: { amount: p.amount, currency: p.currency },
        status: p.status,
        paidAt: p.paidAt?.toISOString() ?? null,
        createdAt: p.createdAt.toISOString(),
      })),
      refunds: r.refunds.map((f) => ({
        id: f.id,
        amount: { amount: f.amount, currency: f.currency },
        status: f.status,
        reason: f.reason,
        failureReason: f.failureReason,
        updatedAt: f.updatedAt.toISOString(),
      })),
      emails: r.emails.map((m) => ({
        kind: m.kind,
        subject: m.subject,
        to: m.toAddress,
        status: m.status,
        sentAt: m.sentAt?.toISOString() ?? null,
        createdAt: m.createdAt.toISOString(),
      })),
      conversations: r.cases.map((c) => ({
        caseId: c.id,
        channelId: c.channelId,
        status: c.status,
        createdAt: c.createdAt.toISOString(),
        transcript: c.messages.map((m) => ({
          author: m.author,
          text: maskTranscriptText(m.text, role),
          at: m.createdAt.toISOString(),
        })),
      })),
      history: (await this.deps.auditRepo.page({ entityType: 'booking', entityId: booking.pnr }, undefined, 50)).map(
        auditView,
      ),
    };
  }

  /** A new copy of the confirmation (with the e-ticket) to the booking's contact address. */
  async resendConfirmation(actor: Actor, origin: RequestOrigin, pnr: string): Promise<{ to: string }> {
    const staff = await this.deps.access.staff(actor);
    const booking = await this.deps.bookings.get(pnr, staff.actor);
    if (booking.status !== 'confirmed')
      throw conflict('not_ticketed', 'Only a paid booking has a confirmation to resend.');
    const subject = { action: 'booking.confirmation_resent', entityType: 'booking', entityId: booking.pnr };
    return this.deps.audit.audited(staff, origin, subject, async () => {
      const to = booking.contact.email;
      await this.deps.mail.enqueueConfirmation(booking.pnr, to, `confirmation-resend:${booking.pnr}:${randomUUID()}`);
      return { result: { to }, after: { to } };
    });
  }

  /** A cancellation quote; staff may waive the fee (the cancellation rules say when, and a reason is required). */
  async quote(
    actor: Actor,
    origin: RequestOrigin,
    pnr: string,
    opts: { waiveFee: boolean; reason?: string },
  ): Promise<CancellationQuote> {
    const staff = await this.deps.access.staff(actor);
    const subject = {
      action: opts.waiveFee ? 'booking.cancellation_quoted_fee_waived' : 'booking.cancellation_quoted',
      entityType: 'booking',
      entityId: pnr,
      reason: opts.reason ?? null,
    };
    return this.deps.audit.audited(staff, origin, subject, async () => {
      const quote = await this.deps.cancellations.quote(pnr, staff.actor, opts);
      return { result: quote, after: { ...quote } };
    });
  }

  async cancel(actor: Actor, origin: RequestOrigin, pnr: string, quoteId: string): Promise<BookingView> {
    const staff = await this.deps.access.staff(actor);
    const subject = { action: 'booking.cancelled', entityType: 'booking', entityId: pnr };
    return this.deps.audit.audited(staff, origin, subject, async () => {
      const before = await this.deps.bookings.get(pnr, staff.actor);
      const after = await this.deps.cancellations.cancel(pnr, staff.actor, quoteId);
      return {
        result: after,
        before: { status: before.status },
        after: { status: after.status, refund: after.refund },
        data: { quoteId },
      };
    });
  }

  /**
   * Moves passengers to other seats through the same service as the API and the chat (its rules and prices
   * apply); whatever it returns (the booking, and any payment link or refund for a difference) comes back as is.
   */
  async changeSeats(
    actor: Actor,
    origin: RequestOrigin,
    pnr: string,
    changes: SeatChange[],
  ): Promise<SeatChangeResult> {
    const staff = await this.deps.access.staff(actor);
    const subject = { action: 'booking.seats_changed', entityType: 'booking', entityId: pnr };
    const before = await this.deps.bookings.get(pnr, staff.actor);
    const seats = Object.fromEntries(before.passengers.map((p, i) => [i, { ...p.seats }]));
    // Audited in the seat-change service's own transaction: a difference's payment link is made after it commits.
    return this.deps.audit.auditedAtChange(
      staff,
      origin,
      subject,
      (service) => ({ before: { seats }, after: seatsAfter(seats, service), data: { changes } }),
      () => this.deps.bookingChanges.changeSeats(pnr, staff.actor, changes),
    );
  }
}

/**
 * The seats after a change as the seat-change service audited it (its `changes`, and `seatChange` with the money
 * side on a paid booking). A change waiting for its difference has moved nothing yet. Null: nothing changed.
 */
function seatsAfter(
  before: Record<string, Record<string, string>>,
  service: InnerAuditEntry | null,
): Record<string, unknown> | null {
  if (!service) return null;
  const seatChange = service.data?.seatChange as { status?: string } | undefined;
  const after = structuredClone(before);
  if (seatChange?.status !== 'awaiting_payment')
    for (const c of (service.data?.changes ?? []) as SeatChange[])
      after[c.passenger] = { ...after[c.passenger], [c.flightId]: c.designator };
  return { seats: after, ...(seatChange ? { seatChange } : {}) };
}
