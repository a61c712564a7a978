/**
 * The scripted traveller: a booking dialogue driven by what the bot actually says, as a person would
 * answer it. Free-text search (city pair, date(s), party, one way or return), a flight by its number,
 * a fare, "any" seat, names and birth dates typed, the contact email, "confirm" at the review (the
 * traveller is signed in, so there is no email code), the hold with its payment link, then "thanks".
 * Anything the script does not recognise ends the conversation as "derailed" (counted and sampled).
 */
import type { Activity } from 'botbuilder';
import { addDays } from '../../../api/domain/time';

export type Step = 'search' | 'flight' | 'fare' | 'seat' | 'passenger' | 'contact' | 'confirm' | 'thanks' | 'criteria';

/** The order steps are listed in. */
export const STEPS: Step[] = [
  'search',
  'flight',
  'fare',
  'seat',
  'passenger',
  'contact',
  'confirm',
  'thanks',
  'criteria',
];

export const STEP_LABELS: Record<Step, string> = {
  search: 'search (free text → flight list)',
  flight: 'flight by number (→ fares)',
  fare: 'fare (→ seat map)',
  seat: '"any" seat (→ next seat / passenger form)',
  passenger: 'passenger details (→ next / contact)',
  contact: 'contact email (→ review with quote)',
  confirm: 'confirm (→ seat hold + payment link)',
  thanks: 'thanks (→ goodbye)',
  criteria: 'missing criterion answered',
};

export interface Say {
  text: string;
  step: Step;
}

export type Next = { say: Say } | { done: true; held: boolean } | { derailed: string };

const CITY_PAIRS: [string, string][] = [
  ['London', 'New York'],
  ['New York', 'London'],
  ['Chicago', 'Atlanta'],
  ['Seattle', 'Chicago'],
  ['Dallas', 'Miami'],
  ['San Francisco', 'Los Angeles'],
  ['Los Angeles', 'San Francisco'],
  ['London', 'Paris'],
  ['London', 'Madrid'],
  ['Chicago', 'Denver'],
  ['Dallas', 'Houston'],
  ['London', 'Dubai'],
  ['Boston', 'Chicago'],
];
const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Linus',
  'Margaret',
  'Tim',
  'Barbara',
  'Dennis',
  'Frances',
  'Edsger',
  'Radia',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Liskov',
  'Ritchie',
  'Allen',
  'Dijkstra',
  'Perlman',
  'Knuth',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A small seeded generator (mulberry32), so a run's conversations can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const between = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

function spoken(iso: string, rnd: () => number): string {
  const [, m, d] = iso.split('-').map(Number) as [number, number, number];
  const month = MONTHS[m - 1]!;
  const nth =
    d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th';
  return pick(rnd, [`${d} ${month}`, `${month} ${d}`, `the ${d}${nth} of ${month}`]);
}

export class Traveller {
  readonly adults: number;
  readonly roundTrip: boolean;
  private readonly departDate: string;
  private readonly returnDate: string;
  private readonly search: string;
  private passengersGiven = 0;
  private turns = 0;
  private saidThanks = false;
  held = false;

  /** `today` (YYYY-MM-DD) and the scheduled `days` bound the travel dates. */
  constructor(
    private readonly rnd: () => number,
    today: string,
    days: number,
    private readonly maxTurns = 30,
  ) {
    this.adults = rnd() < 0.25 ? 2 : 1;
    this.roundTrip = rnd() < 0.3;
    const [from, to] = pick(rnd, CITY_PAIRS);
    const lastDay = Math.max(4, days - 10);
    this.departDate = addDays(today, between(rnd, 3, lastDay - 8));
    this.returnDate = addDays(this.departDate, between(rnd, 2, 7));
    const pax =
      this.adults === 1 ? pick(rnd, ['one adult', '1 adult', 'just me']) : pick(rnd, ['2 adults', 'two adults']);
    const d1 = spoken(this.departDate, rnd);
    const d2 = spoken(this.returnDate, rnd);
    this.search = this.roundTrip
      ? pick(rnd, [
          `${from} to ${to} on ${d1} returning ${d2}, ${pax}`,
          `round trip ${from} to ${to} leaving ${d1} back ${d2}, ${pax}`,
        ])
      : pick(rnd, [
          `I'd like to fly from ${from} to ${to} on ${d1}, ${pax}, one way`,
          `${from} to ${to} ${d1} one way for ${pax}`,
          `one way flight ${from} to ${to} on ${d1}, ${pax}`,
        ]);
  }

  /** The opening message, after the bot's welcome. */
  first(): Say {
    this.turns++;
    return { text: this.search, step: 'search' };
  }

  /**
   * What to say to the bot's replies of the last turn. The cards' buttons (what a Web Chat user sees and
   * clicks: `{ choice: 'offer:…' }`, `{ form: 'passenger' }` …) say what is being asked, so the script
   * does not depend on the wording; the text is the fallback.
   */
  next(replies: Partial<Activity>[]): Next {
    if (++this.turns > this.maxTurns) return { derailed: `more than ${this.maxTurns} turns` };
    const texts = replies.map((a) => a.text ?? '');
    const last = texts[texts.length - 1] ?? '';
    const all = texts.join('\n');
    const ui = signalsOf(replies[replies.length - 1]);
    const say = (text: string, step: Step): Next => ({ say: { text, step } });

    if (this.saidThanks) return { done: true, held: this.held };
    if (ui.urls.some((u) => u.includes('/pay/')) || /Booking reference [A-Z0-9]{6}/.test(all)) {
      this.held = true;
      this.saidThanks = true;
      return say(pick(this.rnd, ['thanks', 'thank you!', 'thanks a lot']), 'thanks');
    }
    if (ui.choices.includes('confirm') || /Please check everything/i.test(last))
      return say(pick(this.rnd, ['confirm', 'Confirm and pay']), 'confirm');
    if (ui.forms.includes('contact') || /Which email should the confirmation/i.test(last)) {
      const first = FIRST[this.passengersGiven % FIRST.length]!.toLowerCase();
      return say(this.rnd() < 0.5 ? 'use' : `${first}.${pick(this.rnd, LAST).toLowerCase()}@example.com`, 'contact');
    }
    if (ui.forms.includes('passenger') || /Passenger \d+ of \d+/.test(last)) {
      this.passengersGiven++;
      const dob =
        `${between(this.rnd, 1950, 2000)}-` +
        `${String(between(this.rnd, 1, 12)).padStart(2, '0')}-` +
        `${String(between(this.rnd, 1, 28)).padStart(2, '0')}`;
      return say(`${pick(this.rnd, FIRST)} ${pick(this.rnd, LAST)} ${dob}`, 'passenger');
    }
    if (ui.choices.some((c) => c.startsWith('seat:')) || /Choose a seat for/i.test(last)) return say('any', 'seat');
    const fares = ui.choices.filter((c) => c.startsWith('fare:')).map((c) => c.slice(5));
    if (fares.length > 1) return say(this.rnd() < 0.2 ? 'the cheapest' : pick(this.rnd, fares), 'fare');
    if (fares.length === 1 || /This flight has one fare/i.test(last)) return say('1', 'fare');
    if (/Which fare would you like/i.test(last))
      return say(pick(this.rnd, ['basic', 'standard', 'flex', 'the cheapest']), 'fare');
    const offers = ui.choices.filter((c) => c.startsWith('offer:')).length;
    if (offers > 0 || /Pick a flight/i.test(last)) {
      const listed = offers || Number(/(\d+) flights?\b/.exec(last)?.[1] ?? '1');
      return say(String(between(this.rnd, 1, Math.max(1, Math.min(3, listed)))), 'flight');
    }
    if (/One way, or a return trip/i.test(last)) return say(this.roundTrip ? 'return' : 'one way', 'criteria');
    if (/When are you coming back/i.test(last)) return say(spoken(this.returnDate, this.rnd), 'criteria');
    if (/When would you like to leave/i.test(last)) return say(spoken(this.departDate, this.rnd), 'criteria');
    if (/any airport/i.test(last)) return say('any airport', 'criteria');
    return { derailed: last.replace(/\s+/g, ' ').slice(0, 160) || '(empty reply)' };
  }
}

/** The buttons and forms of an activity's Adaptive Cards: submit data (choices, forms) and links. */
export function signalsOf(a: Partial<Activity> | undefined): { choices: string[]; forms: string[]; urls: string[] } {
  const out = { choices: [] as string[], forms: [] as string[], urls: [] as string[] };
  const walk = (x: unknown, depth: number): void => {
    if (depth > 40 || x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const y of x) walk(y, depth + 1);
      return;
    }
    const o = x as Record<string, unknown>;
    if (o.type === 'Action.Submit' && o.data && typeof o.data === 'object') {
      const d = o.data as { choice?: unknown; form?: unknown };
      if (typeof d.choice === 'string') out.choices.push(d.choice);
      if (typeof d.form === 'string') out.forms.push(d.form);
    }
    if (o.type === 'Action.OpenUrl' && typeof o.url === 'string') out.urls.push(o.url);
    for (const v of Object.values(o)) if (v && typeof v === 'object') walk(v, depth + 1);
  };
  for (const att of a?.attachments ?? []) walk(att.content, 0);
  return out;
}
