/**
 * What staff see of a chat transcript. Card numbers are never shown to anyone (the bot removes them, this is
 * the second line); agents also see other contact details masked (emails, phone numbers), admins in full.
 */
const CARD = /(?<![+\d])\b(?:\d[ -]?){13,19}\b/g;
const EMAIL = /\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g;
const PHONE = /(?:\+|\b)\d[\d ().-]{6,}\d\b/g;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function maskTranscriptText(text: string, role: 'agent' | 'admin'): string {
  let out = text.replace(CARD, (m) => `•••• ${m.replace(/\D/g, '').slice(-4)}`);
  if (role === 'agent')
    out = out
      .replace(EMAIL, (_m, first: string, domain: string) => `${first}•••@${domain}`)
      .replace(PHONE, (m) =>
        DATE.test(m) || m.replace(/\D/g, '').length < 8 ? m : `••• ${m.replace(/\D/g, '').slice(-3)}`,
      );
  return out;
}
