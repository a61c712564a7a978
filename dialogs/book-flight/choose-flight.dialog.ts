import type { TurnContext } from 'botbuilder';
import type { Offer, SearchResult } from '../../api/services/search.service';
import { isDomainError } from '../../api/errors';
import { formatMoney } from '../../api/domain/money';
import { daysBetween } from '../../api/domain/time';
import { formatLocalDate } from '../../cards/shared/format';
import type { BotMessage, Choice } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { StepDialog, type StepOutcome } from '../core/step.dialog';
import { ERROR_SENTENCES } from '../error-sentences';
import { matchChoice, type Reply } from '../messages';
import type { Understanding } from '../nlu';
import type { PlaceChoice, SearchCriteria } from '../state';
import { criteriaChanges, describeParty, describeWindow, partyOf, searchQuery, searchWindow } from './draft';
import { referableOffer, referredItem } from './references';

export const CHOOSE_FLIGHT_DIALOG = 'chooseFlight';

export interface ChooseFlightOptions {
  criteria: SearchCriteria;
  direction: 'outbound' | 'inbound';
}

/** The chosen offer with any filters the traveller set on the way, or a change to the search itself. */
export type ChooseFlightResult =
  { offer: Offer; criteria: SearchCriteria } | { correction: Partial<SearchCriteria>; criteria: SearchCriteria };

interface Data {
  criteria: SearchCriteria;
  page: number;
}

const FILTER_HINT = 'Pick a flight, or say "more", "cheapest", "shortest", "nonstop only", "morning" or "± 3 days".';

/**
 * Shows the best few flights first, pages on with "more", and re-searches when the traveller filters
 * or sorts in words ("cheapest", "nonstop only", "morning", "shortest", "± 3 days" → price calendar).
 * Changes to the trip itself (places, dates, party, cabin) go back to the booking dialog.
 */
export class ChooseFlightDialog extends StepDialog<ChooseFlightOptions, ChooseFlightResult, Data> {
  constructor(deps: DialogDeps) {
    super(CHOOSE_FLIGHT_DIALOG, deps);
  }

  protected initialData(o: ChooseFlightOptions): Data {
    return { criteria: { ...o.criteria }, page: 1 };
  }

  protected override async ask(_ctx: TurnContext, o: ChooseFlightOptions, data: Data): Promise<BotMessage> {
    return this.results(o.direction, data);
  }

  protected override async interpret(
    _ctx: TurnContext,
    o: ChooseFlightOptions,
    data: Data,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<ChooseFlightResult>> {
    const picked = matchChoice(reply, shown);
    const list = shown.card?.kind === 'flight_list' ? shown.card.offers.map((x) => x.offer) : [];
    if (picked?.value.startsWith('offer:')) {
      const offer = list.find((x) => `offer:${x.id}` === picked.value);
      if (offer) return { kind: 'done', result: { offer, criteria: data.criteria } };
    }
    if (picked?.value === 'more' || (u.more && !picked)) {
      // Everything is on screen already: say so and keep the list (rather than an empty next page).
      if (shown.card?.kind === 'flight_list' && !shown.card.more)
        return {
          kind: 'retry',
          message: {
            ...shown,
            text:
              `That's all the flights I found for this day. Pick one by its number, ` +
              `or try "± 3 days", another date or another time of day.`,
          },
        };
      data.page++;
      return { kind: 'show', message: await this.results(o.direction, data) };
    }
    if (picked?.value.startsWith('date:')) return this.changeDate(o, data, picked.value.slice(5), shown);
    if (picked?.value === 'flex') return this.refine(o, data, { flexDays: 3 });
    if (picked?.value === 'connections') return this.refine(o, data, { nonStop: false });
    if (picked?.value.startsWith('clear:')) return this.refine(o, data, cleared(picked.value.slice(6), o.direction));

    // "the first one", "that one", "the cheaper one", "the BA115 one at 7pm".
    const ref = referredItem(reply.text, list.map(referableOffer), u.departTime);
    if (ref && 'index' in ref) return { kind: 'done', result: { offer: list[ref.index]!, criteria: data.criteria } };
    if (ref && 'ambiguous' in ref)
      return { kind: 'retry', message: { ...shown, text: 'Which one? Say its number, for example "1".' } };
    if (ref && 'flightNumber' in ref) return this.findFlight(o, data, ref.flightNumber, shown);

    const removed = removedFilters(reply.text, data.criteria, o.direction);
    if (removed) return this.refine(o, data, removed);
    const change = criteriaChanges(u, data.criteria, reply.text);
    if (change) {
      // A new date for this direction is a refinement here; anything else changes the trip.
      const dateKey = o.direction === 'outbound' ? 'departDate' : 'returnDate';
      const { [dateKey]: date, ...rest } = change;
      if (
        date &&
        Object.keys(rest).length === 0 &&
        (o.direction === 'inbound' || !data.criteria.returnDate || date <= data.criteria.returnDate)
      )
        return this.changeDate(o, data, date, shown);
      return { kind: 'done', result: { correction: change, criteria: data.criteria } };
    }
    const refine: Partial<SearchCriteria> = {};
    if (u.sort) refine.sort = u.sort;
    if (u.nonStop !== null) refine.nonStop = u.nonStop;
    if (u.departTime) refine[o.direction === 'outbound' ? 'departTime' : 'returnTime'] = u.departTime;
    if (u.airline) Object.assign(refine, { airline: u.airline.code, airlineName: u.airline.name });
    if (u.flexDays !== null) refine.flexDays = Math.min(3, u.flexDays);
    if (Object.keys(refine).length) return this.refine(o, data, refine);
    return { kind: 'retry', message: { ...shown, text: `Sorry, I didn't get that. ${FILTER_HINT}` }, confused: true };
  }

  /**
   * A flight named by number that is not on screen ("the BA115 one"): looked for among all the day's flights
   * (whatever the filters), picked if found, else said plainly with the list kept.
   */
  private async findFlight(
    o: ChooseFlightOptions,
    data: Data,
    flightNumber: string,
    shown: BotMessage,
  ): Promise<StepOutcome<ChooseFlightResult>> {
    const c = { ...data.criteria, airline: undefined, departTime: undefined, returnTime: undefined, nonStop: false };
    const date = o.direction === 'outbound' ? c.departDate : c.returnDate;
    try {
      const r = await this.deps.api.searchFlights({ ...searchQuery(c, o.direction, { limit: 50 }), flexDays: 0 });
      const offers = o.direction === 'outbound' ? r.outbound : (r.inbound ?? r.outbound);
      const offer = offers.find((x) => x.segments.some((seg) => seg.flightNumber === flightNumber));
      if (offer) return { kind: 'done', result: { offer, criteria: data.criteria } };
    } catch (err) {
      if (!isDomainError(err)) throw err;
    }
    return {
      kind: 'retry',
      message: {
        ...shown,
        text:
          `I can't find ${flightNumber} on ${date ? formatLocalDate(date) : 'that day'} with seats for you. ` +
          `Pick a flight from the list by its number, or tell me another date.`,
      },
    };
  }

  private async refine(
    o: ChooseFlightOptions,
    data: Data,
    refine: Partial<SearchCriteria>,
  ): Promise<StepOutcome<ChooseFlightResult>> {
    data.criteria = { ...data.criteria, ...refine };
    data.page = 1;
    return { kind: 'show', message: await this.results(o.direction, data) };
  }

  /**
   * Another date for this direction; a departure after the return changes the trip, a return before the departure is
   * refused.
   */
  private async changeDate(
    o: ChooseFlightOptions,
    data: Data,
    date: string,
    shown: BotMessage,
  ): Promise<StepOutcome<ChooseFlightResult>> {
    const c = data.criteria;
    if (o.direction === 'outbound' && c.returnDate && date > c.returnDate)
      return { kind: 'done', result: { correction: { departDate: date }, criteria: c } };
    if (o.direction === 'inbound' && c.departDate && date < c.departDate)
      return {
        kind: 'retry',
        message: {
          ...shown,
          text:
            `${formatLocalDate(date)} is before your departure on ` +
            `${formatLocalDate(c.departDate)}. Pick a return flight, or a date on or after it.`,
        },
      };
    if (o.direction === 'outbound') data.criteria.departDate = date;
    else data.criteria.returnDate = date;
    data.page = 1;
    return { kind: 'show', message: await this.results(o.direction, data) };
  }

  /** Searches and shows one page of offers (and the price calendar when dates are flexible). */
  private async results(direction: 'outbound' | 'inbound', data: Data): Promise<BotMessage> {
    const c = data.criteria;
    const q = searchQuery(c, direction, { page: data.page, limit: this.deps.pageSize });
    let result: SearchResult;
    try {
      result = await this.deps.api.searchFlights(q);
    } catch (err) {
      if (isDomainError(err))
        return { text: `${ERROR_SENTENCES[err.code].says} Tell me what to change, e.g. another date.` };
      throw err;
    }
    const offers = direction === 'outbound' ? result.outbound : (result.inbound ?? result.outbound);
    const total =
      direction === 'outbound'
        ? result.paging.totalOutbound
        : (result.paging.totalInbound ?? result.paging.totalOutbound);
    // The return is searched as a one-way trip of its own: its calendar comes back as the outbound one.
    const calendar =
      direction === 'outbound' ? result.calendar?.outbound : (result.calendar?.inbound ?? result.calendar?.outbound);
    const from = direction === 'outbound' ? c.origin! : c.destination!;
    const to = direction === 'outbound' ? c.destination! : c.origin!;
    const filters = filtersShown(c, direction);
    const heading =
      `${direction === 'inbound' ? 'Return: ' : ''}${from.label} → ` +
      `${to.label}, ${formatLocalDate(q.departureDate)} · ` +
      `${describeParty(c)} · ` +
      `${(c.cabin ?? 'economy').replace('_', ' ')}` +
      filters.map((f) => ` · ${f.label}`).join('');
    const extras: Choice[] = [];
    if (!q.flexDays) extras.push({ value: 'flex', label: '± 3 days' });
    for (const f of filters) extras.push({ value: `clear:${f.key}`, label: f.remove });
    if (offers.length === 0) return this.noFlights(direction, data, heading, extras, calendar);
    const shownSoFar = (data.page - 1) * q.limit + offers.length;
    const sortNote =
      q.sort === 'price'
        ? 'cheapest first'
        : q.sort === 'duration'
          ? 'shortest first'
          : q.sort === 'departure'
            ? 'earliest first'
            : 'earliest arrival first';
    const notes = [
      ...(filters.length ? [`Say ${filters.map((f) => `"${f.remove.toLowerCase()}"`).join(' or ')} to widen it.`] : []),
      ...narrowingHints(from, to),
      ...(direction === 'outbound' && !c.tripType && !c.returnDate
        ? ['One way for now: tell me a return date (e.g. "back on Sunday") to add the way back.']
        : []),
      ...(direction === 'outbound' && c.tripType === 'round_trip' && !c.returnDate
        ? ["The way out first: I'll ask when you're coming back once you've picked this flight."]
        : []),
    ];
    const message: BotMessage = {
      text:
        `${heading}\n${total} flight${total === 1 ? '' : 's'}` +
        `${q.nonStop ? ' (nonstop)' : ''}, ${sortNote}` +
        `${total > shownSoFar || data.page > 1 ? ` (${shownSoFar} of ${total} shown)` : ''}. ` +
        `${FILTER_HINT}` +
        notes.map((n) => `\n${n}`).join(''),
      card: {
        kind: 'flight_list',
        direction,
        from: from.label,
        to: to.label,
        date: q.departureDate,
        cabin: q.cabin,
        passengers: partyOf(c).adults + partyOf(c).children + partyOf(c).infants,
        offers: offers.map((offer) => ({ offer, choice: `offer:${offer.id}` })),
        total,
        shown: shownSoFar,
        ...(shownSoFar < total ? { more: 'more' } : {}),
      },
      choices: extras,
    };
    if (calendar && data.page === 1)
      return {
        ...message,
        text: `${message.text}\nPrices for nearby dates are below; pick a date to see its flights.`,
        card: message.card,
        choices: [
          ...calendarChoices(calendar, q.departureDate, direction === 'inbound' ? c.departDate : undefined),
          ...extras,
        ],
      };
    return message;
  }

  /**
   * No flights: a day without flights offers the nearest dates that have some (three days either side, with the
   * same filters); flights there only without the filters say so; nothing at all that week means the route is
   * probably not flown, which is said as such.
   */
  private async noFlights(
    direction: 'outbound' | 'inbound',
    data: Data,
    heading: string,
    extras: Choice[],
    calendar: NonNullable<SearchResult['calendar']>['outbound'] | undefined,
  ): Promise<BotMessage> {
    const c = data.criteria;
    const q = searchQuery(c, direction, { page: 1, limit: 1 });
    const notBefore = direction === 'inbound' ? c.departDate : undefined;
    const around = async (criteria: SearchCriteria) => {
      try {
        const r = await this.deps.api.searchFlights({ ...searchQuery(criteria, direction, { limit: 1 }), flexDays: 3 });
        return direction === 'outbound' ? r.calendar?.outbound : (r.calendar?.inbound ?? r.calendar?.outbound);
      } catch (err) {
        if (isDomainError(err)) return undefined;
        throw err;
      }
    };
    if (data.page > 1) return { text: `${heading}\nNo flights left. Pick a date or try "± 3 days".`, choices: extras };
    const week = calendar ?? (await around(c));
    const dates = nearestDates(week ?? [], q.departureDate, notBefore);
    const calendarCard = (days: typeof week) =>
      days
        ? {
            kind: 'price_calendar' as const,
            direction,
            selected: q.departureDate,
            days: days.map((d) => ({
              ...d,
              ...(d.lowestPrice && (!notBefore || d.date >= notBefore) ? { choice: `date:${d.date}` } : {}),
            })),
          }
        : undefined;
    const none = `No ${q.nonStop ? 'nonstop ' : ''}flights on ${formatLocalDate(q.departureDate)}`;
    if (dates.length)
      return {
        text:
          `${heading}\n${none}. The nearest date${dates.length > 1 ? 's' : ''} with flights: ` +
          `${dates.map((d) => formatLocalDate(d)).join(', ')}. Pick one, or tell me another date.`,
        card: calendarCard(week),
        choices: [...dates.map((d) => ({ value: `date:${d}`, label: formatLocalDate(d) })), ...extras],
      };
    const unfiltered = { ...c, nonStop: false, airline: undefined, departTime: undefined, returnTime: undefined };
    const filtered = filtersShown(c, direction).length > 0;
    const wide = filtered ? await around(unfiltered) : undefined;
    if (wide && nearestDates(wide, q.departureDate, notBefore).length)
      return {
        text:
          `${heading}\n${none} with these filters, and none that week either. ` +
          `There are flights without them: say ${filtersShown(c, direction)
            .map((f) => `"${f.remove.toLowerCase()}"`)
            .join(' or ')}.`,
        choices: extras,
      };
    const from = direction === 'outbound' ? c.origin! : c.destination!;
    const to = direction === 'outbound' ? c.destination! : c.origin!;
    return {
      text:
        `${heading}\nI can't find any flights from ${placeName(from)} to ${placeName(to)} in the week around ` +
        `${formatLocalDate(q.departureDate)}: that route doesn't seem to be flown. ` +
        `Try a nearby airport or another destination.`,
    };
  }
}

/** A filter in force, as the heading shows it and as the traveller removes it. */
interface ShownFilter {
  key: 'airline' | 'time' | 'nonstop';
  label: string;
  remove: string;
}

/** The filters applied to one direction's search, for the heading ("nonstop", "British Airways only"…). */
function filtersShown(c: SearchCriteria, direction: 'outbound' | 'inbound'): ShownFilter[] {
  const out: ShownFilter[] = [];
  if (c.nonStop) out.push({ key: 'nonstop', label: 'nonstop', remove: 'With connections' });
  if (c.airline) out.push({ key: 'airline', label: `${c.airlineName ?? c.airline} only`, remove: 'Any airline' });
  const w = direction === 'outbound' ? c.departTime : c.returnTime;
  if (w && (searchWindow(w).from || searchWindow(w).to))
    out.push({ key: 'time', label: `leaving ${describeWindow(w)}`, remove: 'Any time' });
  return out;
}

/** The criteria without one filter (a "clear:…" choice). */
function cleared(key: string, direction: 'outbound' | 'inbound'): Partial<SearchCriteria> {
  if (key === 'nonstop') return { nonStop: false };
  if (key === 'airline') return { airline: undefined, airlineName: undefined };
  if (key === 'time') return direction === 'outbound' ? { departTime: undefined } : { returnTime: undefined };
  return {};
}

/** Filters removed in words: "any airline", "any time", "connections are fine", "no filters". */
function removedFilters(
  text: string,
  c: SearchCriteria,
  direction: 'outbound' | 'inbound',
): Partial<SearchCriteria> | null {
  const t = text.toLowerCase();
  const out: Partial<SearchCriteria> = {};
  const all = /\b(no|without|remove|clear|drop)( the| all| any)? filters?\b|\bshow (me )?(all|everything)\b/.test(t);
  if (
    c.airline &&
    (all || /\b(any|all|other|every) airlines?\b|\bany carrier\b|\bdon'?t mind (the|which) airline/.test(t))
  )
    Object.assign(out, cleared('airline', direction));
  if (
    (direction === 'outbound' ? c.departTime : c.returnTime) &&
    (all || /\b(any ?time|any time of (the )?day|all day|whenever|don'?t mind (the|what) time)\b/.test(t))
  )
    Object.assign(out, cleared('time', direction));
  if (
    c.nonStop &&
    (all ||
      /\b(with )?(connections?|stops?)( are| is)? (ok|okay|fine)\b|\bwith connections\b|\bconnections too\b/.test(t))
  )
    Object.assign(out, cleared('nonstop', direction));
  return Object.keys(out).length ? out : null;
}

/** "Searching every London airport: say "only Heathrow" to narrow it down." for a city searched whole. */
function narrowingHints(...places: PlaceChoice[]): string[] {
  return places.flatMap((p) => {
    const airports = p.airports ?? [];
    if (!p.city || airports.length < 2 || airports.some((a) => a.code === p.code)) return [];
    return [
      `Searching every ${p.city} airport (${airports.map((a) => a.name).join(', ')}): ` +
        `say "only ${airports[0]!.name}" to narrow it down.`,
    ];
  });
}

/** "London" for "London (any airport)", "Paris CDG" stays as it is. */
function placeName(p: PlaceChoice): string {
  return p.city && p.airports?.length && !p.airports.some((a) => a.code === p.code) ? p.city : p.label;
}

/** The dates with flights closest to `date` (both sides when they are as close), never before `notBefore`. */
function nearestDates(days: NonNullable<SearchResult['calendar']>['outbound'], date: string, notBefore?: string) {
  const open = days.filter((d) => d.lowestPrice && d.date !== date && (!notBefore || d.date >= notBefore));
  if (!open.length) return [];
  const gap = (d: string) => Math.abs(daysBetween(date, d));
  const best = Math.min(...open.map((d) => gap(d.date)));
  return open.filter((d) => gap(d.date) === best).map((d) => d.date);
}

/** The other dates with seats (a return never before the departure, `notBefore`). */
function calendarChoices(
  days: NonNullable<SearchResult['calendar']>['outbound'],
  selected: string,
  notBefore?: string,
): Choice[] {
  return days
    .filter((d) => d.lowestPrice && d.date !== selected && (!notBefore || d.date >= notBefore))
    .map((d) => ({
      value: `date:${d.date}`,
      label: `${formatLocalDate(d.date)} · from ${formatMoney(d.lowestPrice!)}`,
    }));
}
