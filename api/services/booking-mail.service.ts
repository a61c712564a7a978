import { randomUUID } from 'node:crypto';
import { conflict } from '../errors';
import type { Actor } from './actor';
import type { BookingAccess } from './booking-access';
import { maskEmail } from './booking-view';
import type { MailService } from './mail.service';
import type { LimitRule, RateLimitService } from './rate-limit.service';

export interface BookingMailServiceDeps {
  bookingAccess: BookingAccess;
  mail: MailService;
  rateLimits: RateLimitService;
}

/** Resends of one booking's confirmation per hour, whoever asks: the contact's inbox is not a target. */
const RESENDS_PER_HOUR = 3;

/**
 * A traveller's own "send my confirmation again": to the booking's contact address only (never one the caller
 * names), with what the caller may see. The owner gets the full confirmation and e-ticket; someone who opened
 * the booking with its reference and a last name gets the masked one, as in the JSON, the PDF and the chat.
 */
export class BookingMailService {
  private readonly perBooking: LimitRule = {
    bucket: 'confirmation_resend',
    limit: RESENDS_PER_HOUR,
    windowMs: 3_600_000,
  };

  constructor(private readonly deps: BookingMailServiceDeps) {}

  async resendConfirmation(pnr: string, actor: Actor, lastName?: string): Promise<{ to: string; masked: boolean }> {
    const { agg, access } = await this.deps.bookingAccess.load(pnr, actor, { lastName });
    const b = agg.booking;
    if (b.status !== 'confirmed') throw conflict('not_ticketed', 'Only a paid booking has a confirmation to resend.');
    await this.deps.rateLimits.consume(this.perBooking, b.pnr);
    await this.deps.mail.enqueueConfirmation(
      b.pnr,
      b.contactEmail,
      `confirmation-resend:${b.pnr}:${randomUUID()}`,
      access,
    );
    return { to: maskEmail(b.contactEmail), masked: access === 'masked' };
  }
}
