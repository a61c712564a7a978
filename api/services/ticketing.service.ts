import type { FlightRepository } from '../repositories/flight.repository';
import type { BookingAggregate, BookingRepository } from '../repositories/booking.repository';
import type { PaymentRepository } from '../repositories/payment.repository';
import { conflict, notFound } from '../errors';
import type { TicketBrand, TicketRenderer } from '../vendors/pdf/ticket-renderer';
import { type Actor } from './actor';
import type { BookingAccess, BookingAccessLevel } from './booking-access';
import type { BookingViews } from './booking-views';
import type { Clock } from './clock';
import type { ReferenceDataService } from './reference-data.service';
import type { SignedLinks } from './signed-links';
import { TicketSerials } from './ticket-serials';

const FIRST_SERIAL = 2_400_000_000;
const LINK_DAYS = 30;
/** Signed ticket links say how much they open. */
const LINK_PURPOSE: Record<BookingAccessLevel, string> = { masked: 'ticket', full: 'ticket:full' };

export interface TicketingServiceDeps {
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  bookingRepo: BookingRepository;
  paymentRepo: PaymentRepository;
  bookingAccess: BookingAccess;
  bookingViews: BookingViews;
  renderer: TicketRenderer;
  links: SignedLinks;
  brand: TicketBrand;
  /** Ticket links in chat messages and mail point here. */
  publicUrl: string;
  clock: Clock;
}

/** E-ticket numbers and the printable e-ticket and receipt. */
export class TicketingService {
  private readonly ref: ReferenceDataService;
  private readonly flightRepo: FlightRepository;
  private readonly bookingRepo: BookingRepository;
  private readonly paymentRepo: PaymentRepository;
  private readonly bookingAccess: BookingAccess;
  private readonly bookingViews: BookingViews;
  private readonly renderer: TicketRenderer;
  private readonly links: SignedLinks;
  private readonly brand: TicketBrand;
  private readonly publicUrl: string;
  private readonly clock: Clock;
  private readonly serials: TicketSerials;

  constructor(deps: TicketingServiceDeps) {
    this.ref = deps.ref;
    this.flightRepo = deps.flightRepo;
    this.bookingRepo = deps.bookingRepo;
    this.paymentRepo = deps.paymentRepo;
    this.bookingAccess = deps.bookingAccess;
    this.bookingViews = deps.bookingViews;
    this.renderer = deps.renderer;
    this.links = deps.links;
    this.brand = deps.brand;
    this.publicUrl = deps.publicUrl;
    this.clock = deps.clock;
    this.serials = new TicketSerials(deps.paymentRepo, FIRST_SERIAL);
  }

  /**
   * Gives every passenger without one a 13-digit e-ticket number: the validating carrier's 3-digit
   * prefix (the airline of the first flight) and a 10-digit serial from this instance's block (TicketSerials).
   */
  async issueTickets(agg: BookingAggregate): Promise<void> {
    const waiting = agg.passengers.filter((p) => !p.ticketNumber);
    if (waiting.length === 0) return;
    const first = await this.flightRepo.findById(agg.segments[0]!.flightId);
    const prefix = (first && this.ref.airline(first.airlineCode)?.ticketPrefix) ?? '999';
    const start = await this.serials.take(prefix, waiting.length);
    for (const [i, p] of waiting.entries()) {
      await this.bookingRepo.updatePassenger(p.id, { ticketNumber: `${prefix}${String(start + i).padStart(10, '0')}` });
    }
  }

  /**
   * A link to the ticket PDF that works without signing in, for chat messages and email. It opens the PDF as
   * `access` sees it: a link made for the owner (their confirmation email, their own chat) opens it in full, one
   * made for a conversation that opened the booking with a last name opens it masked.
   */
  ticketUrl(pnr: string, access: BookingAccessLevel = 'masked'): string {
    const expires = new Date(this.clock.now().getTime() + LINK_DAYS * 86_400_000);
    const token = this.links.sign(LINK_PURPOSE[access], pnr, expires);
    return `${this.publicUrl}/api/v1/bookings/${pnr}/tickets.pdf?t=${token}`;
  }

  /**
   * The PDF for someone allowed to see the booking: the owner and staff in full; a last name or a signed link
   * (which anyone it was forwarded to holds) masked.
   */
  async pdfFor(pnr: string, actor: Actor, opts: { lastName?: string; token?: string }): Promise<Buffer> {
    const linked = (access: BookingAccessLevel) =>
      !!opts.token && this.links.verify(LINK_PURPOSE[access], pnr.toUpperCase(), opts.token, this.clock.now());
    const fullLink = linked('full');
    const loaded = await this.bookingAccess.load(pnr, actor, {
      lastName: opts.lastName,
      signedLink: fullLink || linked('masked'),
    });
    const { agg } = loaded;
    const access = fullLink ? 'full' : loaded.access;
    if (agg.booking.status !== 'confirmed')
      throw conflict('not_ticketed', 'Tickets are issued once the booking is paid.');
    return this.renderPdf(agg.booking.pnr, access);
  }

  /**
   * Renders the current ticket and receipt of a booking as `access` may see it (no access check here: callers
   * decide). Masked, it is the masked booking view (email and phone masked, no dates of birth) and no
   * payment reference, the same as the JSON a last-name look-up gets.
   */
  async renderPdf(pnr: string, access: BookingAccessLevel): Promise<Buffer> {
    const agg = await this.bookingRepo.findByPnr(pnr);
    if (!agg) throw notFound('booking_not_found', 'No booking matches that reference.');
    const masked = access === 'masked';
    const booking = await this.bookingViews.render(agg, masked);
    const payments = await this.paymentRepo.forBooking(agg.booking.id);
    const kept = payments.filter((p) => p.status === 'succeeded');
    const paid = kept[0] ?? payments.find((p) => p.status === 'refunded');
    // A seat change's difference is a payment of its own: the receipt's total paid counts every payment kept.
    const latest = kept[kept.length - 1] ?? paid;
    const reference = (p: typeof paid) => (p ? (p.paymentIntentId ?? p.sessionId ?? String(p.id)) : '');
    return this.renderer.render({
      booking,
      issuedAt: agg.booking.confirmedAt ?? this.clock.now(),
      payment: paid
        ? {
            provider: paid.provider === 'stripe' ? 'Stripe' : 'Sandbox (test payment)',
            reference: masked ? null : kept.length > 1 ? kept.map(reference).join(', ') : reference(paid),
            amount: {
              amount: kept.length > 0 ? kept.reduce((s, p) => s + p.amount, 0) : paid.amount,
              currency: paid.currency,
            },
            paidAt: latest!.paidAt ?? latest!.updatedAt,
          }
        : null,
      brand: this.brand,
    });
  }
}
