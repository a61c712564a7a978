/**
 * Card numbers never belong in a chat: we pay only on the payment page. Anything that looks like a
 * payment card number (13–19 digits, spaces or dashes allowed, passing the Luhn check) is removed from
 * incoming text before it is stored or understood.
 */
const CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;
export const CARD_REMOVED = '[card number removed]';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The text with card-like numbers replaced, and whether any were found. */
export function redactCardNumbers(text: string): { text: string; found: boolean } {
  let found = false;
  const out = text.replace(CANDIDATE, (m) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length < 13 || !luhnValid(digits)) return m;
    found = true;
    return CARD_REMOVED;
  });
  return { text: out, found: found || text.includes(CARD_REMOVED) };
}
