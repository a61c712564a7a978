/**
 * Passenger counts: "2 adults 1 child", "3 tickets", "seats for 2", "me and my wife", "me and my 8 year old",
 * "my wife and our two kids", "an infant", "family of four".
 *
 * What a message says about the party comes in three kinds, and they are weighed in this order:
 * - typed counts ("2 adults", "three kids"): the traveller counted that type, so a story cannot change it;
 * - a head count ("3 tickets", "for 4", "group of 3"): the number to search for, whatever the story adds up to;
 * - the story ("my wife and son are coming", "my aunt says"): who is travelling, and so who is a child.
 */
import { AGE_WORDS, HEAD_COUNT_NOUNS, PARTY_PHRASES, PARTY_WORDS, PASSENGER_NOUNS } from './lexicon/passengers.data';
import { phraseRegex, phraseSource } from './lexicon/phrases';
import { wordSet } from './lexicon/types';
import type { PassengerCounts } from './recognizer';
import { readNumber, type Token } from './text';

export interface PartyResult {
  passengers: PassengerCounts | null;
  /** Total when the make-up is unknown ("family of four"). */
  partySize: number | null;
}

type Kind = keyof typeof PASSENGER_NOUNS;
const NOUNS: Record<string, Kind> = Object.fromEntries(
  (Object.keys(PASSENGER_NOUNS) as Kind[]).flatMap((kind) =>
    [...wordSet(...PASSENGER_NOUNS[kind])].map((w) => [w, kind]),
  ),
);
const HEAD_COUNT = wordSet(...HEAD_COUNT_NOUNS);
const COMPANIONS = wordSet(...PARTY_WORDS.companions);
const COMPANION_PLURALS = wordSet(...PARTY_WORDS.companionPairs);
const WITH_SPEAKER = wordSet(...PARTY_WORDS.withSpeaker);
const FILLER = wordSet(...PARTY_WORDS.fillers);
const NOT_PARTY_UNITS = wordSet(...PARTY_WORDS.notPartyUnits);
const NOT_AFTER_FOR = wordSet(...PARTY_WORDS.notAfterFor);
const AGE_YEARS = wordSet(...AGE_WORDS.years);
const AGE_MONTHS = wordSet(...AGE_WORDS.months);
const AGE_OLD = wordSet(...AGE_WORDS.old);
const AGE_SHORT = wordSet(...AGE_WORDS.shortForms);
const AGE_KIN = wordSet(...AGE_WORDS.kin);
/** At most this many words between a number and its noun ("2 round trip economy tickets"). */
const MAX_FILLERS = 4;
/** A party larger than this is not what a number next to a noun means (a flight number, a year). */
const MAX_PARTY = 20;
// The sentence has a space at each end, so " x " is a whole-word match.
const SOLO = phraseRegex(PARTY_PHRASES.solo);
const GROUP = new RegExp(` ${phraseSource(PARTY_PHRASES.groupOf.flatMap((g) => g.phrases))}(\\S+)(?: (\\S+))?`, 'g');
const FAMILY = / family of (\S+)/;

type Tally = Record<Kind, number>;

/** What the message says about the party, kept apart by how it was said (see the file comment). */
interface PartyEvidence {
  typed: Tally;
  story: Tally;
  /** The speaker travels ("me and my wife", "with 2 friends"). */
  self: boolean;
  /** A head count with no ages ("3 tickets", "for 4", "the two of us"). */
  headCount: number | null;
}

/** A traveller described by age ("my 8 year old"): tokens `start` to `end` (exclusive). */
export interface AgeMention {
  kind: Kind;
  start: number;
  end: number;
}

/**
 * Finds ages and marks their tokens taken. Runs before dates and times, which would otherwise read the
 * number of "my 15 year old" as a day or "18 month old" as a clock time.
 */
export function findAges(toks: readonly Token[], taken: Uint8Array): AgeMention[] {
  const out: AgeMention[] = [];
  for (let i = 0; i < toks.length; i++) {
    const age = taken[i] ? null : readAge(toks, i);
    if (!age) continue;
    out.push({ kind: age.kind, start: i, end: age.end });
    for (let k = i; k < age.end; k++) taken[k] = 1;
    i = age.end - 1;
  }
  return out;
}

/** Extracts the travelling party; tokens already used by dates, times and places are skipped. */
export function findPassengers(toks: readonly Token[], taken: Uint8Array, ages: readonly AgeMention[]): PartyResult {
  const e: PartyEvidence = {
    typed: { adults: 0, children: 0, infants: 0 },
    story: { adults: 0, children: 0, infants: 0 },
    self: false,
    headCount: null,
  };
  const count = (n: number) => (e.headCount = Math.max(e.headCount ?? 0, n));
  for (const age of ages) {
    // "my 8 year old", "a 2-year-old": one traveller of that age (a number of them is rare enough to ignore).
    e.story[age.kind] += 1;
    if (toks[age.start - 1]?.n === 'my' || toks[age.start - 1]?.n === 'our') e.self = true;
  }
  for (let i = 0; i < toks.length; i++) {
    if (taken[i]) continue;
    const n = oneWay(toks, i) ? null : readNumber(toks, i, true);
    if (n && !n.ordinal && n.value > 0 && n.value < MAX_PARTY) {
      let j = i + n.len;
      if (toks[j]?.n === 'of' && n.value === 2 && toks[i].n === 'couple') j++;
      const noun = nounAfter(toks, j);
      if (noun !== null && !taken[noun]) {
        const w = toks[noun].n;
        // "a ticket", "a one-way seat" is how a booking is asked for, not a party of one.
        if (HEAD_COUNT.has(w)) {
          if (toks[i].n !== 'a' && toks[i].n !== 'an') count(n.value);
        } else {
          // "2 adults", "an infant", "2 friends" (who travel with the speaker)
          e.typed[NOUNS[w]!] += n.value;
          if (WITH_SPEAKER.has(w) && toks[i - 1]?.n === 'with') e.typed.adults += 1;
        }
        i = noun;
        continue;
      }
      if (toks[j]?.n === 'of' && toks[j + 1]?.n === 'us') {
        count(n.value);
        i = j + 1;
        continue;
      }
      // "seats for 2", "a round trip for four": the number after "for" is the head count.
      if (toks[i - 1]?.n === 'for' && n.len === 1 && readNumber(toks, i) !== null) {
        const next = toks[j]?.n ?? '';
        if (!NOT_PARTY_UNITS.has(next) && !NOT_AFTER_FOR.has(next) && !readNumber(toks, j)) {
          count(n.value);
          continue;
        }
      }
    }
    readStory(toks, i, e);
  }
  return weigh(e, ` ${toks.map((t) => t.n).join(' ')} `);
}

/** "one way", "one-way": the trip type, not a number of travellers. */
function oneWay(toks: readonly Token[], i: number): boolean {
  if (toks[i].n !== 'one') return false;
  const next = toks[i + 1]?.n === '-' ? toks[i + 2]?.n : toks[i + 1]?.n;
  return next === 'way';
}

/** The index of a passenger noun after a number at `j`, skipping words that describe the tickets. */
function nounAfter(toks: readonly Token[], j: number): number | null {
  for (let k = j; k <= j + MAX_FILLERS && k < toks.length; k++) {
    const w = toks[k].n;
    if (NOUNS[w] || HEAD_COUNT.has(w)) return k;
    if (!FILLER.has(w)) return null;
  }
  return null;
}

/** "8 year old", "8-year-old son", "18 months old", "8yo": the passenger type that age travels as. */
function readAge(toks: readonly Token[], i: number): { kind: Kind; end: number } | null {
  const n = readNumber(toks, i);
  if (!n || n.ordinal || n.value > 120) return null;
  let j = i + n.len;
  const skipDash = () => {
    if (toks[j]?.n === '-') j++;
  };
  let months = false;
  skipDash();
  if (AGE_SHORT.has(toks[j]?.n ?? '')) j++;
  else {
    const unit = toks[j]?.n ?? '';
    if (!AGE_YEARS.has(unit) && !AGE_MONTHS.has(unit)) return null;
    months = AGE_MONTHS.has(unit);
    j++;
    skipDash();
    if (!AGE_OLD.has(toks[j]?.n ?? '')) return null;
    j++;
  }
  if (AGE_KIN.has(toks[j]?.n ?? '')) j++;
  const years = months ? n.value / 12 : n.value;
  return { kind: years < 2 ? 'infants' : years < 12 ? 'children' : 'adults', end: j };
}

/** "me and my wife", "my husband and i", "my son", "our baby", "a child": people named, not counted. */
function readStory(toks: readonly Token[], i: number, e: PartyEvidence): void {
  const w = toks[i].n;
  const next = toks[i + 1]?.n ?? '';
  if ((w === 'my' || w === 'our') && COMPANIONS.has(next)) {
    const near = toks.slice(Math.max(0, i - 3), i + 5).map((t) => t.n);
    if (near.includes('me') || near.includes('i') || near.includes('and') || near.includes('with')) {
      e.story.adults += COMPANION_PLURALS.has(next) ? 2 : 1;
      e.self = true;
    }
  } else if ((w === 'my' || w === 'our') && NOUNS[next] && NOUNS[next] !== 'adults' && !/s$/.test(next)) {
    // "my son", "my baby": one child or infant
    e.story[NOUNS[next]!] += 1;
    e.self = true;
  } else if ((w === 'a' || w === 'an') && NOUNS[next] && NOUNS[next] !== 'adults') {
    e.typed[NOUNS[next]!] += 1;
  }
}

/** Typed counts win over the story for their type; a head count wins over the sum of both. */
function weigh(e: PartyEvidence, text: string): PartyResult {
  const { typed, story } = e;
  const children = typed.children || story.children;
  const infants = typed.infants || story.infants;
  const adults = typed.adults || story.adults + (e.self ? 1 : 0);
  const known = adults + children + infants > 0;

  const fam = FAMILY.exec(text);
  const familySize = fam ? numberWord(fam[1]) : null;
  if (familySize) return { passengers: known ? withAdult({ adults, children, infants }) : null, partySize: familySize };

  let headCount = e.headCount;
  if (headCount === null && !known) headCount = groupSize(text);
  if (headCount !== null) {
    if (!known) return { passengers: { adults: headCount, children: 0, infants: 0 }, partySize: null };
    // "my aunt and I ... 4 tickets": the number said wins; the story still says who is a child.
    if (children + infants >= headCount) return { passengers: null, partySize: headCount };
    return { passengers: { adults: headCount - children - infants, children, infants }, partySize: null };
  }
  if (!known && SOLO.test(text)) return { passengers: { adults: 1, children: 0, infants: 0 }, partySize: null };
  return { passengers: known ? withAdult({ adults, children, infants }) : null, partySize: null };
}

/** "we are 3", "a group of 3 members", "party of four": the first of these phrases followed by a number. */
function groupSize(text: string): number | null {
  for (const m of text.matchAll(GROUP)) {
    if (NOT_PARTY_UNITS.has(m[2] ?? '')) continue;
    const n = numberWord(m[1]!);
    if (n && n < MAX_PARTY) return n;
  }
  return null;
}

/** Children are not booked alone; one accompanying adult is implied until the traveller says otherwise. */
function withAdult(c: PassengerCounts): PassengerCounts {
  return {
    adults: c.adults === 0 && c.children + c.infants > 0 ? 1 : c.adults,
    children: c.children,
    infants: c.infants,
  };
}

function numberWord(w: string): number | null {
  const n = readNumber([{ n: w, base: w, raw: w, start: 0, end: w.length, upper: false, code: false }], 0);
  return n && !n.ordinal ? n.value : null;
}
