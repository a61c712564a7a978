/** Maps an Understanding to the one-line JSON contract of the ATIS scorer (shared/benchmarks/atis/score.mjs). */
import type { Cabin } from '../../api/domain/types';
import type { PassengerCounts, TimeWindow, TripType, Understanding } from './recognizer';

export interface BenchmarkPlace {
  text: string;
  codes: string[];
}

export interface BenchmarkJson {
  intent: string;
  origin: BenchmarkPlace | null;
  destination: BenchmarkPlace | null;
  departDate: string | null;
  returnDate: string | null;
  tripType: TripType | null;
  cabin: Cabin | null;
  nonStop: boolean | null;
  departTime: TimeWindow | null;
  airline: { code: string } | null;
  passengers: PassengerCounts | null;
}

const place = (p: Understanding['origin']): BenchmarkPlace | null => (p ? { text: p.text, codes: [...p.codes] } : null);

/** A real place in that role that we do not serve ("to Nairobi") was understood, though it cannot be searched. */
function notServed(u: Understanding, role: 'origin' | 'destination'): BenchmarkPlace | null {
  const p = u.unknownPlace;
  return p?.notServed && p.role === role ? { text: p.notServed.name, codes: [p.notServed.code] } : null;
}

/** Exactly the scorer's fields; a party size without make-up ("family of four") is reported as adults. */
export function toBenchmarkJson(u: Understanding): BenchmarkJson {
  return {
    intent: u.intent,
    origin: place(u.origin) ?? notServed(u, 'origin'),
    destination: place(u.destination) ?? notServed(u, 'destination'),
    departDate: u.departDate,
    returnDate: u.returnDate,
    tripType: u.tripType,
    cabin: u.cabin,
    nonStop: u.nonStop,
    departTime: u.departTime,
    airline: u.airline ? { code: u.airline.code } : null,
    passengers: u.passengers ?? (u.partySize ? { adults: u.partySize, children: 0, infants: 0 } : null),
  };
}
