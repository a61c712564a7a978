/** Great-circle distance and the block time a schedule planner would file for it. */

const EARTH_KM = 6371;

export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(h));
}

/**
 * Gate-to-gate minutes: cruise at ~830 km/h plus 35 minutes of taxi, climb and approach, with a
 * westbound headwind penalty (jet stream) so LHR→JFK is longer than JFK→LHR. Rounded to 5 minutes.
 */
export function blockMinutes(
  from: { latitude: number; longitude: number },
  to: { latitude: number; longitude: number },
): number {
  const km = distanceKm(from, to);
  let delta = to.longitude - from.longitude;
  if (delta > 180) delta -= 360;
  if (delta < -180) delta += 360;
  const wind = km > 1500 ? (delta < 0 ? 1.08 : 0.95) : 1;
  const minutes = (km / 830) * 60 * wind + 35;
  return Math.max(45, Math.round(minutes / 5) * 5);
}
