import * as ambiguous from '../../../dialogs/nlu/lexicon/ambiguous-words.data';
import * as dates from '../../../dialogs/nlu/lexicon/dates.data';
import { HELP_RULES } from '../../../dialogs/nlu/lexicon/help-topics.data';
import { INTENT_LISTS, INTENT_PHRASES } from '../../../dialogs/nlu/lexicon/intents.data';
import * as names from '../../../dialogs/nlu/lexicon/names.data';
import * as passengers from '../../../dialogs/nlu/lexicon/passengers.data';
import { endingRegex, phraseRegex, phraseSource } from '../../../dialogs/nlu/lexicon/phrases';
import { PLACE_ALIASES } from '../../../dialogs/nlu/lexicon/place-aliases.data';
import * as places from '../../../dialogs/nlu/lexicon/places.data';
import * as preferences from '../../../dialogs/nlu/lexicon/preferences.data';
import * as times from '../../../dialogs/nlu/lexicon/times.data';
import { mapOf, wordSet, type PhraseGroup } from '../../../dialogs/nlu/lexicon/types';

const matcher = (phrases: string[], lists = {}) => {
  const re = phraseRegex([{ source: 'product', phrases }], lists);
  return (sentence: string): boolean => re.test(` ${sentence} `);
};

describe('phrase syntax', () => {
  test('a phrase matches whole words anywhere', () => {
    const m = matcher(['one way']);
    expect([m('a one way ticket'), m('one way'), m('one wayward'), m('someone way')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  test('alternatives, named lists, optional and repeated words', () => {
    const m = matcher(['cancel [my|the] <thing>', '^ yes {please|thanks} $'], { thing: ['booking', 'flight(s)'] });
    expect(m('please cancel my booking')).toBe(true);
    expect(m('cancel flights')).toBe(true);
    expect(m('cancel my seat')).toBe(false);
    expect(m('yes please thanks')).toBe(true);
    expect(m('yes')).toBe(true);
    expect(m('oh yes')).toBe(false);
  });

  test('word starts, any word, any words', () => {
    const m = matcher(['frustrat*', 'what does _ mean', 'does ... serve']);
    expect([m('so frustrating'), m('frustrat'), m('frust')]).toEqual([true, true, false]);
    expect([m('what does yn mean'), m('what does mean')]).toEqual([true, false]);
    expect([m('does united still serve'), m('does serve')]).toEqual([true, false]);
  });

  test('regex characters in words are taken literally', () => {
    const m = matcher(['+ / -', 'a.m']);
    expect([m('+ / - 3 days'), m('+ x - 3 days'), m('a.m'), m('axm')]).toEqual([true, false, true, false]);
    expect(new RegExp(phraseSource(['1+1'])).test('11 ')).toBe(false);
    expect(endingRegex(['air lines']).test('delta air lines')).toBe(true);
  });

  test('no phrases never match; mistakes in a phrase are reported', () => {
    expect(phraseRegex([]).test(' anything ')).toBe(false);
    expect(() => matcher(['<missing> list'])).toThrow(/no list <missing>/);
    expect(() => matcher(['[unclosed'])).toThrow(/missing "]"/);
    expect(() => matcher(['a ^ b'])).toThrow(/only at the start or end/);
  });
});

describe('lexicon data', () => {
  const phraseGroups: PhraseGroup[] = [
    ...Object.values(INTENT_PHRASES).flat(),
    ...HELP_RULES.flatMap((h) => [...h.questions, ...h.keywords]),
    ...preferences.CABIN_PHRASES.flatMap((c) => c.groups),
    ...Object.values(preferences.PREFERENCE_PHRASES).flat(),
    ...preferences.SORT_PHRASES.flatMap((s) => s.groups),
    ...Object.values(passengers.PARTY_PHRASES).flat(),
    ...places.TWO_WORD_REGIONS,
    ...names.AIRLINE_NAME_ENDINGS,
  ];

  test('every phrase compiles, and is lower case like the sentences it runs on', () => {
    for (const g of phraseGroups) {
      expect(() => phraseRegex([g], INTENT_LISTS)).not.toThrow();
      for (const p of g.phrases) expect(p).toBe(p.toLowerCase());
    }
    for (const entries of Object.values(INTENT_LISTS)) for (const e of entries) expect(e).toBe(e.toLowerCase());
  });

  test('word groups are lower case, apart from the booking-reference words', () => {
    const groups = [
      ...ambiguous.NEVER_LOWER,
      ...ambiguous.NEEDS_CUE,
      ...ambiguous.NO_FUZZY,
      ...Object.values(ambiguous.AIRLINE_BLOCKERS),
      ...Object.values(places.PLACE_WORDS).flat(),
      ...Object.values(passengers.PASSENGER_NOUNS).flat(),
      ...Object.values(passengers.PARTY_WORDS).flat(),
      ...Object.values(dates.DATE_WORDS).flat(),
      ...Object.values(dates.LEG_WORDS).flat(),
      ...Object.values(times.TIME_WORDS).flat(),
      ...names.AIRPORT_NAME_ENDINGS,
      ...names.GENERIC_NAME_WORDS,
    ];
    for (const g of groups) expect(g.words).toBe(g.words.toLowerCase());
    for (const w of wordSet(...ambiguous.NOT_A_REFERENCE)) expect(w).toMatch(/^[A-Z]{6}$/);
  });

  test('names map to one value each', () => {
    expect(() => mapOf(...PLACE_ALIASES)).not.toThrow();
    expect(() => mapOf(...dates.MONTHS)).not.toThrow();
    expect(() => mapOf({ source: 'product', entries: { a: 1 } }, { source: 'ATIS', entries: { a: 2 } })).toThrow(
      /"a" is defined twice/,
    );
  });
});
