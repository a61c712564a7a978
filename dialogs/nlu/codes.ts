/**
 * Alphanumeric codes: booking references ("62YTF4"), flight numbers ("BA117"), passport and ticket numbers.
 * The tokenizer splits "62YTF4" into "62", "ytf", "4"; without this those digits would read as a day of the
 * month, a time or a party size. A word that is only a number run into a word said with numbers ("dec3",
 * "5june", "2adults", "10a") is not a code: travellers type those without the space.
 */
import { AGE_WORDS, HEAD_COUNT_NOUNS, PASSENGER_NOUNS } from './lexicon/passengers.data';
import { DATE_WORDS, MONTHS, WEEKDAYS } from './lexicon/dates.data';
import { mapOf, wordSet } from './lexicon/types';

const NUMBER_COMPANIONS = new Set([
  ...Object.keys(mapOf(...MONTHS)),
  ...Object.keys(mapOf(...WEEKDAYS)),
  ...wordSet(...Object.values(PASSENGER_NOUNS).flat(), ...HEAD_COUNT_NOUNS),
  ...wordSet(...Object.values(AGE_WORDS).flat()),
  // "10a", "3days", "2nights", "2moro": clock suffixes, lengths of stay and text-speak (see times.ts, dates.ts).
  ...'a p am pm h hr hrs hours day days week weeks night nights nite'.split(' '),
  ...[...wordSet(...DATE_WORDS.tomorrow)].map((w) => w.replace(/^\d+/, '')),
]);
/** Before a number only a month or weekday is read with it ("dec3"); "P1234567", "BA117" are codes. */
const LEADING_COMPANIONS = new Set([...Object.keys(mapOf(...MONTHS)), ...Object.keys(mapOf(...WEEKDAYS))]);
const GROUPS = /\p{L}+|\p{N}+/gu;
const LETTERS = /\p{L}/u;

/** True when `word` (letters and digits only, no separators) is a code rather than something to read. */
export function isAlphanumericCode(word: string): boolean {
  const groups = word.match(GROUPS) ?? [];
  const letterGroups = groups.filter((g) => LETTERS.test(g));
  if (letterGroups.length === 0 || letterGroups.length === groups.length) return false;
  if (groups.length > 2) return true;
  const letters = letterGroups[0].toLowerCase();
  return !(groups[0] === letterGroups[0] ? LEADING_COMPANIONS : NUMBER_COMPANIONS).has(letters);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The letters-and-digits word around text[start, end) ("62YTF4" around "YTF"), or null when it has separators. */
export function wordAround(text: string, start: number, end: number): string | null {
  let a = start;
  let b = end;
  while (a > 0 && WORD_CHAR.test(text[a - 1])) a--;
  while (b < text.length && WORD_CHAR.test(text[b])) b++;
  const word = text.slice(a, b);
  return /^[\p{L}\p{N}]+$/u.test(word) ? word : null;
}
