import type { Money } from '../../domain/types';
import type { BookingView } from '../../services/booking-view';

/** What the printable e-ticket and receipt is drawn from. */

export interface TicketPayment {
  /** Payment provider as shown to the traveller, e.g. "Stripe". */
  provider: string;
  /** The provider's reference for the charge; null for a masked view (low-assurance access). */
  reference: string | null;
  amount: Money;
  paidAt: Date;
}

export interface TicketBrand {
  name: string;
  supportEmail: string;
  supportPhone: string;
}

export interface TicketInput {
  booking: BookingView;
  issuedAt: Date;
  /**
   * The payment that confirmed the booking. Absent: the booking view's own `payment` is used;
   * null: printed as unpaid whatever the view says.
   */
  payment?: TicketPayment | null;
  brand: TicketBrand;
}

export interface TicketRenderer {
  /** A complete PDF document. */
  render(input: TicketInput): Promise<Buffer>;
}
