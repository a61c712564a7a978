import { notFound } from '../errors';
import type { BookingAggregate, BookingRepository } from '../repositories/booking.repository';
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
  if (isStaff(actor)) return 'full';
  if (actor.kind === 'user' && agg.booking.userId === actor.userId) return 'full';
  if (lastName && agg.passengers.some((p) => sameName(p.lastName, lastName))) return 'masked';
  return null;
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
