import { z } from 'zod';
import { badRequest } from '../errors';

/**
 * Parses untrusted input with a zod schema; failures become one `invalid_request` error listing every
 * problem by path, in words a person can act on. `name` names a single value that is not the body (a path
 * parameter such as `pnr`), so its problem reads "pnr: must be …" instead of being put on the body.
 */
export function parse<S extends z.ZodType>(schema: S, data: unknown, name?: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const whole = name ?? '(body)';
  const details = r.error.issues.map((i) => ({
    path: [...(name ? [name] : []), ...i.path].join('.') || whole,
    message: i.message,
  }));
  const first = details[0]!;
  throw badRequest(
    'invalid_request',
    first.path === '(body)' ? first.message : `${first.path}: ${first.message}`,
    details,
  );
}

export const iataCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, { message: 'must be a 3-letter airport or city code' })
  .transform((s) => s.toUpperCase());
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    { message: 'is not a real date' },
  );
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a local time as HH:MM' });
export const cabin = z.enum(['economy', 'premium_economy', 'business', 'first'], {
  message: 'must be economy, premium_economy, business or first',
});
export const fareFamily = z.enum(['basic', 'standard', 'flex'], { message: 'must be basic, standard or flex' });
export const pnr = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[2-9A-HJKMNP-Z]{6}$/, { message: 'must be a 6-character booking reference' }));
/** Query-string booleans: "true"/"false"/"1"/"0". */
export const queryBool = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');
export const positiveId = z.coerce
  .number({ message: 'must be a number' })
  .int()
  .positive({ message: 'must be a positive id' });
