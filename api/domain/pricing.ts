import { familyMultiplier, type FareFamily, freeSeatTiers } from './fares';
import { convert, fromUsdCents, roundUpToWholeUnit } from './money';
import { daysBetween, weekday } from './time';
import type { Cabin, SeatTier } from './types';

/**
 * Pricing: a flight's economy base fare moved by cabin and fare family, by how far ahead and on which
 * weekday it departs, and by how full the cabin is. Everything returns integer minor units.
 */

export type PaxType = 'ADT' | 'CHD' | 'INF';

/** Share of the adult fare children and lap infants pay. */
export const PAX_FARE_SHARE: Record<PaxType, number> = { ADT: 1, CHD: 0.75, INF: 0.1 };

export interface FareInput {
  flightId: number;
  baseFare: number;
  /** Currency of `baseFare`. */
  currency: string;
  departureDate: string;
  cabin: Cabin;
  fareFamily: FareFamily;
  /** Share of the cabin's seats already taken, 0..1. */
  load: number;
  /** The day the price is quoted, "YYYY-MM-DD". */
  today: string;
}

/** Last-minute departures cost more; far-ahead ones a little less. */
export function advanceFactor(daysAhead: number): number {
  if (daysAhead < 7) return 1.45;
  if (daysAhead < 14) return 1.25;
  if (daysAhead < 30) return 1.1;
  if (daysAhead < 60) return 1;
  return 0.92;
}

/** Fridays and Sundays are peak; Tuesdays and Wednesdays off-peak. */
export function weekdayFactor(date: string): number {
  const d = weekday(date);
  if (d === 5 || d === 7) return 1.12;
  if (d === 2 || d === 3) return 0.92;
  return 1;
}

/** Prices climb once a cabin is half full, up to +60% when nearly sold out. */
export function loadFactor(load: number): number {
  return 1 + Math.max(0, Math.min(1, load) - 0.5) * 1.2;
}

/** A small stable per-flight variation (±5%) so neighbouring flights do not all cost the same. */
export function flightJitter(flightId: number): number {
  const x = Math.sin(flightId * 12.9898) * 43758.5453;
  return 0.95 + (x - Math.floor(x)) * 0.1;
}

/** One adult's fare on one flight, in `sellCurrency`, rounded up to a whole unit. */
export function adultFare(input: FareInput, sellCurrency: string): number {
  const days = Math.max(0, daysBetween(input.today, input.departureDate));
  const raw =
    input.baseFare *
    familyMultiplier(input.cabin, input.fareFamily) *
    advanceFactor(days) *
    weekdayFactor(input.departureDate) *
    loadFactor(input.load) *
    flightJitter(input.flightId);
  return roundUpToWholeUnit(convert(Math.round(raw), input.currency, sellCurrency), sellCurrency);
}

/** What a passenger of a type pays for a flight whose adult fare is `adult`. */
export function paxFare(adult: number, type: PaxType, currency: string): number {
  return type === 'ADT' ? adult : roundUpToWholeUnit(adult * PAX_FARE_SHARE[type], currency);
}

/** Departure charges per seated passenger and flight, by origin country, in USD cents (demo figures). */
const DEPARTURE_TAX_USD: Record<string, number> = {
  GB: 11000,
  US: 2250,
  FR: 3400,
  DE: 3100,
  NL: 3300,
  IE: 1200,
  ES: 2100,
  IT: 2600,
  CH: 3000,
  AE: 2300,
  QA: 2200,
  SG: 4200,
  AU: 4600,
  JP: 2400,
  HK: 1500,
  CA: 3600,
  IN: 1400,
};
const SECURITY_FEE_USD = 560;

export interface TaxLine {
  code: string;
  description: string;
  amount: number;
}

/** Taxes for one seated passenger on one flight from `originCountry`; lap infants pay none. */
export function taxesFor(originCountry: string, type: PaxType, currency: string): TaxLine[] {
  if (type === 'INF') return [];
  return [
    {
      code: 'DEP',
      description: `Departure charges (${originCountry})`,
      amount: fromUsdCents(DEPARTURE_TAX_USD[originCountry] ?? 2000, currency),
    },
    { code: 'SEC', description: 'Security fee', amount: fromUsdCents(SECURITY_FEE_USD, currency) },
  ];
}

/** Economy seat prices by tier in USD cents; other cabins include seat choice. */
const SEAT_TIER_USD: Record<SeatTier, number> = {
  standard: 1200,
  preferred: 1800,
  extra_legroom: 4500,
  exit_row: 3500,
};

/** Price of choosing a seat of a tier, given the cabin and fare family. */
export function seatPrice(tier: SeatTier, cabin: Cabin, family: FareFamily, currency: string): number {
  // The fare's free tiers are the same list its conditions promise (fares.ts), so the two cannot disagree.
  if (freeSeatTiers(cabin, family).includes(tier)) return 0;
  return roundUpToWholeUnit(fromUsdCents(SEAT_TIER_USD[tier], currency), currency);
}
