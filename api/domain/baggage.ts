import { CABIN_FAMILIES, CABIN_LABEL, FAMILY_LABEL, FARE_FAMILY_NAMES, type FareFamily } from './fares';
import { distanceKm } from './geo';
import { formatMoney, fromUsdCents, roundUpToWholeUnit } from './money';
import type { Cabin } from './types';

/**
 * Checked bags: what each fare includes and what an extra bag costs. The one source for the fare conditions
 * (api/domain/fares.ts), the prices quoted when bags are added, and the help articles that answer "how much
 * baggage can I take?" and "how much is a checked bag?" (api/services/faq.service.ts fills them from here).
 */

/** Route length, by great-circle distance between the airports. */
export type HaulBand = 'short' | 'medium' | 'long';

export const HAUL_BANDS: readonly { band: HaulBand; label: string; upToKm: number | null }[] = [
  { band: 'short', label: 'Short haul (up to 1,500 km)', upToKm: 1500 },
  { band: 'medium', label: 'Medium haul (1,500–4,000 km)', upToKm: 4000 },
  { band: 'long', label: 'Long haul (over 4,000 km)', upToKm: null },
];

/** Bags included per passenger and flight in every cabin, by fare family. */
const INCLUDED_BAGS: Record<FareFamily, number> = { basic: 0, standard: 1, flex: 2 };

/** Business and First include one more bag than the fare family says, and heavier bags. */
const PREMIUM_CABINS: readonly Cabin[] = ['business', 'first'];

/** Weight per checked bag (kg). */
export const BAG_WEIGHT_KG = { standard: 23, premium: 32 } as const;

/** Bags can be added until this long before departure (check-in closes then too). */
export const BAG_SALES_CLOSE_MINUTES = 60;

/** Extra bags a passenger may add per flight, on top of what the fare includes. */
export const MAX_ADDED_BAGS_PER_PASSENGER = 3;

/** Price of one extra bag per passenger and flight, in US cents: cheaper on the fares that include more. */
const EXTRA_BAG_USD: Record<FareFamily, Record<HaulBand, number>> = {
  basic: { short: 3500, medium: 5000, long: 7500 },
  standard: { short: 3000, medium: 4500, long: 6500 },
  flex: { short: 2500, medium: 4000, long: 6000 },
};

export interface BagAllowance {
  /** Checked bags included per passenger and flight. */
  includedBags: number;
  /** Weight limit per checked bag (kg), for included and added bags alike. */
  weightKg: number;
}

export function bagAllowance(cabin: Cabin, family: FareFamily): BagAllowance {
  const premium = PREMIUM_CABINS.includes(cabin);
  return {
    includedBags: INCLUDED_BAGS[family] + (premium ? 1 : 0),
    weightKg: premium ? BAG_WEIGHT_KG.premium : BAG_WEIGHT_KG.standard,
  };
}

export function haulBand(km: number): HaulBand {
  for (const b of HAUL_BANDS) if (b.upToKm === null || km <= b.upToKm) return b.band;
  return 'long';
}

/** The band of a flight between two airports. */
export function routeHaul(
  from: { latitude: number; longitude: number },
  to: { latitude: number; longitude: number },
): HaulBand {
  return haulBand(distanceKm(from, to));
}

/** One extra bag, in minor units of `currency`, rounded up to a whole unit like every fee. */
export function extraBagPrice(family: FareFamily, band: HaulBand, currency: string): number {
  return roundUpToWholeUnit(fromUsdCents(EXTRA_BAG_USD[family][band], currency), currency);
}

/** Why a number of bags cannot be added for a passenger on a flight, or null. */
export function bagLimitProblem(added: number, asked: number, isLapInfant: boolean): string | null {
  if (isLapInfant) return 'Lap infants travel without a checked bag allowance.';
  if (!Number.isInteger(asked) || asked < 1) return 'Add at least one bag.';
  if (added + asked > MAX_ADDED_BAGS_PER_PASSENGER)
    return (
      `At most ${MAX_ADDED_BAGS_PER_PASSENGER} extra bags per passenger and flight` +
      (added > 0 ? ` (${added} already added).` : '.')
    );
  return null;
}

const bags = (n: number) => (n === 0 ? 'no checked bag' : `${n} checked bag${n === 1 ? '' : 's'}`);

/** The allowance per fare family as help-article lines ("**Basic**: no checked bag included (extra bags up to 23 kg each)"). */
export function allowanceLines(): string[] {
  const lines = FARE_FAMILY_NAMES.map((f) => {
    const a = bagAllowance('economy', f);
    // A fare without a checked bag still has a weight limit: the one of the bags bought for it.
    const weight = a.includedBags === 0 ? `extra bags up to ${a.weightKg} kg each` : `up to ${a.weightKg} kg each`;
    return `**${FAMILY_LABEL[f]}**: ${bags(a.includedBags)} included (${weight}).`;
  });
  const premium = bagAllowance('business', 'standard');
  lines.push(
    `In ${CABIN_LABEL.business} and ${CABIN_LABEL.first} every fare includes one more checked bag, ` +
      `and bags may weigh up to ${premium.weightKg} kg.`,
  );
  return lines;
}

/** Extra bag prices as help-article lines, in `currency` ("**Basic**: £28 short haul · £40 medium haul · …"). */
export function extraBagPriceLines(currency = 'USD'): string[] {
  const m = (amount: number): string => formatMoney({ amount, currency });
  return [
    ...FARE_FAMILY_NAMES.map(
      (f) =>
        `**${FAMILY_LABEL[f]}**: ` +
        HAUL_BANDS.map((b) => `${m(extraBagPrice(f, b.band, currency))} ${b.band} haul`).join(' · '),
    ),
    `Prices are per bag, passenger and flight; ${HAUL_BANDS.map((b) => b.label.toLowerCase()).join(', ')}. ` +
      `Up to ${MAX_ADDED_BAGS_PER_PASSENGER} extra bags per passenger and flight, paid in your booking's currency.`,
  ];
}

/** The allowance and price table as Markdown (README; `npx tsx scripts/baggage-table.ts`). */
export function baggageMarkdownTable(currency = 'USD'): string {
  const m = (amount: number): string => formatMoney({ amount, currency });
  const head = [
    'Fare family',
    'Included (Economy, Premium Economy)',
    'Included (Business/First)',
    ...HAUL_BANDS.map((b) => b.label),
  ];
  const rows = FARE_FAMILY_NAMES.map((f) => {
    const eco = bagAllowance('economy', f);
    const prem = bagAllowance('business', f);
    return [
      FAMILY_LABEL[f],
      `${eco.includedBags} × ${eco.weightKg} kg`,
      CABIN_FAMILIES.business.includes(f) ? `${prem.includedBags} × ${prem.weightKg} kg` : 'not sold',
      ...HAUL_BANDS.map((b) => m(extraBagPrice(f, b.band, currency))),
    ];
  });
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
