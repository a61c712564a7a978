/**
 * Sane ranges for what admins type into the schedule. A fare of 2^53 − 1 or a departure in the year 9999
 * is a typo or an attack, never a schedule: refusing it keeps prices printable, sums exact and every
 * database column in range. Pure: the admin service applies it and names the field.
 */
export interface Bound {
  field: string;
  message: string;
}

/** The largest base fare per passenger, in minor units of any currency (10,000,000 = 100,000.00). */
export const MAX_BASE_FARE_MINOR = 10_000_000;
/** The furthest ahead a flight may be scheduled (airlines sell about a year ahead). */
export const MAX_DAYS_AHEAD = 731;

export function flightInputProblem(
  input: { baseFare?: number; departureDate?: string; durationMinutes?: number },
  today: string,
): Bound | null {
  if (input.baseFare !== undefined && (input.baseFare < 1 || input.baseFare > MAX_BASE_FARE_MINOR))
    return { field: 'baseFare', message: `must be between 1 and ${MAX_BASE_FARE_MINOR} (minor units)` };
  if (input.departureDate !== undefined) {
    const days = (Date.parse(`${input.departureDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
    if (!Number.isFinite(days) || days > MAX_DAYS_AHEAD)
      return { field: 'departureDate', message: `must be within ${MAX_DAYS_AHEAD} days from today` };
  }
  if (input.durationMinutes !== undefined && (input.durationMinutes < 20 || input.durationMinutes > 24 * 60))
    return { field: 'durationMinutes', message: 'must be between 20 and 1440 minutes' };
  return null;
}
