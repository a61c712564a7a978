import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../../api/errors';
import { formatMoney } from '../../api/domain/money';
import type { BookingView } from '../../api/services/booking-view';
import type { FlightChangeQuote } from '../../api/services/flight-change.service';
import type { Offer } from '../../api/services/search.service';
import { formatLocalDate, formatLocalTime } from '../../cards/shared/format';
import type { BotMessage, Choice } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf, statedTimeZoneOf } from '../core/deps';
import type { StepOutcome } from '../core/step.dialog';
import { errorSentence } from '../error-sentences';
import { matchChoice, type Reply, say } from '../messages';
import type { Understanding } from '../nlu';
import { type BookingRef, BookingStepDialog, type Problem, problemOf } from './shared';

export const CHANGE_FLIGHT_DIALOG = 'manageBooking.flights';

export interface ChangeFlightOptions extends BookingRef {
  /** The new date asked for with the request ("to the 25th"), YYYY-MM-DD. */
  date?: string;
  /** "a later flight" / "an earlier one": on the same day as now. */
  otherTime?: 'later' | 'earlier';
}

export type ChangeFlightResult = { changed: string } | { kept: true } | Problem;

type Direction = 'outbound' | 'inbound';

interface Alternative {
  flightIds: number[];
  label: string;
}

interface Data {
  direction?: Direction;
  date?: string;
  otherTime?: 'later' | 'earlier';
  alternatives?: Alternative[];
  chosen?: Alternative;
  quote?: Pick<FlightChangeQuote, 'due' | 'refund' | 'summary'>;
  note?: string;
}

const KEEP: Choice = { value: 'keep', label: 'Keep my flight' };
const MAX_ALTERNATIVES = 5;

/**
 * Moves a paid booking to other flights on the same route: which direction (asked only on a return trip), the new
 * date (or a later/earlier flight the same day), the flights that day with seats in the booking's cabin, then the
 * quote in one sentence (fare difference, change fee, what to pay or get back) and an explicit yes. A dearer change
 * sends a payment link and changes nothing until it is paid; otherwise it is done at once. The service has the last
 * word (the fare's rules, seats gone meanwhile, a price that moved).
 */
export class ChangeFlightDialog extends BookingStepDialog<
  ChangeFlightOptions,
  { changed: string } | { kept: true },
  Data
> {
  constructor(deps: DialogDeps) {
    super(CHANGE_FLIGHT_DIALOG, deps);
  }

  protected initialData(o: ChangeFlightOptions): Data {
    return { date: o.date, otherTime: o.otherTime };
  }

  protected override async ask(ctx: TurnContext, o: ChangeFlightOptions, data: Data): Promise<BotMessage> {
    const b = await this.booking(ctx, o);
    const note = data.note ? `${data.note}\n` : '';
    const directions = [...new Set(b.flights.map((f) => f.direction))];
    if (!data.direction && directions.length === 1) data.direction = directions[0];
    if (!data.direction)
      return {
        text: `${note}Which flight would you like to change?`,
        choices: [
          { value: 'dir:outbound', label: `Outbound ${journeyLabel(b, 'outbound')}` },
          { value: 'dir:inbound', label: `Return ${journeyLabel(b, 'inbound')}` },
          KEEP,
        ],
      };
    const current = b.flights.filter((f) => f.direction === data.direction);
    if (!data.date && !data.otherTime)
      return {
        text:
          `${note}You're on ${journeyLabel(b, data.direction)}. Which date would you like to fly instead? ` +
          `(e.g. "the 25th"), or say "later" or "earlier" for another flight that day.`,
        choices: [{ value: 'later', label: 'A later flight that day' }, KEEP],
      };
    if (data.chosen && data.quote) {
      const q = data.quote;
      return {
        text: `${note}Change to ${data.chosen.label}? ${q.summary}`,
        choices: [
          {
            value: 'confirm',
            label: q.due.amount > 0 ? `Yes, pay ${formatMoney(q.due)} and change` : 'Yes, change my flight',
          },
          { value: 'other', label: 'Choose another flight' },
          KEEP,
        ],
      };
    }
    data.alternatives ??= await this.alternatives(b, current, data);
    const day = data.date ?? current[0]!.departureTime.slice(0, 10);
    const when = formatLocalDate(`${day}T12:00:00+00:00`);
    if (data.alternatives.length === 0) {
      const none = data.otherTime
        ? `There is no ${data.otherTime} flight on ${when} with seats in your cabin.`
        : `There are no flights on ${when} with seats in your cabin.`;
      Object.assign(data, { date: undefined, otherTime: undefined, alternatives: undefined });
      return {
        text: `${note}${none} Which other date would you like? (e.g. "the 25th")`,
        choices: [KEEP],
      };
    }
    const from = current[0]!.origin.code;
    const to = current[current.length - 1]!.destination.code;
    return {
      text: `${note}Flights from ${from} to ${to} on ${when} in your ${fareName(current[0]!)} fare. Which one?`,
      choices: [...data.alternatives.map((a, i) => ({ value: `alt:${i}`, label: a.label })), KEEP],
    };
  }

  protected override async interpret(
    ctx: TurnContext,
    o: ChangeFlightOptions,
    data: Data,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<ChangeFlightResult>> {
    const picked = matchChoice(reply, shown)?.value;
    if (picked === 'keep') return { kind: 'done', result: { kept: true } };
    delete data.note;
    try {
      if (!data.direction) {
        if (!picked?.startsWith('dir:'))
          return { kind: 'retry', message: { text: 'Please pick one of the flights.', choices: shown.choices } };
        data.direction = picked.slice(4) as Direction;
        return { kind: 'show', message: await this.ask(ctx, o, data) };
      }
      if (data.chosen && data.quote) return await this.confirm(ctx, o, data, picked, u, shown);
      // A new date or "later" at any point starts the choice again ("what about the 26th?").
      const time = picked === 'later' ? 'later' : /\b(later|earlier)\b/i.exec(reply.text)?.[1]?.toLowerCase();
      if (u.departDate || time) {
        Object.assign(data, {
          date: u.departDate ?? undefined,
          otherTime: u.departDate ? undefined : (time as 'later' | 'earlier'),
          alternatives: undefined,
        });
        return { kind: 'show', message: await this.ask(ctx, o, data) };
      }
      if (!data.alternatives)
        return {
          kind: 'retry',
          message: { text: 'Please give a date, like "the 25th" or "25 December".', choices: shown.choices },
        };
      if (!picked?.startsWith('alt:'))
        return {
          kind: 'retry',
          message: { text: 'Please pick one of the flights, or give another date.', choices: shown.choices },
        };
      data.chosen = data.alternatives[Number(picked.slice(4))]!;
      data.quote = await this.deps.api.quoteFlightChange(
        await identityOf(this.deps, ctx),
        o.pnr,
        { direction: data.direction, flightIds: data.chosen.flightIds },
        o.lastName,
      );
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    } catch (err) {
      if (!isDomainError(err)) throw err;
      return { kind: 'done', result: problemOf(err) };
    }
  }

  /** An explicit yes confirms the quote shown; a moved price or seats gone meanwhile go back with the reason. */
  private async confirm(
    ctx: TurnContext,
    o: BookingRef,
    data: Data,
    picked: string | undefined,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<ChangeFlightResult>> {
    if (picked === 'other' || (!picked && u.intent === 'deny')) {
      Object.assign(data, { chosen: undefined, quote: undefined });
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
    if (picked !== 'confirm' && u.intent !== 'affirm')
      return {
        kind: 'retry',
        message: { text: 'Say "yes" to change your flight, or choose another flight.', choices: shown.choices },
      };
    const chosen = data.chosen!;
    const quote = data.quote!;
    try {
      const after = await this.deps.api.changeFlights(
        await identityOf(this.deps, ctx),
        o.pnr,
        {
          direction: data.direction!,
          flightIds: chosen.flightIds,
          accepted: { due: quote.due.amount, refund: quote.refund.amount },
        },
        o.lastName,
        statedTimeZoneOf(ctx),
      );
      const link = after.flightChange.payment;
      if (after.flightChange.status === 'awaiting_payment' && link) {
        await say(ctx, {
          text:
            `Here is the link to pay ${formatMoney(link.amount)} and change to ${chosen.label}: ${link.url}\n` +
            `I'll tell you here when it's paid.`,
          card: { kind: 'payment_link', pnr: o.pnr, url: link.url, expiresAt: link.expiresAt, amount: link.amount },
        });
        return {
          kind: 'done',
          result: {
            changed:
              'Seats on the new flight are held until the link ends; your booking stays as it is until it is paid. ' +
              'If it is not paid, nothing changes.',
          },
        };
      }
      const refund = after.flightChange.quote.refund;
      return {
        kind: 'done',
        result: {
          changed:
            `Done: you're now on ${chosen.label}, with new ticket numbers.` +
            (refund.amount > 0 ? ` A refund of ${formatMoney(refund)} is on its way to your card.` : '') +
            ' The new e-ticket is on its way by email.',
        },
      };
    } catch (err) {
      if (!isDomainError(err, 'change_quote_changed', 'sold_out', 'seat_contention', 'seat_unavailable')) throw err;
      Object.assign(data, { chosen: undefined, quote: undefined, alternatives: undefined });
      data.note = errorSentence(err.code);
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
  }

  /** Flights on the new date (or later/earlier the same day) with a seat for everyone in the booking's cabin. */
  private async alternatives(b: BookingView, current: BookingView['flights'], data: Data): Promise<Alternative[]> {
    const first = current[0]!;
    const last = current[current.length - 1]!;
    const count = (type: string) => b.passengers.filter((p) => p.type === type).length;
    const result = await this.deps.api.searchFlights({
      origin: first.origin.code,
      destination: last.destination.code,
      departureDate: data.date ?? first.departureTime.slice(0, 10),
      cabin: first.cabin,
      adults: count('ADT'),
      children: count('CHD'),
      infants: count('INF'),
      flexDays: 0,
      nonStop: false,
      sort: 'departure',
      limit: 30,
      page: 1,
      currency: b.price.total.currency,
    });
    const now = current.map((f) => f.flightId).join();
    const fits = (offer: Offer) =>
      offer.segments.map((s) => s.flightId).join() !== now &&
      offer.fares.some((f) => f.fareFamily === first.fareFamily && f.cabin === first.cabin && f.seatsLeft > 0) &&
      (data.otherTime !== 'later' || offer.departureTime > first.departureTime) &&
      (data.otherTime !== 'earlier' || offer.departureTime < first.departureTime);
    return result.outbound
      .filter(fits)
      .slice(0, MAX_ALTERNATIVES)
      .map((offer) => ({ flightIds: offer.segments.map((s) => s.flightId), label: offerLabel(offer) }));
  }

  private async booking(ctx: TurnContext, o: BookingRef): Promise<BookingView> {
    return this.deps.api.getBooking(await identityOf(this.deps, ctx), o.pnr, o.lastName);
  }
}

/** "BA332 Thu 17 Dec 12:45 → 13:45" (with the stops' flight numbers joined). */
function offerLabel(offer: Offer): string {
  const numbers = offer.segments.map((s) => s.flightNumber).join('+');
  const stops = offer.stops === 0 ? '' : ` (${offer.stops} stop${offer.stops > 1 ? 's' : ''})`;
  return (
    `${numbers} ${formatLocalDate(offer.departureTime)} ${formatLocalTime(offer.departureTime)} → ` +
    `${formatLocalTime(offer.arrivalTime)}${stops}`
  );
}

/** "BA330 LHR–CDG Tue 15 Dec 07:15": a direction of the booking as it is. */
function journeyLabel(b: BookingView, direction: Direction): string {
  const legs = b.flights.filter((f) => f.direction === direction);
  const first = legs[0]!;
  const last = legs[legs.length - 1]!;
  return (
    `${legs.map((f) => f.flightNumber).join('+')} ${first.origin.code}–${last.destination.code} ` +
    `${formatLocalDate(first.departureTime)} ${formatLocalTime(first.departureTime)}`
  );
}

function fareName(f: BookingView['flights'][number]): string {
  return f.fareName;
}
