import { ContextSlot } from './async-context';
import winston from 'winston';
import { redactCardNumbers } from './domain/card-numbers';

/** Per-request (or per-turn) context that every log line carries, e.g. `{ requestId }`. */
export const logContext = new ContextSlot<Record<string, string>>('log fields');

// Whole words only: "passengers" and "passport" are not secrets, "password" and "accessToken" are.
const SECRET_KEY = new RegExp(
  [
    '(^|[^a-z])(pass(word|wd|phrase)?|pwd)([^a-z]|$)',
    'password|secret|token|authorization|cookie|api[-_]?key',
    '^card|cardnumber|cvc|cvv|^otp|code_?hash',
  ].join('|'),
  'i',
);
// 13–19 digits, optionally grouped by spaces or dashes: anything that could be a card number (even failing Luhn).
const CARD_LIKE = /\b(?:\d[ -]?){12,18}\d\b/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const JWT_LIKE = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g;
const VENDOR_KEY = /\b(sk|rk|pk|whsec)_(live|test)_[A-Za-z0-9]+|\bxox[abposr]-[A-Za-z0-9-]+/g;

/** Removes secrets and card-like numbers from a string. */
export function scrubText(text: string): string {
  const scrubbed = text
    .replace(BEARER, '$1[redacted]')
    .replace(JWT_LIKE, '[redacted-jwt]')
    .replace(VENDOR_KEY, '[redacted-key]')
    .replace(CARD_LIKE, '[redacted-number]');
  // Cards typed with other separators, in other scripts' digits or glued to letters.
  return redactCardNumbers(scrubbed).text;
}

/** Deep-copies a log payload, dropping values under secret-looking keys and scrubbing strings. */
export function scrub(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return scrubText(value);
  // A card number logged as a number is still a card number.
  if ((typeof value === 'number' || typeof value === 'bigint') && scrubText(String(value)) !== String(value))
    return '[redacted-number]';
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Error)
    return { name: value.name, message: scrubText(value.message), stack: value.stack && scrubText(value.stack) };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : scrub(v, depth + 1);
    return out;
  }
  return value;
}

const RESERVED = new Set(['level', 'message', 'timestamp']);

const redact = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (RESERVED.has(key)) continue;
    info[key] = SECRET_KEY.test(key) ? '[redacted]' : scrub(info[key]);
  }
  if (typeof info.message === 'string') info.message = scrubText(info.message);
  const ctx = logContext.getStore();
  if (ctx) for (const [k, v] of Object.entries(ctx)) if (info[k] === undefined) info[k] = v;
  return info;
});

export type Logger = winston.Logger;

export function createLogger(opts: { level: string; format: 'json' | 'pretty'; silent?: boolean }): Logger {
  const pretty = winston.format.printf(({ level, message, timestamp, requestId, ...rest }) => {
    const id = requestId ? ` [${String(requestId)}]` : '';
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    return `${String(timestamp)} ${level}${id}: ${String(message)}${extra}`;
  });
  return winston.createLogger({
    level: opts.level,
    silent: opts.silent ?? false,
    format: winston.format.combine(
      winston.format.errors({ stack: true }),
      redact(),
      winston.format.timestamp(),
      opts.format === 'json' ? winston.format.json() : winston.format.combine(winston.format.colorize(), pretty),
    ),
    transports: [new winston.transports.Console()],
  });
}
