import { notFound } from '../errors';
import type { BookingAggregate, BookingRepository } from '../repositories/booking.repository';
import type { BookingRow, PassengerRow } from '../domain/records';
import { type Actor, isStaff } from './actor';

/** How much of a booking someone may see: all of it, or with personal data masked (PNR + last name lookups). */
export type BookingAccessLevel = 'full' | 'masked';

/** A booking loaded for someone allowed to see it, and how much of it they may see. */
export interface AccessibleBooking {
  agg: BookingAggregate;
  access: BookingAccessLevel;
}

export interface BookingAccessOptions {
  /** A passenger's last name: lets anyone see the booking, masked. */
  lastName?: string;
  /** The caller has verified a signed link to this booking (ticket links); it lets the holder in, masked. */
  signedLink?: boolean;
}

/**
 * The one guard in front of every use case that starts from a booking reference: load the booking, check that
 * the actor may see it, else answer booking_not_found (the same answer as for a reference that does not exist,
 * so guessing references and names tells nobody which bookings exist).
 */
export class BookingAccess {
  constructor(private readonly bookingRepo: BookingRepository) {}

  async load(pnr: string, actor: Actor, opts: BookingAccessOptions = {}): Promise<AccessibleBooking> {
    const agg = await this.bookingRepo.findByPnr(pnr.toUpperCase());
    const access = agg ? (accessTo(agg, actor, opts.lastName) ?? (opts.signedLink ? 'masked' : null)) : null;
    if (!agg || !access) throw notFound('booking_not_found', 'No booking matches that reference and name.');
    return { agg, access };
  }

  /**
   * The booking row alone, for use cases that need nothing else of it (a payment link): the same check as `load`,
   * but its passengers are read only when a last name has to be matched, and its flights never.
   */
  async loadBooking(
    pnr: string,
    actor: Actor,
    opts: BookingAccessOptions = {},
  ): Promise<{ booking: BookingRow; access: BookingAccessLevel }> {
    const booking = await this.bookingRepo.findBookingByPnr(pnr.toUpperCase());
    let access = booking ? ownAccess(booking, actor) : null;
    if (booking && !access && opts.lastName) {
      const passengers = await this.bookingRepo.passengersOf(booking.id);
      access = nameAccess(passengers, opts.lastName);
    }
    if (booking && !access && opts.signedLink) access = 'masked';
    if (!booking || !access) throw notFound('booking_not_found', 'No booking matches that reference and name.');
    return { booking, access };
  }

  /**
   * A booking as news of it is told in a conversation that follows it (one that booked, paid or opened it):
   * in full only when the conversation's signed-in user owns it, masked otherwise (it was opened with a last
   * name). Null when there is no such booking.
   */
  async forWatcher(pnr: string, viewerUserId: number | null): Promise<AccessibleBooking | null> {
    const agg = await this.bookingRepo.findByPnr(pnr.toUpperCase());
    if (!agg) return null;
    const owner = viewerUserId !== null && agg.booking.userId === viewerUserId;
    return { agg, access: owner ? 'full' : 'masked' };
  }
}

/** Who may see a booking and how much of it. */
export function accessTo(agg: BookingAggregate, actor: Actor, lastName?: string): BookingAccessLevel | null {
  return ownAccess(agg.booking, actor) ?? (lastName ? nameAccess(agg.passengers, lastName) : null);
}

/** Staff, and the booking's own account, see all of it. */
function ownAccess(booking: BookingRow, actor: Actor): BookingAccessLevel | null {
  if (isStaff(actor)) return 'full';
  if (actor.kind === 'user' && booking.userId === actor.userId) return 'full';
  return null;
}

/** Anyone who knows a passenger's last name sees the booking masked. */
function nameAccess(passengers: readonly PassengerRow[], lastName: string): BookingAccessLevel | null {
  return passengers.some((p) => sameName(p.lastName, lastName)) ? 'masked' : null;
}

/** Compares names ignoring case, accents, spaces, hyphens and apostrophes ("O'Brien" = "obrien"). */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[\s'’.-]/g, '')
      .toLowerCase();
  return norm(a) === norm(b) && norm(a).length > 0;
}
