import { randomInt } from 'node:crypto';

/** Booking references: 6 characters from an alphabet without the look-alikes 0, O, 1, I and L. */
export const PNR_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PNR_PATTERN = /^[2-9A-HJKMNP-Z]{6}$/;

export function generatePnr(): string {
  let out = '';
  for (let i = 0; i < 6; i++) out += PNR_ALPHABET[randomInt(PNR_ALPHABET.length)];
  return out;
}

/** Upper-cases and trims what a traveller typed; null when it cannot be a PNR. */
export function normalisePnr(value: string): string | null {
  const v = value.trim().toUpperCase();
  return PNR_PATTERN.test(v) ? v : null;
}
