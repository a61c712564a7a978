/** Passenger counts by type: "2 adults 1 child", "me and my wife", "with 2 kids", "an infant", "family of four". */
import { PARTY_PHRASES, PARTY_WORDS, PASSENGER_NOUNS } from './lexicon/passengers.data';
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
const COMPANIONS = wordSet(...PARTY_WORDS.companions);
const COMPANION_PLURALS = wordSet(...PARTY_WORDS.companionPairs);
const WITH_SPEAKER = wordSet(...PARTY_WORDS.withSpeaker);
const FILLER = wordSet(...PARTY_WORDS.fillers);
const NOT_PARTY_UNITS = wordSet(...PARTY_WORDS.notPartyUnits);
// The sentence has a space at each end, so " x " is a whole-word match.
const SOLO = phraseRegex(PARTY_PHRASES.solo);
const GROUP = new RegExp(` ${phraseSource(PARTY_PHRASES.groupOf.flatMap((g) => g.phrases))}(\\S+)(?: (\\S+))?`);
const FAMILY = / family of (\S+)/;

/** Extracts the travelling party; tokens already used by dates, times and places are skipped. */
export function findPassengers(toks: readonly Token[], taken: Uint8Array): PartyResult {
  const counts: PassengerCounts = { adults: 0, children: 0, infants: 0 };
  let stated = false;
  let self = false;
  for (let i = 0; i < toks.length; i++) {
    if (taken[i]) continue;
    const n = readNumber(toks, i, true);
    if (n && !n.ordinal && n.value > 0 && n.value < 20) {
      let j = i + n.len;
      if (toks[j]?.n === 'of' && n.value === 2 && toks[i].n === 'couple') j++;
      while (FILLER.has(toks[j]?.n ?? '') && NOUNS[toks[j + 1]?.n ?? '']) j++;
      const kind = NOUNS[toks[j]?.n ?? ''];
      if (kind && !taken[j]) {
        // "2 adults", "an infant", "3 of us" is handled below, "2 friends" travel with the speaker.
        counts[kind] += n.value;
        stated = true;
        if (WITH_SPEAKER.has(toks[j].n) && toks[i - 1]?.n === 'with') self = true;
        i = j;
        continue;
      }
      if (toks[j]?.n === 'of' && toks[j + 1]?.n === 'us') {
        counts.adults += n.value;
        stated = true;
        i = j + 1;
        continue;
      }
    }
    const w = toks[i].n;
    // "me and my wife", "my husband and i", "me, my wife and 2 kids"
    if ((w === 'my' || w === 'our') && COMPANIONS.has(toks[i + 1]?.n ?? '')) {
      const near = toks.slice(Math.max(0, i - 3), i + 5).map((t) => t.n);
      if (near.includes('me') || near.includes('i') || near.includes('and') || near.includes('with')) {
        counts.adults += COMPANION_PLURALS.has(toks[i + 1].n) ? 2 : 1;
        self = true;
        stated = true;
      }
    } else if (
      (w === 'my' || w === 'our') &&
      NOUNS[toks[i + 1]?.n ?? ''] &&
      NOUNS[toks[i + 1].n] !== 'adults' &&
      !/s$/.test(toks[i + 1].n)
    ) {
      // "my son", "my baby": one child or infant
      counts[NOUNS[toks[i + 1].n]] += 1;
      self = true;
      stated = true;
    } else if ((w === 'a' || w === 'an') && NOUNS[toks[i + 1]?.n ?? ''] && NOUNS[toks[i + 1].n] !== 'adults') {
      counts[NOUNS[toks[i + 1].n]] += 1;
      stated = true;
    }
  }
  const text = ` ${toks.map((t) => t.n).join(' ')} `;
  const fam = FAMILY.exec(text);
  if (fam) {
    const n = numberWord(fam[1]);
    if (n) return { passengers: stated ? withAdult(counts, self) : null, partySize: n };
  }
  const group = GROUP.exec(text);
  if (!stated && group && !NOT_PARTY_UNITS.has(group[2] ?? '')) {
    const n = numberWord(group[1]);
    if (n && n < 20) return { passengers: { adults: n, children: 0, infants: 0 }, partySize: null };
  }
  if (!stated && SOLO.test(text)) return { passengers: { adults: 1, children: 0, infants: 0 }, partySize: null };
  return { passengers: stated ? withAdult(counts, self) : null, partySize: null };
}

/** The speaker counts as an adult when they travel with companions or children. */
function withAdult(c: PassengerCounts, self: boolean): PassengerCounts {
  const adults = c.adults + (self ? 1 : 0);
  // Children are not booked alone; one accompanying adult is implied until the traveller says otherwise.
  return { adults: adults === 0 && c.children + c.infants > 0 ? 1 : adults, children: c.children, infants: c.infants };
}

function numberWord(w: string): number | null {
  const n = readNumber([{ n: w, base: w, raw: w, start: 0, end: w.length, upper: false }], 0);
  return n && !n.ordinal ? n.value : null;
}
