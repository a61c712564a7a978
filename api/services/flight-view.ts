import type { FlightRow } from '../domain/records';
import { toLocalIso } from '../domain/time';
import type { ReferenceDataService } from './reference-data.service';

/** How a flight appears in every API answer: codes and names, local times with their offset. */
export interface SegmentView {
  flightId: number;
  flightNumber: string;
  airline: { code: string; name: string };
  origin: { code: string; name: string; city: string; timeZone: string };
  destination: { code: string; name: string; city: string; timeZone: string };
  /** Local time at the origin with offset, e.g. "2026-12-01T18:30:00+00:00". */
  departureTime: string;
  /** Local time at the destination with offset. */
  arrivalTime: string;
  /** UTC instants, for clients that compute. */
  departureUtc: string;
  arrivalUtc: string;
  durationMinutes: number;
  aircraft: { code: string; name: string };
  status: string;
}

export function flightNumber(f: Pick<FlightRow, 'airlineCode' | 'flightNumber'>): string {
  return `${f.airlineCode}${f.flightNumber}`;
}

export function segmentView(ref: ReferenceDataService, f: FlightRow): SegmentView {
  const o = ref.airport(f.origin);
  const d = ref.airport(f.destination);
  const oz = o?.timeZone ?? 'UTC';
  const dz = d?.timeZone ?? 'UTC';
  return {
    flightId: f.id,
    flightNumber: flightNumber(f),
    airline: { code: f.airlineCode, name: ref.airline(f.airlineCode)?.name ?? f.airlineCode },
    origin: { code: f.origin, name: o?.name ?? f.origin, city: o?.city ?? f.origin, timeZone: oz },
    destination: { code: f.destination, name: d?.name ?? f.destination, city: d?.city ?? f.destination, timeZone: dz },
    departureTime: toLocalIso(f.departureAt, oz),
    arrivalTime: toLocalIso(f.arrivalAt, dz),
    departureUtc: f.departureAt.toISOString(),
    arrivalUtc: f.arrivalAt.toISOString(),
    durationMinutes: f.durationMinutes,
    aircraft: { code: f.aircraftCode, name: ref.aircraft(f.aircraftCode)?.row.name ?? f.aircraftCode },
    status: f.status,
  };
}
