import type { TurnContext } from 'botbuilder';
import * as chrono from 'chrono-node';
import { nameProblem, paxTypeForAge } from '../../api/domain/passengers';
import { ageOn, isIsoDate, todayIn } from '../../api/domain/time';
import type { BotMessage, PassengerFormValues } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { timeZoneOf } from '../core/deps';
import { StepDialog, type StepOutcome } from '../core/step.dialog';
import type { Reply } from '../messages';
import type { Understanding } from '../nlu';
import type { BookingDraft, PassengerDetails, SearchCriteria } from '../state';
import { criteriaChanges, partyOf, saysChange } from './draft';

export const PASSENGER_DETAILS_DIALOG = 'passengerDetails';

/** The details of everyone, or a change to the trip with the details typed so far. */
export type PassengerDetailsResult =
  { passengers: PassengerDetails[] } | { correction: Partial<SearchCriteria>; passengers: PassengerDetails[] };

interface Data {
  passengers: PassengerDetails[];
  values: PassengerFormValues;
  errors: Partial<Record<keyof PassengerFormValues, string>>;
}

const TYPE_HINT = { ADT: 'adult (12 or older)', CHD: 'child (2–11)', INF: 'infant on a lap (under 2)' } as const;

/**
 * Names and dates of birth, one passenger at a time, from the form or typed ("Ada Lovelace
 * 1990-12-10", "Ada Lovelace born 10 Dec 1990"). Re-asks with the problem named: empty or impossible
 * names, unreadable or future dates, or an age that does not fit the passenger booked (a child must
 * be 2–11 on the day of travel).
 */
export class PassengerDetailsDialog extends StepDialog<{ draft: BookingDraft }, PassengerDetailsResult, Data> {
  constructor(deps: DialogDeps) {
    super(PASSENGER_DETAILS_DIALOG, deps);
  }

  protected initialData(o: { draft: BookingDraft }): Data {
    return { passengers: [...o.draft.passengers], values: {}, errors: {} };
  }

  protected override async ask(_ctx: TurnContext, o: { draft: BookingDraft }, data: Data): Promise<BotMessage> {
    const i = data.passengers.length;
    const total = total_(o.draft);
    const type = expectedType(o.draft, i);
    const errors = Object.values(data.errors);
    return {
      text: errors.length
        ? `${errors.join(' ')} Please check passenger ${i + 1}.`
        : `Passenger ${i + 1} of ${total}, ` +
          `${TYPE_HINT[type]}: first name, last name and date of birth, as on the passport (e.g. Ada Lovelace 1990-12-10).`,
      card: {
        kind: 'passenger_form',
        index: i,
        total,
        typeHint: TYPE_HINT[type],
        values: data.values,
        errors: data.errors,
      },
    };
  }

  protected override async interpret(
    ctx: TurnContext,
    o: { draft: BookingDraft },
    data: Data,
    reply: Reply,
    u: Understanding,
  ): Promise<StepOutcome<PassengerDetailsResult>> {
    const form = reply.value && 'form' in reply.value && reply.value.form === 'passenger' ? reply.value : null;
    const values: PassengerFormValues = form
      ? { firstName: form.firstName, lastName: form.lastName, dateOfBirth: form.dateOfBirth }
      : parsePassengerText(reply.text, timeZoneOf(ctx));
    // Only an explicit change of plan ("actually 2 adults") leaves this step; names and birth dates are not trip dates.
    if (!form && saysChange(reply.text)) {
      const change = criteriaChanges(u, o.draft.criteria, reply.text);
      if (change) return { kind: 'done', result: { correction: change, passengers: data.passengers } };
    }
    data.values = values;
    data.errors = this.check(ctx, o.draft, data.passengers.length, values);
    if (Object.keys(data.errors).length) return { kind: 'retry', message: await this.ask(ctx, o, data) };
    data.passengers.push({
      firstName: values.firstName!.trim(),
      lastName: values.lastName!.trim(),
      dateOfBirth: values.dateOfBirth!,
    });
    data.values = {};
    if (data.passengers.length >= total_(o.draft)) return { kind: 'done', result: { passengers: data.passengers } };
    return { kind: 'show', message: await this.ask(ctx, o, data) };
  }

  private check(ctx: TurnContext, d: BookingDraft, i: number, v: PassengerFormValues): Data['errors'] {
    const errors: Data['errors'] = {};
    const first = nameProblem(v.firstName, 'First name');
    const last = nameProblem(v.lastName, 'Last name');
    if (first) errors.firstName = first;
    if (last) errors.lastName = last;
    const today = todayIn(timeZoneOf(ctx), this.deps.clock.now());
    if (!v.dateOfBirth || !isIsoDate(v.dateOfBirth)) errors.dateOfBirth = 'I need the date of birth, e.g. 1990-12-10.';
    else if (v.dateOfBirth > today) errors.dateOfBirth = 'The date of birth is in the future.';
    else {
      const travel = d.criteria.departDate ?? today;
      const want = expectedType(d, i);
      const got = paxTypeForAge(ageOn(v.dateOfBirth, travel));
      if (ageOn(v.dateOfBirth, travel) > 120) errors.dateOfBirth = 'That date of birth is more than 120 years ago.';
      else if (got !== want)
        errors.dateOfBirth =
          `This passenger was booked as ` +
          `${withArticle(TYPE_HINT[want])}, but would be ` +
          `${withArticle(TYPE_HINT[got])} on the day of travel. Check the date, or tell me the right number of adults, children and infants.`;
    }
    return errors;
  }
}

/** "an adult (12 or older)", "a child (2–11)", "an infant on a lap (under 2)". */
function withArticle(hint: string): string {
  return `${/^[aeiou]/i.test(hint) ? 'an' : 'a'} ${hint}`;
}

function total_(d: BookingDraft): number {
  const p = partyOf(d.criteria);
  return p.adults + p.children + p.infants;
}

/** Passengers are asked adults first, then children, then infants. */
function expectedType(d: BookingDraft, i: number): 'ADT' | 'CHD' | 'INF' {
  const p = partyOf(d.criteria);
  return i < p.adults ? 'ADT' : i < p.adults + p.children ? 'CHD' : 'INF';
}

/** "Ada Lovelace 1990-12-10", "Ada King Lovelace, born 10 Dec 1990": the date anywhere, the name around it. */
export function parsePassengerText(text: string, timeZone: string): PassengerFormValues {
  let rest = text;
  let dateOfBirth: string | undefined;
  const iso = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/.exec(text);
  if (iso) {
    dateOfBirth = `${iso[1]}-${iso[2]!.padStart(2, '0')}-${iso[3]!.padStart(2, '0')}`;
    rest = text.replace(iso[0], ' ');
  } else {
    const parser = timeZone.startsWith('America/') ? chrono.en : chrono.en.GB;
    const hit = parser.parse(text, new Date(), { forwardDate: false }).find((r) => r.start.isCertain('year'));
    if (hit) {
      const d = hit.start;
      dateOfBirth =
        `${d.get('year')}-${String(d.get('month')).padStart(2, '0')}-` + `${String(d.get('day')).padStart(2, '0')}`;
      rest = text.slice(0, hit.index) + ' ' + text.slice(hit.index + hit.text.length);
    }
  }
  const words = rest
    .replace(/\b(born|dob|date of birth|on|name|is|my|passenger)\b/gi, ' ')
    .replace(/[,;:]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const firstName = words.length > 1 ? words.slice(0, -1).join(' ') : words[0];
  const lastName = words.length > 1 ? words[words.length - 1] : undefined;
  return { firstName, lastName, dateOfBirth };
}
