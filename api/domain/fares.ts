import { bagAllowance } from './baggage';
import { fromUsdCents, roundUpToWholeUnit } from './money';
import { type Cabin, type Money, SEAT_TIERS, type SeatTier } from './types';

/** Fare families per cabin and the conditions travellers see when they choose one. */

export const FARE_FAMILY_NAMES = ['basic', 'standard', 'flex'] as const;
export type FareFamily = (typeof FARE_FAMILY_NAMES)[number];

interface FamilyRule {
  /** Price multiplier over the cabin's base fare. */
  multiplier: number;
  changeable: boolean;
  /** Change fee per passenger in USD cents (0 = free changes); null when changes are not allowed. */
  changeFeeUsd: number | null;
  refundable: boolean;
  /** Cancellation fee per passenger in USD cents when refundable (0 = full refund). */
  cancelFeeUsd: number | null;
  /** Economy seat tiers chosen for free (others cost their tier's price); other cabins include every seat. */
  freeSeatTiers: readonly SeatTier[];
  /**
   * Whether seat charges come back: on cancelling, and the difference when moving to a cheaper seat on a paid
   * booking. Only Flex: the cheaper fares sell seat choice as a non-refundable extra.
   */
  seatChargesRefundable: boolean;
}

const RULES: Record<FareFamily, FamilyRule> = {
  basic: {
    multiplier: 1,
    changeable: false,
    changeFeeUsd: null,
    refundable: false,
    cancelFeeUsd: null,
    freeSeatTiers: [],
    seatChargesRefundable: false,
  },
  standard: {
    multiplier: 1.3,
    changeable: true,
    changeFeeUsd: 7500,
    refundable: true,
    cancelFeeUsd: 15000,
    freeSeatTiers: ['standard'],
    seatChargesRefundable: false,
  },
  flex: {
    multiplier: 1.85,
    changeable: true,
    changeFeeUsd: 0,
    refundable: true,
    cancelFeeUsd: 0,
    freeSeatTiers: ['standard', 'preferred'],
    seatChargesRefundable: true,
  },
};

/** Fare families sold in each cabin, cheapest first. */
export const CABIN_FAMILIES: Record<Cabin, FareFamily[]> = {
  economy: ['basic', 'standard', 'flex'],
  premium_economy: ['standard', 'flex'],
  business: ['standard', 'flex'],
  first: ['flex'],
};

export const CABIN_MULTIPLIER: Record<Cabin, number> = { economy: 1, premium_economy: 1.75, business: 3.6, first: 6.2 };

export const CABIN_LABEL: Record<Cabin, string> = {
  economy: 'Economy',
  premium_economy: 'Premium Economy',
  business: 'Business',
  first: 'First',
};

export const FAMILY_LABEL: Record<FareFamily, string> = { basic: 'Basic', standard: 'Standard', flex: 'Flex' };

export function isFareFamily(value: string): value is FareFamily {
  return (FARE_FAMILY_NAMES as readonly string[]).includes(value);
}

export function familyRule(family: FareFamily): Readonly<FamilyRule> {
  return RULES[family];
}

export function familyMultiplier(cabin: Cabin, family: FareFamily): number {
  return CABIN_MULTIPLIER[cabin] * RULES[family].multiplier;
}

export interface FareConditions {
  changeable: boolean;
  changeFee: Money | null;
  refundable: boolean;
  cancellationFee: Money | null;
  checkedBags: number;
  /** Seat tiers chosen for free with this fare: the one source for seat prices and for what the fare promises. */
  freeSeatTiers: SeatTier[];
  /** One line a person reads: "Changes £60 · Refund minus £120 · 1 checked bag". */
  summary: string;
}

/** Conditions of a fare family, with fees (per passenger) in the selling currency. */
export function fareConditions(cabin: Cabin, family: FareFamily, currency: string): FareConditions {
  const r = RULES[family];
  // The allowance lives with the bag prices (api/domain/baggage.ts), which also feed the help articles.
  const bags = bagAllowance(cabin, family).includedBags;
  const changeFee = r.changeFeeUsd === null ? null : { amount: fromUsdRounded(r.changeFeeUsd, currency), currency };
  const cancellationFee =
    r.cancelFeeUsd === null ? null : { amount: fromUsdRounded(r.cancelFeeUsd, currency), currency };
  const parts = [
    !r.changeable ? 'No changes' : r.changeFeeUsd === 0 ? 'Free changes' : 'Changes for a fee',
    !r.refundable ? 'No refund (taxes refunded)' : r.cancelFeeUsd === 0 ? 'Full refund' : 'Refund minus a fee',
    bags === 0 ? 'Cabin bag only' : `${bags} checked bag${bags > 1 ? 's' : ''}`,
    seatChoiceSummary(freeSeatTiers(cabin, family)),
  ];
  return {
    changeable: r.changeable,
    changeFee,
    refundable: r.refundable,
    cancellationFee,
    checkedBags: bags,
    freeSeatTiers: freeSeatTiers(cabin, family),
    summary: parts.join(' · '),
  };
}

/** Seat tiers a fare family chooses for free in a cabin: premium cabins include every seat. */
export function freeSeatTiers(cabin: Cabin, family: FareFamily): SeatTier[] {
  return cabin === 'economy' ? [...RULES[family].freeSeatTiers] : [...SEAT_TIERS];
}

const TIER_WORDS: Record<SeatTier, string> = {
  standard: 'standard',
  preferred: 'preferred',
  extra_legroom: 'extra-legroom',
  exit_row: 'exit-row',
};

/** What a fare promises about seats, in the words of its free tiers ("Free standard and preferred seats"). */
export function seatChoiceSummary(free: readonly SeatTier[]): string {
  if (free.length === 0) return 'Seat choice for a fee';
  if (SEAT_TIERS.every((t) => free.includes(t))) return 'Free seat choice';
  const words = SEAT_TIERS.filter((t) => free.includes(t)).map((t) => TIER_WORDS[t]);
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  return `Free ${list} seats`;
}

/** Fees are quoted in whole units of the selling currency. */
function fromUsdRounded(usdCents: number, currency: string): number {
  return roundUpToWholeUnit(fromUsdCents(usdCents, currency), currency);
}
