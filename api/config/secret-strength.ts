/**
 * Rules for secrets given to a production server. A weak HMAC key lets anyone forge tokens (an admin's
 * access token, a Direct Line token for any user), so start-up refuses one instead of running with it.
 * Pure functions: config.ts decides which variables they apply to.
 */

/** The shortest secret accepted in production: 32 characters (a 128-bit key written as hex). */
export const MIN_SECRET_LENGTH = 32;
/**
 * Estimated bits in the secret's characters (Shannon, per character, times the length). The estimate runs low
 * for short random keys: a random 32-character hex key averages 116, and fell below 96 about once in 10,000 draws
 * (a key `openssl rand -hex 16` made, refused), but never below 84 in a million. Repetitive or few-character
 * secrets score far lower (40 characters of 0s and 1s: 40).
 */
const MIN_ESTIMATED_BITS = 80;
/** Distinct 3-character pieces over all pieces: a secret built by repeating a word scores low. */
const MIN_DISTINCT_TRIGRAM_SHARE = 0.6;
/** Share of neighbouring characters that step by one ("abcdef", "123456", "zyxw"). */
const MAX_SEQUENTIAL_SHARE = 0.5;

/**
 * Placeholders a secret is never allowed to equal in production: the values the documentation and
 * .env.example show (the config test checks that every example there is listed) and the usual stand-ins.
 */
export const EXAMPLE_SECRET_VALUES: readonly string[] = [
  'change-me',
  'changeme',
  'change_me',
  'secret',
  'your-secret',
  'your-secret-here',
  'replace-me',
  'replace-with-64-random-hex-characters-from-openssl-rand-hex-32',
  'example',
  'whsec_…',
  'whsec_...',
  'xapp-…',
  'xoxb-…',
];

/** Why `secret` is too weak for production, or null when it is acceptable. Never includes the secret. */
export function secretWeakness(secret: string, opts: { minLength?: number } = {}): string | null {
  const minLength = opts.minLength ?? MIN_SECRET_LENGTH;
  if (isExampleValue(secret)) return 'is the example value from the documentation; generate a random one';
  if (secret.length < minLength) return `must be at least ${minLength} characters`;
  if (distinctTrigramShare(secret) < MIN_DISTINCT_TRIGRAM_SHARE) return 'is repetitive; generate a random one';
  if (sequentialShare(secret) > MAX_SEQUENTIAL_SHARE) return 'is a run of consecutive characters';
  if (estimatedBits(secret) < MIN_ESTIMATED_BITS) return 'has too little randomness; generate a random one';
  return null;
}

/** True when the secret is (a case variant of) a documented placeholder. */
export function isExampleValue(secret: string): boolean {
  const normalised = secret.trim().toLowerCase();
  return EXAMPLE_SECRET_VALUES.some((example) => example.toLowerCase() === normalised);
}

/** Shannon entropy of the character distribution times the length: a generous estimate of a secret's bits. */
export function estimatedBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const length = [...secret].length;
  let bitsPerChar = 0;
  for (const n of counts.values()) bitsPerChar -= (n / length) * Math.log2(n / length);
  return bitsPerChar * length;
}

function distinctTrigramShare(secret: string): number {
  const chars = [...secret];
  if (chars.length < 3) return 0;
  const pieces = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) pieces.add(chars.slice(i, i + 3).join(''));
  return pieces.size / (chars.length - 2);
}

function sequentialShare(secret: string): number {
  const codes = [...secret].map((ch) => ch.codePointAt(0) ?? 0);
  let steps = 0;
  for (let i = 1; i < codes.length; i++) if (Math.abs(codes[i] - codes[i - 1]) === 1) steps++;
  return codes.length > 1 ? steps / (codes.length - 1) : 0;
}
