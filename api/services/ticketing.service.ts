import type { FlightRepository } from '../repositories/flight.repository';
import type { BookingAggregate, BookingRepository } from '../repositories/booking.repository';
import type { PaymentRepository } from '../repositories/payment.repository';
import { conflict, notFound } from '../errors';
import type { TicketBrand, TicketRenderer } from '../vendors/pdf/ticket-renderer';
import { type Actor } from './actor';
import { accessTo, type BookingService } from './booking.service';
import type { Clock } from './clock';
import type { ReferenceDataService } from './reference-data.service';
import type { SignedLinks } from './signed-links';

const FIRST_SERIAL = 2_400_000_000;
const LINK_DAYS = 30;

/** E-ticket numbers and the printable e-ticket and receipt. */
export class TicketingService {
  constructor(
    private readonly ref: ReferenceDataService,
    private readonly flights: FlightRepository,
    private readonly bookings: BookingRepository,
    private readonly payments: PaymentRepository,
    private readonly bookingService: BookingService,
    private readonly renderer: TicketRenderer,
    private readonly links: SignedLinks,
    private readonly brand: TicketBrand,
    private readonly publicUrl: string,
    private readonly clock: Clock,
  ) {}

  /**
   * Gives every passenger without one a 13-digit e-ticket number: the validating carrier's 3-digit
   * prefix (the airline of the first flight) and a 10-digit serial reserved atomically.
   */
  async issueTickets(agg: BookingAggregate): Promise<void> {
    const waiting = agg.passengers.filter((p) => !p.ticketNumber);
    if (waiting.length === 0) return;
    const first = await this.flights.findById(agg.segments[0]!.flightId);
    const prefix = (first && this.ref.airline(first.airlineCode)?.ticketPrefix) ?? '999';
    const start = await this.payments.reserveTicketSerials(prefix, waiting.length, FIRST_SERIAL);
    for (const [i, p] of waiting.entries()) {
      await this.bookings.updatePassenger(p.id, { ticketNumber: `${prefix}${String(start + i).padStart(10, '0')}` });
    }
  }

  /** A link to the ticket PDF that works without signing in, for chat messages and email. */
  ticketUrl(pnr: string): string {
    const token = this.links.sign('ticket', pnr, new Date(this.clock.now().getTime() + LINK_DAYS * 86_400_000));
    return `${this.publicUrl}/api/v1/bookings/${pnr}/tickets.pdf?t=${token}`;
  }

  /** The PDF for someone allowed to see the booking (owner, staff, last name, or a signed link). */
  async pdfFor(pnr: string, actor: Actor, opts: { lastName?: string; token?: string }): Promise<Buffer> {
    const agg = await this.bookings.findByPnr(pnr.toUpperCase());
    const byLink = !!opts.token && this.links.verify('ticket', pnr.toUpperCase(), opts.token, this.clock.now());
    if (!agg || (!byLink && !accessTo(agg, actor, opts.lastName)))
      throw notFound('booking_not_found', 'No booking matches that reference and name.');
    if (agg.booking.status !== 'confirmed')
      throw conflict('not_ticketed', 'Tickets are issued once the booking is paid.');
    return this.renderPdf(agg.booking.pnr);
  }

  /** Renders the current ticket and receipt of a booking (no access check: for mail attachments). */
  async renderPdf(pnr: string): Promise<Buffer> {
    const agg = await this.bookings.findByPnr(pnr);
    if (!agg) throw notFound('booking_not_found', 'No booking matches that reference.');
    const booking = await this.bookingService.render(agg, false);
    const payments = await this.payments.forBooking(agg.booking.id);
    const paid = payments.find((p) => p.status === 'succeeded') ?? payments.find((p) => p.status === 'refunded');
    return this.renderer.render({
      booking,
      issuedAt: agg.booking.confirmedAt ?? this.clock.now(),
      payment: paid
        ? {
            provider: paid.provider === 'stripe' ? 'Stripe' : 'Sandbox (test payment)',
            reference: paid.paymentIntentId ?? paid.sessionId ?? String(paid.id),
            amount: { amount: paid.amount, currency: paid.currency },
            paidAt: paid.paidAt ?? paid.updatedAt,
          }
        : null,
      brand: this.brand,
    });
  }
}
