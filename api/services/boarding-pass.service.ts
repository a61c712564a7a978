import { DateTime } from 'luxon';
import { maskDocumentNumber } from '../domain/check-in';
import { conflict, notFound } from '../errors';
import type { BookingRepository } from '../repositories/booking.repository';
import type { CheckInRepository } from '../repositories/check-in.repository';
import { renderBoardingPassPdf } from '../vendors/pdf/boarding-pass';
import { pdf417Png, ticketBcbp } from '../vendors/pdf/ticket-barcodes';
import type { TicketBrand } from '../vendors/pdf/ticket-renderer';
import type { BookingView } from './booking-view';
import type { BookingViews } from './booking-views';
import type { Clock } from './clock';
import type { SignedLinks } from './signed-links';

/** The gate closes this long before departure (printed on the pass). */
export const GATE_CLOSES_MINUTES = 20;
const LINK_DAYS = 7;

/** Which boarding pass: a passenger (index in the booking) on a flight of the booking. */
export interface BoardingPassRef {
  pnr: string;
  flightId: number;
  passenger: number;
}

/** A boarding pass as every channel shows it (links work without signing in, for chat and email). */
export interface BoardingPassView extends BoardingPassRef {
  name: string;
  flightNumber: string;
  from: string;
  to: string;
  /** Local times at the origin with offset. */
  departureTime: string;
  gateClosesTime: string;
  seat: string | null;
  sequence: number;
  /** "•••• 4821". */
  document: string;
  /** The BCBP text the barcode encodes. */
  barcodeData: string;
  pdfUrl: string;
  imageUrl: string;
}

export interface BoardingPassServiceDeps {
  bookingRepo: BookingRepository;
  bookingViews: BookingViews;
  checkInRepo: CheckInRepository;
  links: SignedLinks;
  brand: TicketBrand;
  publicUrl: string;
  clock: Clock;
}

/**
 * Boarding passes of checked-in passengers: their views, signed links, the PDF and the barcode image.
 * No access check here (the check-in service and the HTTP routes decide who gets a pass or a link).
 */
export class BoardingPassService {
  constructor(private readonly deps: BoardingPassServiceDeps) {}

  /** Every boarding pass of a booking, flight by flight. */
  async passesFor(pnr: string): Promise<BoardingPassView[]> {
    const { booking, checkIns } = await this.load(pnr);
    return booking.flights.flatMap((f) =>
      booking.passengers.flatMap((p) => {
        const c = checkIns.find((x) => x.flightId === f.flightId && x.passengerId === p.passengerId);
        return c ? [this.view(booking, f, p.view, c)] : [];
      }),
    );
  }

  async pass(ref: BoardingPassRef): Promise<BoardingPassView> {
    const found = (await this.passesFor(ref.pnr)).find(
      (v) => v.flightId === ref.flightId && v.passenger === ref.passenger,
    );
    if (!found) throw conflict('not_checked_in', 'The passenger is not checked in on that flight.', ref);
    return found;
  }

  async renderPdf(ref: BoardingPassRef): Promise<Buffer> {
    const v = await this.pass(ref);
    const { booking } = await this.load(ref.pnr);
    return renderBoardingPassPdf({
      booking: booking.view,
      passenger: booking.view.passengers[ref.passenger]!,
      flight: booking.view.flights.find((f) => f.flightId === ref.flightId)!,
      bcbp: v.barcodeData,
      sequence: v.sequence,
      document: v.document,
      gateClosesTime: v.gateClosesTime,
      issuedAt: this.deps.clock.now(),
      brand: this.deps.brand,
    });
  }

  async renderPng(ref: BoardingPassRef): Promise<Buffer> {
    return pdf417Png((await this.pass(ref)).barcodeData);
  }

  /** Whether a boarding-pass link's token is good for this pass. */
  verify(ref: BoardingPassRef, token: string): boolean {
    return this.deps.links.verify('boarding-pass', subject(ref), token, this.deps.clock.now());
  }

  private url(ref: BoardingPassRef, ext: 'pdf' | 'png'): string {
    const exp = new Date(this.deps.clock.now().getTime() + LINK_DAYS * 86_400_000);
    const token = this.deps.links.sign('boarding-pass', subject(ref), exp);
    return `${this.deps.publicUrl}/api/v1/bookings/${ref.pnr}/boarding-passes/${ref.flightId}/${ref.passenger}.${ext}?t=${token}`;
  }

  private async load(pnr: string) {
    const agg = await this.deps.bookingRepo.findByPnr(pnr.toUpperCase());
    if (!agg) throw notFound('booking_not_found', 'No booking matches that reference.');
    const view = await this.deps.bookingViews.render(agg, false);
    const checkIns = await this.deps.checkInRepo.forBooking(agg.booking.id);
    const passengers = view.passengers.map((p) => ({
      view: p,
      passengerId: agg.passengers.find((x) => x.position === p.index)!.id,
    }));
    return { booking: { view, flights: view.flights, passengers }, checkIns };
  }

  private view(
    booking: { view: BookingView },
    f: BookingView['flights'][number],
    p: BookingView['passengers'][number],
    c: { sequence: number; documentLast4: string; checkedInAt: Date },
  ): BoardingPassView {
    const ref = { pnr: booking.view.pnr, flightId: f.flightId, passenger: p.index };
    const gate = DateTime.fromISO(f.departureTime, { setZone: true }).minus({ minutes: GATE_CLOSES_MINUTES });
    return {
      ...ref,
      name: `${p.firstName} ${p.lastName}`,
      flightNumber: f.flightNumber,
      from: f.origin.code,
      to: f.destination.code,
      departureTime: f.departureTime,
      gateClosesTime: gate.toISO() ?? f.departureTime,
      seat: p.type === 'INF' ? null : (p.seats[String(f.flightId)] ?? null),
      sequence: c.sequence,
      document: maskDocumentNumber(c.documentLast4),
      barcodeData: ticketBcbp(booking.view, p, f, c.checkedInAt, { sequence: c.sequence }),
      pdfUrl: this.url(ref, 'pdf'),
      imageUrl: this.url(ref, 'png'),
    };
  }
}

function subject(ref: BoardingPassRef): string {
  return `${ref.pnr.toUpperCase()}:${ref.flightId}:${ref.passenger}`;
}
