import type { BookingAggregate } from '../repositories/booking.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { PaymentRepository } from '../repositories/payment.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import type { SpecialRequestRepository } from '../repositories/special-request.repository';
import type { BagOrderRepository } from '../repositories/bag-order.repository';
import { bagViews } from './bag-views';
import { buildBookingView, type BookingView } from './booking-view';
import type { Clock } from './clock';
import type { ReferenceDataService } from './reference-data.service';
import { requestViews } from './special-request.service';

export interface BookingViewsDeps {
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  seatRepo: SeatRepository;
  paymentRepo: PaymentRepository;
  requestRepo: SpecialRequestRepository;
  /** Checked bags added and paid for (optional: views without them show only what the fares include). */
  bagOrderRepo?: BagOrderRepository;
  clock: Clock;
}

/**
 * Stored bookings as views: reads what a view shows besides the booking itself (flights, seats, payments,
 * refunds) and builds it with `buildBookingView`. No access checks: callers decide who sees what
 * (`BookingAccess`), and workers (mail, tickets) render for the booking's own contact.
 */
export class BookingViews {
  private readonly ref: ReferenceDataService;
  private readonly flightRepo: FlightRepository;
  private readonly seatRepo: SeatRepository;
  private readonly paymentRepo: PaymentRepository;
  private readonly requestRepo: SpecialRequestRepository;
  private readonly bagOrderRepo: BagOrderRepository | undefined;
  private readonly clock: Clock;

  constructor(deps: BookingViewsDeps) {
    this.ref = deps.ref;
    this.flightRepo = deps.flightRepo;
    this.seatRepo = deps.seatRepo;
    this.paymentRepo = deps.paymentRepo;
    this.requestRepo = deps.requestRepo;
    this.bagOrderRepo = deps.bagOrderRepo;
    this.clock = deps.clock;
  }

  async render(agg: BookingAggregate, masked: boolean): Promise<BookingView> {
    const id = agg.booking.id;
    const [flights, seats, payments, refunds, requests, orders] = await Promise.all([
      this.flightRepo.findByIds(agg.segments.map((s) => s.flightId)),
      this.seatRepo.forBooking(id),
      this.paymentRepo.forBooking(id),
      this.paymentRepo.refundsForBooking(id),
      this.requestRepo.forBooking(id),
      this.bagOrderRepo?.forBooking(id) ?? Promise.resolve([]),
    ]);
    return buildBookingView(this.ref, agg, new Map(flights.map((f) => [f.id, f])), seats, this.clock.now(), masked, {
      payments,
      refunds,
      specialRequests: requestViews(agg, requests),
      bags: bagViews(agg, orders),
    });
  }
}
