import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Expiring signed links (an HMAC over purpose, subject and expiry) so a chat message or an email can
 * carry a link to a ticket PDF without a sign-in, and nobody can forge one for another booking.
 */
export class SignedLinks {
  constructor(private readonly secret: string) {}

  sign(purpose: string, subject: string, expiresAt: Date): string {
    const exp = Math.floor(expiresAt.getTime() / 1000).toString(36);
    return `${exp}.${this.mac(purpose, subject, exp)}`;
  }

  verify(purpose: string, subject: string, token: string, now: Date): boolean {
    const [exp, mac] = token.split('.');
    if (!exp || !mac || !/^[0-9a-z]+$/.test(exp)) return false;
    if (parseInt(exp, 36) * 1000 < now.getTime()) return false;
    const expected = Buffer.from(this.mac(purpose, subject, exp));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private mac(purpose: string, subject: string, exp: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${subject}\n${exp}`).digest('base64url').slice(0, 32);
  }
}
