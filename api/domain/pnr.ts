import { randomInt } from 'node:crypto';

/** Booking references: 6 characters from an alphabet without the look-alikes 0, O, 1, I and L. */
export const PNR_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PNR_PATTERN = /^[2-9A-HJKMNP-Z]{6}$/;

/**
 * A new reference always holds a letter: six digits read as a number (a price, a phone, a flight), to a traveller
 * and to the chat's understanding, which then could not find the booking by it.
 */
export function generatePnr(): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < 6; i++) out += PNR_ALPHABET[randomInt(PNR_ALPHABET.length)];
    if (/[A-Z]/.test(out)) return out;
  }
}

/** Upper-cases and trims what a traveller typed; null when it cannot be a PNR. */
export function normalisePnr(value: string): string | null {
  const v = value.trim().toUpperCase();
  return PNR_PATTERN.test(v) ? v : null;
}
