import type { TurnContext } from 'botbuilder';
import { todayIn } from '../../api/domain/time';
import type { BotMessage } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { timeZoneOf } from '../core/deps';
import { StepDialog, type StepOutcome } from '../core/step.dialog';
import { matchChoice, type Reply } from '../messages';
import type { ExpectedSlot, Place, Understanding } from '../nlu';
import type { SearchCriteria } from '../state';
import {
  citiesOf,
  criteriaProblems,
  isMultiAirport,
  metroCity,
  missingCriterion,
  narrowToCity,
  needsCityChoice,
  placeChoice,
  unknownPlaceNote,
  withoutProblems,
} from './draft';

export const SEARCH_CRITERIA_DIALOG = 'searchCriteria';

type Slot = NonNullable<ReturnType<typeof missingCriterion>>;

export interface SearchCriteriaOptions {
  criteria: SearchCriteria;
  /** Said before the first question: what was wrong with the criteria as given ("Sat 5 Dec has already passed."). */
  note?: string;
  /** The party as given could not be booked: ask how many are travelling. */
  askParty?: boolean;
  /** A place named with the request that must be narrowed down first ("London": England or Ontario?). */
  clarify?: { slot: 'origin' | 'destination'; place: Place };
}

interface Data {
  criteria: SearchCriteria;
  /** A place we asked the traveller to narrow down ("London — any airport, Heathrow or Gatwick?"). */
  clarify?: { slot: 'origin' | 'destination'; place: Place };
  note?: string;
  askParty?: boolean;
}

const PARTY_QUESTION = 'How many are travelling? For example "2 adults", or "2 adults, 1 child and 1 infant".';

const QUESTIONS: Record<Slot, string> = {
  origin: 'Where are you flying from?',
  destination: 'Where would you like to go?',
  departDate: 'When would you like to leave?',
  tripType: 'One way, or a return trip?',
  returnDate: 'When are you coming back?',
};

/**
 * Fills origin, destination, dates and trip type, asking only for what is still missing, one
 * question at a time; clarifies cities with several airports and names several cities share;
 * explains and re-asks on unknown places, past dates and returns before departure. Anything else the
 * traveller says on the way (party, cabin, nonstop, times) is kept too.
 */
export class SearchCriteriaDialog extends StepDialog<SearchCriteriaOptions, SearchCriteria, Data> {
  constructor(deps: DialogDeps) {
    super(SEARCH_CRITERIA_DIALOG, deps);
  }

  protected initialData(o: SearchCriteriaOptions): Data {
    return {
      criteria: { ...o.criteria },
      ...(o.note ? { note: o.note } : {}),
      ...(o.askParty ? { askParty: true } : {}),
      ...(o.clarify ? { clarify: o.clarify } : {}),
    };
  }

  protected override async ask(_ctx: TurnContext, _o: unknown, data: Data): Promise<BotMessage> {
    // A problem is said once, before the question it leads to.
    const note = data.note ? `${data.note} ` : '';
    delete data.note;
    if (data.clarify) {
      const m = clarifyMessage(data.clarify.slot, data.clarify.place);
      return { ...m, text: note + m.text };
    }
    if (data.askParty) {
      this.expectSlot = undefined;
      return { text: note + PARTY_QUESTION };
    }
    const slot = missingCriterion(data.criteria);
    this.expectSlot = slotToExpect(slot);
    if (slot === 'tripType')
      return {
        text: note + QUESTIONS.tripType,
        choices: [
          { value: 'one_way', label: 'One way' },
          { value: 'round_trip', label: 'Return' },
        ],
      };
    return { text: note + (slot ? QUESTIONS[slot] : 'Searching…') };
  }

  protected override async interpret(
    ctx: TurnContext,
    _o: unknown,
    data: Data,
    reply: Reply,
    u0: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<SearchCriteria>> {
    const slot = missingCriterion(data.criteria);
    const c = data.criteria;
    // Re-read with the expectation this prompt had (the base understood it with the previous one).
    let u = slot ? await this.reread(ctx, slot, c, u0) : u0;
    // A picked choice's label names places ("Paris Charles de Gaulle Airport (CDG)"): they are the choice, not more
    // places.
    const asChoice = () => (u = { ...u, origin: null, destination: null, places: [] });
    if (data.clarify) {
      const place = data.clarify.place;
      // "any airport", "any of them": the first choice of "London — any airport, or which one?".
      const picked =
        matchChoice(reply, shown) ??
        (isMultiAirport(place) && !needsCityChoice(place) && /\bany\b/i.test(reply.text) && !u.places.length
          ? (shown.choices?.[0] ?? null)
          : null);
      const city = picked?.value.startsWith('city:') ? citiesOf(place)[Number(picked.value.slice(5))] : undefined;
      if (city) {
        // One city of a shared name: done if it has one airport, else "any airport, or which one?".
        const narrowed = narrowToCity(place, city);
        if (isMultiAirport(narrowed))
          return {
            kind: 'show',
            message: await this.ask(
              ctx,
              {},
              Object.assign(data, { clarify: { slot: data.clarify.slot, place: narrowed } }),
            ),
          };
        c[data.clarify.slot] = placeChoice(narrowed);
        delete data.clarify;
        asChoice();
      } else if (picked) {
        const cand = place.candidates.find((x) => x.code === picked.value);
        c[data.clarify.slot] =
          picked.value === place.codes[0] && isMultiAirport(place)
            ? placeChoice(place)
            : { code: picked.value, label: cand ? `${cand.city} ${cand.code}` : picked.value };
        delete data.clarify;
        asChoice();
      } else if (!u.places.length)
        return { kind: 'retry', message: { ...shown, text: `Please pick one of these. ${shown.text}` } };
    }
    if (slot === 'tripType' && !u.tripType && !u.returnDate) {
      const picked = matchChoice(reply, shown);
      if (picked) c.tripType = picked.value as 'one_way' | 'round_trip';
    }
    const before = JSON.stringify(c);
    const askedParty = data.askParty;
    const problem = this.absorb(ctx, data, askedParty ? partyAnswer(u, reply.text) : u, slot);
    if (problem === 'ask') return { kind: 'show', message: await this.ask(ctx, {}, data) };
    if (problem) return { kind: 'retry', message: problem };
    if (data.clarify) return { kind: 'show', message: clarifyMessage(data.clarify.slot, data.clarify.place) };
    if (data.askParty)
      return {
        kind: 'retry',
        message: { text: `Sorry, I didn't get how many are travelling. ${PARTY_QUESTION}` },
        confused: true,
      };
    const next = missingCriterion(c);
    if (!next) return { kind: 'done', result: c };
    if (next === slot && !reply.value && !askedParty) {
      // Something else was understood ("nonstop only"): say so, then ask again.
      if (JSON.stringify(c) !== before)
        return { kind: 'retry', message: { text: `Noted. ${QUESTIONS[slot]}`, choices: shown.choices } };
      return {
        kind: 'retry',
        message: { text: notUnderstood(slot, reply.text), choices: shown.choices },
        confused: true,
      };
    }
    this.expectSlot = slotToExpect(next);
    return { kind: 'show', message: await this.ask(ctx, {}, data) };
  }

  private reread(ctx: TurnContext, slot: Slot, c: SearchCriteria, u: Understanding): Promise<Understanding> {
    return this.deps.recognizer
      .recognize(ctx.activity.text ?? '', {
        today: todayIn(timeZoneOf(ctx), this.deps.clock.now()),
        timeZone: timeZoneOf(ctx),
        expect: slotToExpect(slot),
        departDate: c.departDate,
      })
      .catch(() => u);
  }

  /**
   * Takes everything usable from the reply. Returns a message when the same question must be asked
   * again (an unknown place), or 'ask' when something could not be searched (a date that has passed,
   * too many travellers): that is dropped, said (`data.note`) and asked for next.
   */
  private absorb(ctx: TurnContext, data: Data, u: Understanding, slot: Slot | null): BotMessage | 'ask' | null {
    const c = data.criteria;
    for (const role of ['origin', 'destination'] as const) {
      let p = u[role];
      // A bare place answering "from where?"/"where to?".
      if (!p && slot === role && u.places.length === 1 && !u.origin && !u.destination) p = u.places[0]!;
      if (!p) continue;
      if (
        needsCityChoice(p) ||
        (isMultiAirport(p) && p.distance === 0 && !/\bany\b/i.test(ctx.activity.text ?? '') && role === slot)
      ) {
        data.clarify = { slot: role, place: p };
        c[role] = undefined;
        continue;
      }
      c[role] = placeChoice(p);
      // Another place instead of the one being narrowed down ("Paris" → "Which airport?" → "Edinburgh").
      if (data.clarify?.slot === role) delete data.clarify;
    }
    if (u.departDate) c.departDate = u.departDate;
    if (u.returnDate) {
      c.returnDate = u.returnDate;
      c.tripType = 'round_trip';
    }
    if (u.tripType) c.tripType = u.tripType;
    if (c.tripType === 'one_way') delete c.returnDate;
    if (u.passengers) {
      const p = u.passengers;
      c.passengers = { adults: Math.max(1, p.adults), children: p.children, infants: p.infants };
      delete data.askParty;
    }
    if (u.cabin) c.cabin = u.cabin;
    if (u.nonStop !== null) c.nonStop = u.nonStop;
    if (u.departTime) c.departTime = u.departTime;
    if (u.returnTime) c.returnTime = u.returnTime;
    if (u.airline) c.airline = u.airline.code;
    if (u.sort) c.sort = u.sort;
    if (u.flexDays !== null) c.flexDays = Math.min(3, u.flexDays);
    const problems = criteriaProblems(c, todayIn(timeZoneOf(ctx), this.deps.clock.now()));
    if (problems.length) {
      const fixed = withoutProblems(c, problems);
      data.criteria = fixed.criteria;
      if (fixed.askParty) data.askParty = true;
      data.note = fixed.note;
      return 'ask';
    }
    const unknown = data.clarify ? undefined : unknownPlaceNote(u, c);
    if (unknown) {
      data.note = unknown;
      return 'ask';
    }
    if (slot === 'origin' && !c.origin && !data.clarify && !u.places.length && u.intent !== 'search_flights')
      return {
        text: "I don't know that place. Try a city or an airport code, e.g. London or LHR. Where are you flying from?",
      };
    if (slot === 'destination' && !c.destination && !data.clarify && !u.places.length)
      return {
        text:
          "I don't know that place. Try a city or an airport code, e.g. New York " +
          'or JFK. Where would you like to go?',
      };
    return null;
  }
}

/** An answer to "How many are travelling?": a bare number counts as adults ("4"). */
function partyAnswer(u: Understanding, text: string): Understanding {
  const n = /^\s*(\d{1,2})\s*$/.exec(text);
  return !u.passengers && n && Number(n[1]) > 0
    ? { ...u, passengers: { adults: Number(n[1]), children: 0, infants: 0 } }
    : u;
}

function slotToExpect(slot: Slot | null): ExpectedSlot | undefined {
  return slot === 'origin' || slot === 'destination' || slot === 'departDate' || slot === 'returnDate'
    ? slot
    : undefined;
}

function clarifyMessage(slot: 'origin' | 'destination', p: Place): BotMessage {
  if (!needsCityChoice(p)) {
    const airports = p.candidates.filter((x) => p.codes.includes(x.code));
    const city = metroCity(p);
    const names = airports
      .map((a) => a.name.replace(/ (International )?Airport$/, '').replace(new RegExp(`^${city} `), ''))
      .slice(0, 3);
    return {
      text:
        `${city} — any airport, ${names.slice(0, -1).join(', ')}` +
        `${names.length > 1 ? ' or ' : ''}${names[names.length - 1]}?`,
      choices: [
        { value: p.codes[0]!, label: `Any ${city} airport` },
        ...airports.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` })),
      ],
    };
  }
  const cities = citiesOf(p);
  return {
    text: `Which ${p.text} do you mean${slot === 'origin' ? ' to fly from' : ''}?`,
    choices: cities.map((x, i) => ({
      value: `city:${i}`,
      label: `${x.city}, ${countryName(x.country)} (${x.airports.length > 1 ? 'any airport' : x.airports[0]!.code})`,
    })),
  };
}

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region' });

/** "United Kingdom" for "GB" (the code itself when unknown). */
function countryName(code: string): string {
  try {
    return REGIONS.of(code) ?? code;
  } catch {
    return code;
  }
}

function notUnderstood(slot: Slot, text: string): string {
  switch (slot) {
    case 'departDate':
      return (
        `I couldn't read a date in "` +
        `${text}". Try "next Friday", "14 Feb" or "2026-12-20". When would you like to leave?`
      );
    case 'returnDate':
      return `I couldn't read a date in "${text}". Try "Sunday", "the 20th" or "2026-12-27". When are you coming back?`;
    case 'tripType':
      return 'Is it one way, or a return trip? You can also tell me the return date.';
    default:
      return QUESTIONS[slot];
  }
}
