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
import type { SearchCriteria } from '../state';
import { criteriaChanges, describeParty, partyOf, searchQuery } from './draft';

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
    if (picked?.value.startsWith('offer:')) {
      const offer =
        shown.card?.kind === 'flight_list'
          ? shown.card.offers.find((x) => x.choice === picked.value)?.offer
          : undefined;
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

    const change = criteriaChanges(u, data.criteria);
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
    if (u.airline) refine.airline = u.airline.code;
    if (u.flexDays !== null) refine.flexDays = Math.min(3, u.flexDays);
    if (Object.keys(refine).length) return this.refine(o, data, refine);
    return { kind: 'retry', message: { ...shown, text: `Sorry, I didn't get that. ${FILTER_HINT}` }, confused: true };
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
    const heading =
      `${direction === 'inbound' ? 'Return: ' : ''}${from.label} → ` +
      `${to.label}, ${formatLocalDate(q.departureDate)} · ` +
      `${describeParty(c)} · ` +
      `${(c.cabin ?? 'economy').replace('_', ' ')}`;
    const extras: Choice[] = [];
    if (!q.flexDays) extras.push({ value: 'flex', label: '± 3 days' });
    if (q.nonStop) extras.push({ value: 'connections', label: 'Show connections too' });
    if (offers.length === 0) {
      const bookable = (d: NonNullable<typeof calendar>[number]) =>
        d.lowestPrice && (direction === 'outbound' || !c.departDate || d.date >= c.departDate);
      const far = (d: NonNullable<typeof calendar>[number]) => Math.abs(daysBetween(q.departureDate, d.date));
      const nearest = calendar
        ?.filter(bookable)
        .sort((a, b) => far(a) - far(b) || a.lowestPrice!.amount - b.lowestPrice!.amount)[0];
      return {
        text:
          `${heading}\nNo ${q.nonStop ? 'nonstop ' : ''}flights ` +
          `${data.page > 1 ? 'left' : 'that day'}.` +
          `${nearest ? ` The nearest date with seats is ${formatLocalDate(nearest.date)}.` : ` Try another date${q.flexDays ? '' : ', "± 3 days"'}${q.nonStop ? ' or "show connections too"' : ''}.`}`,
        card: calendar
          ? {
              kind: 'price_calendar',
              direction,
              selected: q.departureDate,
              days: calendar.map((d) => ({
                ...d,
                ...(d.lowestPrice && (direction === 'outbound' || !c.departDate || d.date >= c.departDate)
                  ? { choice: `date:${d.date}` }
                  : {}),
              })),
            }
          : undefined,
        choices: extras,
      };
    }
    const shownSoFar = (data.page - 1) * q.limit + offers.length;
    const sortNote =
      q.sort === 'price'
        ? 'cheapest first'
        : q.sort === 'duration'
          ? 'shortest first'
          : q.sort === 'departure'
            ? 'earliest first'
            : 'earliest arrival first';
    const message: BotMessage = {
      text:
        `${heading}\n${total} flight${total === 1 ? '' : 's'}` +
        `${q.nonStop ? ' (nonstop)' : ''}, ${sortNote}. ` +
        `${FILTER_HINT}`,
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
