import type { TurnContext } from 'botbuilder';
import { todayIn } from '../../api/domain/time';
import type { BotMessage } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { timeZoneOf } from '../core/deps';
import { StepDialog, type StepOutcome } from '../core/step.dialog';
import { matchChoice, type Reply } from '../messages';
import type { Place, Understanding } from '../nlu';
import type { SearchCriteria } from '../state';
import { formatLocalDate } from '../../cards/shared/format';
import {
  changedCriteria,
  citiesOf,
  criteriaProblems,
  dateToConfirm,
  datesMeant,
  describeChange,
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
  /** A date far ahead, given without a year, to confirm first ("3 November" said in December). */
  confirmDate?: { slot: 'departDate' | 'returnDate'; date: string };
  /** The return date given could not be used (past, before the departure): it is asked before the search. */
  askReturn?: boolean;
}

interface Data {
  criteria: SearchCriteria;
  /** A name several cities share, which the traveller is asked to narrow down ("London": England or Ontario?). */
  clarify?: { slot: 'origin' | 'destination'; place: Place };
  confirmDate?: { slot: 'departDate' | 'returnDate'; date: string };
  note?: string;
  askParty?: boolean;
  /** The end of the trip last filled by a place named on its own (an answer to "from where?"). */
  bare?: 'origin' | 'destination';
  /** A return date given had to be dropped: it is asked again before the search (see `missingCriterion`). */
  askReturn?: boolean;
}

/** Words that give a place its role ("from", "to", "leaving", "visiting"…): without them a place is said bare. */
const ROLE_WORDS =
  /\b(from|to|into|out of|leav\w*|depart\w*|fly\w*|go|going|head\w*|visit\w*|arriv\w*|destination|origin)\b/i;

const PARTY_QUESTION = 'How many are travelling? For example "2 adults", or "2 adults, 1 child and 1 infant".';

const QUESTIONS: Record<Slot, string> = {
  origin: 'Where are you flying from?',
  destination: 'Where would you like to go?',
  departDate: 'When would you like to leave?',
  returnDate: 'When are you coming back?',
};

/**
 * Fills origin, destination and dates, asking only for what is still missing, one question at a time. Every reply is
 * understood in full: the answer fills the slot asked about and everything else said with it (the other places,
 * dates, party, cabin, nonstop, times) is kept; an answer of another kind ("Friday" when a place was asked) is used
 * for what it is, and the open question is asked again. A city with several airports is searched as a whole (the
 * results offer narrowing); only a name several cities share is asked about. Unknown places, past dates and returns
 * before the departure are explained and asked again.
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
      ...(o.confirmDate ? { confirmDate: o.confirmDate } : {}),
      ...(o.askReturn ? { askReturn: true } : {}),
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
    if (data.confirmDate) {
      this.expectSlot = data.confirmDate.slot;
      const m = confirmDateMessage(data.confirmDate.date);
      return { ...m, text: note + m.text };
    }
    if (data.askParty) {
      this.expectSlot = undefined;
      return { text: note + PARTY_QUESTION };
    }
    const slot = missingCriterion(data.criteria, { withReturn: data.askReturn });
    this.expectSlot = slot ?? undefined;
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
    const slot = data.confirmDate?.slot ?? missingCriterion(data.criteria, { withReturn: data.askReturn });
    // Re-read with the expectation this prompt had (the base understood it with the previous one).
    let u = slot ? await this.reread(ctx, slot, data.criteria, u0) : u0;
    const picked = matchChoice(reply, shown);
    if (data.confirmDate) {
      const { slot: dateSlot, date } = data.confirmDate;
      const yes = picked?.value === 'yes' || (!picked && u.intent === 'affirm' && !u[dateSlot]);
      const no = picked?.value === 'no' || (!picked && u.intent === 'deny' && !u[dateSlot]);
      delete data.confirmDate;
      if (yes) data.criteria[dateSlot] = date;
      else if (no) delete data.criteria[dateSlot];
      if (yes || no) u = { ...u, departDate: null, returnDate: null, intent: 'none' };
      // "No": the date is asked again, plainly.
      if (no) data.note = 'OK.';
      if (no && dateSlot === 'returnDate') data.askReturn = true;
    }
    if (data.clarify) {
      const place = data.clarify.place;
      const chosen = picked ?? (/\bany\b/i.test(reply.text) && !u.places.length ? (shown.choices?.[0] ?? null) : null);
      const city = chosen?.value.startsWith('city:') ? citiesOf(place)[Number(chosen.value.slice(5))] : undefined;
      if (city || chosen) {
        const cand = chosen ? place.candidates.find((x) => x.code === chosen.value) : undefined;
        // (A state saved before cities were searched whole may still ask which airport: its first choice is all.)
        data.criteria[data.clarify.slot] = city
          ? placeChoice(narrowToCity(place, city))
          : cand
            ? { code: cand.code, label: `${cand.city} ${cand.code}`, city: cand.city }
            : placeChoice(place);
        delete data.clarify;
        // A picked choice's label names places ("London, Canada (YXU)"): they are the choice, not more places.
        u = { ...u, origin: null, destination: null, places: [] };
      }
    }
    const before = structuredClone(data.criteria);
    const askedParty = data.askParty;
    const clarifying = data.clarify?.slot;
    const problem = this.absorb(ctx, data, askedParty ? partyAnswer(u, reply.text) : u, slot);
    if (problem === 'ask') return { kind: 'show', message: await this.ask(ctx, {}, data) };
    if (problem) return { kind: 'retry', message: problem };
    const got = changedCriteria(before, data.criteria);
    const heard = Object.keys(got).length ? `Got it: ${describeChange(got, data.criteria)}. ` : '';
    if (data.confirmDate) return { kind: 'show', message: await this.ask(ctx, {}, data) };
    if (data.clarify) {
      const m = clarifyMessage(data.clarify.slot, data.clarify.place);
      if (heard || data.clarify.slot !== clarifying) return { kind: 'show', message: { ...m, text: heard + m.text } };
      return { kind: 'retry', message: { ...m, text: `Please pick one of these. ${m.text}` }, confused: true };
    }
    if (data.askParty)
      return {
        kind: 'retry',
        message: { text: `Sorry, I didn't get how many are travelling. ${PARTY_QUESTION}` },
        confused: true,
      };
    const next = missingCriterion(data.criteria, { withReturn: data.askReturn });
    if (!next) return { kind: 'done', result: data.criteria };
    if (next === slot && !askedParty && !data.note) {
      // Something else was understood ("Friday" when a place was asked): say what, then ask again.
      if (heard) return { kind: 'retry', message: { text: heard + QUESTIONS[next] } };
      return { kind: 'retry', message: { text: notUnderstood(next, reply.text) }, confused: true };
    }
    const m = await this.ask(ctx, {}, data);
    // What was heard besides the answer is said back, so the traveller knows it was kept.
    const extra = changedCriteria(before, data.criteria);
    if (slot) delete extra[slot];
    const also = Object.keys(extra).length && slot ? `Got it: ${describeChange(extra, data.criteria)}. ` : '';
    return { kind: 'show', message: { ...m, text: also + m.text } };
  }

  private reread(ctx: TurnContext, slot: Slot, c: SearchCriteria, u: Understanding): Promise<Understanding> {
    return this.deps.recognizer
      .recognize(ctx.activity.text ?? '', {
        today: todayIn(timeZoneOf(ctx), this.deps.clock.now()),
        timeZone: timeZoneOf(ctx),
        expect: slot,
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
    const before = structuredClone(c);
    const text = ctx.activity.text ?? '';
    const clarifying = data.clarify;
    const bareBefore = data.bare;
    delete data.bare;
    for (const role of ['origin', 'destination'] as const) {
      let p = u[role];
      const other = role === 'origin' ? 'destination' : 'origin';
      if (!p && u.places.length === 1 && !u.origin && !u.destination) {
        p = bareAnswer(u.places[0]!, role, slot, data);
        if (p) data.bare = role;
      } else if (p && role === slot && u.places.length === 1 && !ROLE_WORDS.test(text)) {
        // The recognizer gave the place the role asked about; no word of the message did.
        data.bare = role;
      } else if (p && bareBefore === role && c[role] && !c[other] && !u[other] && c[role]!.code !== p.codes[0]) {
        // A place said on its own to "where from?" and then another said plainly as the origin ("Paris." … "I'm
        // leaving from Chicago"): the first was where they are going.
        c[other] = c[role];
      }
      if (!p) continue;
      if (needsCityChoice(p)) {
        data.clarify = { slot: role, place: p };
        c[role] = undefined;
        continue;
      }
      c[role] = placeChoice(p);
      // Another place instead of the one being narrowed down ("London" → "Which London?" → "Edinburgh").
      if (data.clarify?.slot === role) delete data.clarify;
    }
    const today = todayIn(timeZoneOf(ctx), this.deps.clock.now());
    const dates = datesMeant(u, c, text);
    for (const key of ['departDate', 'returnDate'] as const) {
      const date = dates[key];
      if (!date) continue;
      if (dateToConfirm(date, today, text)) data.confirmDate = { slot: key, date };
      else c[key] = date;
      if (key === 'returnDate') c.tripType = 'round_trip';
    }
    if (u.tripType) c.tripType = u.tripType;
    if (c.tripType === 'one_way') delete c.returnDate;
    if (u.passengers) {
      const p = u.passengers;
      c.passengers = { adults: Math.max(1, p.adults), children: p.children, infants: p.infants };
      delete data.askParty;
    }
    Object.assign(c, filtersOf(u));
    const problems = criteriaProblems(c, today);
    if (problems.length) {
      const fixed = withoutProblems(c, problems);
      data.criteria = fixed.criteria;
      if (fixed.askParty) data.askParty = true;
      if (problems.some((p) => p.drop === 'returnDate')) data.askReturn = true;
      data.note = fixed.note;
      return 'ask';
    }
    const unknown = data.clarify ? undefined : unknownPlaceNote(u, c);
    if (unknown) {
      data.note = unknown;
      return 'ask';
    }
    // "I don't know that place" only for a reply that carried nothing else ("3 adults" is not a place).
    const asked = clarifying || Object.keys(changedCriteria(before, c)).length ? null : slot;
    if (asked === 'origin' && !c.origin && !data.clarify && !u.places.length && u.intent !== 'search_flights')
      return {
        text: "I don't know that place. Try a city or an airport code, e.g. London or LHR. Where are you flying from?",
      };
    if (asked === 'destination' && !c.destination && !data.clarify && !u.places.length)
      return {
        text:
          "I don't know that place. Try a city or an airport code, e.g. New York " +
          'or JFK. Where would you like to go?',
      };
    return null;
  }
}

/**
 * Where a place named on its own goes: to the slot asked about; while a name is being narrowed down
 * ("Which London?"), a different place is the next empty slot (the traveller moved on to the destination).
 */
function bareAnswer(p: Place, role: 'origin' | 'destination', slot: Slot | null, data: Data): Place | null {
  const clarifying = data.clarify;
  if (!clarifying) return slot === role ? p : null;
  const other = clarifying.slot === 'origin' ? 'destination' : 'origin';
  const sameName = p.candidates.some((x) => clarifying.place.candidates.some((y) => y.code === x.code));
  if (sameName || data.criteria[other]) return role === clarifying.slot ? p : null;
  return role === other ? p : null;
}

/** Filters and preferences heard with the criteria (cabin, nonstop, times, airline, sort, flexible dates). */
export function filtersOf(u: Understanding): Partial<SearchCriteria> {
  return {
    ...(u.cabin ? { cabin: u.cabin } : {}),
    ...(u.nonStop !== null ? { nonStop: u.nonStop } : {}),
    ...(u.departTime ? { departTime: u.departTime } : {}),
    ...(u.returnTime ? { returnTime: u.returnTime } : {}),
    ...(u.airline ? { airline: u.airline.code, airlineName: u.airline.name } : {}),
    ...(u.sort ? { sort: u.sort } : {}),
    ...(u.flexDays !== null ? { flexDays: Math.min(3, u.flexDays) } : {}),
  };
}

function confirmDateMessage(date: string): BotMessage {
  return {
    text: `Do you mean ${formatLocalDate(date, true)}, next year? That day has passed this year.`,
    choices: [
      { value: 'yes', label: `Yes, ${formatLocalDate(date, true)}` },
      { value: 'no', label: 'No, another date' },
    ],
  };
}

/** An answer to "How many are travelling?": a bare number counts as adults ("4"). */
function partyAnswer(u: Understanding, text: string): Understanding {
  const n = /^\s*(\d{1,2})\s*$/.exec(text);
  return !u.passengers && n && Number(n[1]) > 0
    ? { ...u, passengers: { adults: Number(n[1]), children: 0, infants: 0 } }
    : u;
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
    default:
      return QUESTIONS[slot];
  }
}
