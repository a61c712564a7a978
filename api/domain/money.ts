import type { Money } from './types';

/** Currencies, their minor-unit exponents and demo exchange rates. Amounts are always integers. */

const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK']);

/** Number of minor-unit digits: 2 for USD (cents), 0 for JPY. */
export function currencyExponent(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

/** Units of each currency per US dollar. Demo figures: a deployment would load rates from its bank. */
const PER_USD: Record<string, number> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  CHF: 0.88,
  DKK: 6.86,
  SEK: 10.6,
  NOK: 10.8,
  AED: 3.6725,
  QAR: 3.64,
  SGD: 1.34,
  AUD: 1.52,
  NZD: 1.66,
  JPY: 150,
  HKD: 7.8,
  KRW: 1350,
  THB: 35.5,
  INR: 83.5,
  CNY: 7.2,
  MYR: 4.6,
  CAD: 1.36,
  MXN: 17.1,
  TRY: 32,
  ZAR: 18.5,
};

const COUNTRY_CURRENCY: Record<string, string> = {
  US: 'USD',
  GB: 'GBP',
  IE: 'EUR',
  FR: 'EUR',
  DE: 'EUR',
  NL: 'EUR',
  BE: 'EUR',
  ES: 'EUR',
  PT: 'EUR',
  IT: 'EUR',
  AT: 'EUR',
  FI: 'EUR',
  GR: 'EUR',
  CH: 'CHF',
  DK: 'DKK',
  SE: 'SEK',
  NO: 'NOK',
  AE: 'AED',
  QA: 'QAR',
  SG: 'SGD',
  AU: 'AUD',
  NZ: 'NZD',
  JP: 'JPY',
  HK: 'HKD',
  KR: 'KRW',
  TH: 'THB',
  IN: 'INR',
  CN: 'CNY',
  MY: 'MYR',
  CA: 'CAD',
  MX: 'MXN',
  TR: 'TRY',
  ZA: 'ZAR',
};

export function isKnownCurrency(currency: string): boolean {
  return currency in PER_USD;
}

/** The currency a journey starting in `country` is sold in (point of commencement). */
export function currencyForCountry(country: string, fallback = 'USD'): string {
  return COUNTRY_CURRENCY[country] ?? fallback;
}

/** Converts minor units between currencies at the demo rate, rounding to the nearest minor unit. */
export function convert(amount: number, from: string, to: string): number {
  if (from === to) return amount;
  const rateFrom = PER_USD[from];
  const rateTo = PER_USD[to];
  if (rateFrom === undefined || rateTo === undefined) throw new Error(`No exchange rate for ${from}→${to}`);
  const major = amount / 10 ** currencyExponent(from);
  return Math.round((major / rateFrom) * rateTo * 10 ** currencyExponent(to));
}

/** A USD-cent amount expressed in `currency` minor units. */
export function fromUsdCents(cents: number, currency: string): number {
  return convert(cents, 'USD', currency);
}

/** Rounds up to a whole unit of the currency (prices shown to travellers have no cents). */
export function roundUpToWholeUnit(amount: number, currency: string): number {
  const unit = 10 ** currencyExponent(currency);
  return Math.ceil(amount / unit) * unit;
}

export function money(amount: number, currency: string): Money {
  return { amount, currency };
}

const MONEY_FORMATS = new Map<string, Intl.NumberFormat>();
/** Formatted amounts: even with its format built once, Intl takes about a microsecond per call. */
const FORMATTED = new Map<string, string>();
const MAX_CACHED = 10_000;

/** "£1,234.50", "¥45,000": for messages and cards. */
export function formatMoney(m: Money, locale = 'en-GB'): string {
  const exp = currencyExponent(m.currency);
  const minimumFractionDigits = m.amount % 10 ** exp === 0 ? 0 : exp;
  // Building an Intl.NumberFormat costs far more than formatting with one (a seat map formats every
  // seat's price), so each format is built once, and each amount it formats is kept.
  const key = `${locale}|${m.currency}|${minimumFractionDigits}`;
  const amountKey = `${key}|${m.amount}`;
  const text = FORMATTED.get(amountKey);
  if (text !== undefined) return text;
  let format = MONEY_FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: m.currency,
      minimumFractionDigits,
      maximumFractionDigits: exp,
    });
    if (MONEY_FORMATS.size >= 1000) MONEY_FORMATS.clear();
    MONEY_FORMATS.set(key, format);
  }
  const formatted = format.format(m.amount / 10 ** exp);
  if (FORMATTED.size >= MAX_CACHED) FORMATTED.clear();
  FORMATTED.set(amountKey, formatted);
  return formatted;
}
