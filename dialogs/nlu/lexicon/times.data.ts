/** Words of times of day; how clock times are read ("8:30pm", "1505", "eight o'clock") is in times.ts. */
import type { MapGroup, WordGroup } from './types';

const DAY_END = 24 * 60 - 1;

/** Periods of the day as [from, to] in minutes after midnight. */
export const PERIODS: readonly MapGroup<[number, number]>[] = [
  {
    source: 'product',
    entries: {
      morning: [5 * 60, 12 * 60],
      mornings: [5 * 60, 12 * 60],
      am: [5 * 60, 12 * 60],
      afternoon: [12 * 60, 18 * 60],
      afternoons: [12 * 60, 18 * 60],
      pm: [12 * 60, DAY_END],
      evening: [18 * 60, DAY_END],
      evenings: [18 * 60, DAY_END],
      night: [18 * 60, DAY_END],
      nights: [18 * 60, DAY_END],
      tonight: [18 * 60, DAY_END],
      nighttime: [18 * 60, DAY_END],
      overnight: [21 * 60, DAY_END],
      redeye: [21 * 60, DAY_END],
      daytime: [8 * 60, 18 * 60],
      noon: [11 * 60, 13 * 60],
      noontime: [11 * 60, 13 * 60],
      midday: [11 * 60, 13 * 60],
      lunchtime: [11 * 60, 14 * 60],
      dinnertime: [17 * 60, 20 * 60],
      midnight: [23 * 60, DAY_END],
    },
  },
];

/** "early morning", "late afternoon", "mid morning": the part of the period meant. */
export const PERIOD_PARTS: readonly MapGroup<Readonly<Record<string, [number, number]>>>[] = [
  {
    source: 'product',
    entries: {
      early: { morning: [5 * 60, 8 * 60], afternoon: [12 * 60, 15 * 60], evening: [18 * 60, 20 * 60] },
      late: {
        morning: [10 * 60, 12 * 60],
        afternoon: [15 * 60, 18 * 60],
        evening: [21 * 60, DAY_END],
        night: [21 * 60, DAY_END],
      },
      mid: { morning: [9 * 60, 11 * 60], afternoon: [13 * 60, 16 * 60] },
    },
  },
];

/** Words before a clock time that make it a bound or an approximation ("before 7", "around 8"). */
export const TIME_WORDS = {
  before: [{ source: 'product', words: 'before by until till til earlier' }],
  after: [{ source: 'product', words: 'after later from' }],
  around: [{ source: 'product', words: 'around about approximately approx roughly ~ circa near' }],
  /** Only these between two time expressions make them one window ("in the morning before 8"). */
  glue: [{ source: 'product', words: 'in the at on of and but or this that' }],
} satisfies Record<string, readonly WordGroup[]>;
