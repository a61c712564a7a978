import type { FlightRow } from '../domain/records';
import type { Cabin, PassengerType, PriceBreakdown } from '../domain/types';
import { CABIN_FAMILIES, type FareFamily } from '../domain/fares';
import { currencyForCountry } from '../domain/money';
import { adultFare, paxFare, taxesFor } from '../domain/pricing';
import type { ReferenceDataService } from './reference-data.service';

/** Prices journeys the same way for search results and for bookings (which re-price, never trust a client). */

export interface Party {
  adults: number;
  children: number;
  infants: number;
}

/** Taken seats per flight and cabin (from the seat table). */
export type TakenCounts = Map<number, Map<string, number>>;

export interface JourneyQuote {
  fareFamily: FareFamily;
  cabin: Cabin;
  currency: string;
  fareTotal: number;
  taxTotal: number;
  total: number;
  /** Lowest number of seats left in the cabin over the journey's flights. */
  seatsLeft: number;
  fares: PriceBreakdown['fares'];
  taxes: PriceBreakdown['taxes'];
}

/** A journey's price in one fare family, without the breakdown (what search shows). */
export type FamilyTotal = Pick<JourneyQuote, 'fareFamily' | 'fareTotal' | 'taxTotal' | 'total' | 'seatsLeft'>;

export class FareQuoter {
  constructor(private readonly ref: ReferenceDataService) {}

  /** The selling currency of a journey: that of the country it starts in. */
  currencyFor(firstFlight: Pick<FlightRow, 'origin'>, fallback = 'USD'): string {
    const country = this.ref.airport(firstFlight.origin)?.country;
    return country ? currencyForCountry(country, fallback) : fallback;
  }

  /** Seats in a cabin of a flight's aircraft (0 when the aircraft has no such cabin). */
  capacity(flight: Pick<FlightRow, 'aircraftCode'>, cabin: Cabin): number {
    return this.ref.aircraft(flight.aircraftCode)?.capacity[cabin] ?? 0;
  }

  seatsLeft(flight: Pick<FlightRow, 'id' | 'aircraftCode'>, cabin: Cabin, taken: TakenCounts): number {
    return Math.max(0, this.capacity(flight, cabin) - (taken.get(flight.id)?.get(cabin) ?? 0));
  }

  /** Fare families of the cabin that every flight of the journey sells. */
  families(flights: Pick<FlightRow, 'aircraftCode'>[], cabin: Cabin): FareFamily[] {
    return flights.every((f) => this.capacity(f, cabin) > 0) ? CABIN_FAMILIES[cabin] : [];
  }

  /**
   * The totals `quote` gives for every fare family of the cabin the journey sells (cheapest first),
   * without the per-passenger breakdown. Search prices every journey it finds this way: the seats
   * left, loads and taxes are the same for every family, so they are worked out once per journey.
   * Amounts are integer minor units, so summing in another order changes nothing.
   */
  familyTotals(
    flights: FlightRow[],
    cabin: Cabin,
    party: Party,
    currency: string,
    today: string,
    taken: TakenCounts,
  ): FamilyTotal[] {
    const families = this.families(flights, cabin);
    if (families.length === 0) return [];
    const counts: [PassengerType, number][] = [
      ['ADT', party.adults],
      ['CHD', party.children],
      ['INF', party.infants],
    ];
    let seatsLeft = Number.POSITIVE_INFINITY;
    let taxTotal = 0;
    const loads: number[] = [];
    for (const f of flights) {
      const capacity = this.capacity(f, cabin);
      const takenSeats = taken.get(f.id)?.get(cabin) ?? 0;
      seatsLeft = Math.min(seatsLeft, Math.max(0, capacity - takenSeats));
      loads.push(capacity ? takenSeats / capacity : 1);
      const country = this.ref.airport(f.origin)?.country ?? 'US';
      for (const [type, count] of counts) {
        if (count === 0) continue;
        for (const t of taxesFor(country, type, currency)) taxTotal += t.amount * count;
      }
    }
    const left = Number.isFinite(seatsLeft) ? seatsLeft : 0;
    return families.map((fareFamily) => {
      let fareTotal = 0;
      flights.forEach((f, i) => {
        const adult = adultFare(
          {
            flightId: f.id,
            baseFare: f.baseFare,
            currency: f.currency,
            departureDate: f.departureDate,
            cabin,
            fareFamily,
            load: loads[i]!,
            today,
          },
          currency,
        );
        for (const [type, count] of counts) if (count !== 0) fareTotal += paxFare(adult, type, currency) * count;
      });
      return { fareFamily, fareTotal, taxTotal, total: fareTotal + taxTotal, seatsLeft: left };
    });
  }

  /** Price of a journey for a party in one cabin and fare family; passengers typed as ADT/CHD/INF. */
  quote(
    flights: FlightRow[],
    cabin: Cabin,
    fareFamily: FareFamily,
    party: Party,
    currency: string,
    today: string,
    taken: TakenCounts,
  ): JourneyQuote {
    const fares: PriceBreakdown['fares'] = [];
    const taxMap = new Map<string, { code: string; description: string; amount: number }>();
    let seatsLeft = Number.POSITIVE_INFINITY;
    flights.forEach((f, segment) => {
      const capacity = this.capacity(f, cabin);
      const takenSeats = taken.get(f.id)?.get(cabin) ?? 0;
      seatsLeft = Math.min(seatsLeft, Math.max(0, capacity - takenSeats));
      const adult = adultFare(
        {
          flightId: f.id,
          baseFare: f.baseFare,
          currency: f.currency,
          departureDate: f.departureDate,
          cabin,
          fareFamily,
          load: capacity ? takenSeats / capacity : 1,
          today,
        },
        currency,
      );
      const country = this.ref.airport(f.origin)?.country ?? 'US';
      const counts: [PassengerType, number][] = [
        ['ADT', party.adults],
        ['CHD', party.children],
        ['INF', party.infants],
      ];
      for (const [type, count] of counts) {
        if (count === 0) continue;
        const unit = paxFare(adult, type, currency);
        fares.push({ segment, flightId: f.id, passengerType: type, count, unitAmount: unit, amount: unit * count });
        for (const t of taxesFor(country, type, currency)) {
          const key = `${t.code}:${t.description}`;
          const prev = taxMap.get(key);
          taxMap.set(key, { ...t, amount: (prev?.amount ?? 0) + t.amount * count });
        }
      }
    });
    const taxes = [...taxMap.values()];
    const fareTotal = fares.reduce((s, f) => s + f.amount, 0);
    const taxTotal = taxes.reduce((s, t) => s + t.amount, 0);
    return {
      fareFamily,
      cabin,
      currency,
      fareTotal,
      taxTotal,
      total: fareTotal + taxTotal,
      seatsLeft: Number.isFinite(seatsLeft) ? seatsLeft : 0,
      fares,
      taxes,
    };
  }
}
