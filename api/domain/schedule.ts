import { distanceKm } from './geo';
import { fromUsdCents, roundUpToWholeUnit } from './money';

/** Economy base fare for a route of a given length, in `currency` minor units (demo tariff). */
export function baseFareFor(
  from: { latitude: number; longitude: number },
  to: { latitude: number; longitude: number },
  currency: string,
): number {
  const km = distanceKm(from, to);
  // A fixed part plus a per-km part that tapers on long hauls, roughly like published economy fares.
  const usdCents = 4_900 + Math.min(km, 3_000) * 9 + Math.max(0, km - 3_000) * 5;
  return roundUpToWholeUnit(fromUsdCents(usdCents, currency), currency);
}
