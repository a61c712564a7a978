import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../../api/errors';
import { formatMoney } from '../../api/domain/money';
import type { BagQuote, BagRequest } from '../../api/services/bags.service';
import type { BookingView } from '../../api/services/booking-view';
import type { BotMessage, Choice } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf, statedTimeZoneOf } from '../core/deps';
import type { StepOutcome } from '../core/step.dialog';
import { sayableMessage } from '../error-sentences';
import { matchChoice, type Reply, say } from '../messages';
import type { Understanding } from '../nlu';
import { bagCountIn } from './add-bags-request';
import { type BookingRef, BookingStepDialog, flightLabel, type Problem, problemOf } from './shared';

export const ADD_BAGS_DIALOG = 'manageBooking.bags';

export type AddBagsResult = { changed: string } | { kept: true } | Problem;

export interface AddBagsOptions extends BookingRef {
  /** How many bags the request named ("two suitcases"). */
  count?: number;
}

interface Data {
  /** The flights and passengers the bags are for ("all" picks every one). */
  flightIds?: number[];
  passengers?: number[];
  count?: number;
  /** The price, waiting for "yes". */
  quote?: BagQuote;
  note?: string;
}

type Passenger = BookingView['passengers'][number];

const KEEP: Choice = { value: 'keep', label: 'No bags, thanks' };
const HAUL = { short: 'short haul', medium: 'medium haul', long: 'long haul' } as const;
const NUMBER = /\b(one|two|three|four|five|\d{1,2})\b/i;
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/**
 * Adds extra checked bags to a paid booking: which flight and who (asked only when there are several; "all"
 * covers every one), how many, then the price in one sentence (fare family and route length, from the service)
 * and an explicit yes, which sends a payment link. The bags count once it is paid; the service has the last word
 * (limits, a closed flight).
 */
export class AddBagsDialog extends BookingStepDialog<AddBagsOptions, { changed: string } | { kept: true }, Data> {
  constructor(deps: DialogDeps) {
    super(ADD_BAGS_DIALOG, deps);
  }

  protected initialData(o: AddBagsOptions): Data {
    return o.count ? { count: o.count } : {};
  }

  protected override async ask(ctx: TurnContext, o: AddBagsOptions, data: Data): Promise<BotMessage> {
    const b = await this.booking(ctx, o);
    const people = bagPassengers(b);
    if (!data.flightIds && b.flights.length === 1) data.flightIds = [b.flights[0]!.flightId];
    if (!data.passengers && people.length === 1) data.passengers = [people[0]!.index];
    const note = data.note ? `${data.note}\n` : '';
    if (!data.flightIds)
      return {
        text: `${note}Which flight are the bags for?`,
        choices: [
          ...b.flights.map((f) => ({ value: `flight:${f.flightId}`, label: flightLabel(f) })),
          { value: 'flight:all', label: 'All flights' },
          KEEP,
        ],
      };
    if (!data.passengers)
      return {
        text: `${note}Who are the bags for?`,
        choices: [
          ...people.map((p) => ({ value: `pax:${p.index}`, label: `${p.firstName} ${p.lastName}` })),
          { value: 'pax:all', label: 'Everyone' },
          KEEP,
        ],
      };
    if (!data.count)
      return {
        text: `${note}How many extra checked bags${data.passengers.length > 1 ? ' each' : ''}?`,
        choices: [1, 2, 3].map((n) => ({ value: `count:${n}`, label: `${n} bag${n === 1 ? '' : 's'}` })).concat(KEEP),
      };
    data.quote ??= await this.deps.api.quoteBags(await identityOf(this.deps, ctx), o.pnr, requests(data), o.lastName);
    return {
      text: `${note}${quoteSentence(b, data.quote)} Shall I send a payment link?`,
      choices: [{ value: 'confirm', label: `Yes, pay ${formatMoney(data.quote.total)}` }, KEEP],
    };
  }

  protected override async interpret(
    ctx: TurnContext,
    o: AddBagsOptions,
    data: Data,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<AddBagsResult>> {
    const picked = matchChoice(reply, shown)?.value;
    if (picked === 'keep') return { kind: 'done', result: { kept: true } };
    delete data.note;
    try {
      if (data.quote) return await this.confirm(ctx, o, data, picked, u, shown);
      const b = await this.booking(ctx, o);
      if (!data.flightIds) {
        if (!picked?.startsWith('flight:')) return retry('Please pick a flight, or "All flights".', shown);
        const id = picked.slice(7);
        data.flightIds = id === 'all' ? b.flights.map((f) => f.flightId) : [Number(id)];
      } else if (!data.passengers) {
        if (!picked?.startsWith('pax:')) return retry('Please pick who the bags are for, or "Everyone".', shown);
        const who = picked.slice(4);
        data.passengers = who === 'all' ? bagPassengers(b).map((p) => p.index) : [Number(who)];
      } else {
        const typed = picked?.startsWith('count:') ? Number(picked.slice(6)) : countOf(reply.text);
        if (!typed) return retry('How many bags? Say a number, like 1 or 2.', shown);
        data.count = typed;
      }
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    } catch (err) {
      if (!isDomainError(err)) throw err;
      // Too many bags: say the limit and ask for a number again; anything else ends the step.
      if (!isDomainError(err, 'bag_limit_exceeded')) return { kind: 'done', result: problemOf(err) };
      Object.assign(data, { count: undefined, quote: undefined, note: sayableMessage(err) });
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
  }

  /** An explicit yes asks for the bags and sends the payment link. */
  private async confirm(
    ctx: TurnContext,
    o: AddBagsOptions,
    data: Data,
    picked: string | undefined,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<AddBagsResult>> {
    if (!picked && u.intent === 'deny') return { kind: 'done', result: { kept: true } };
    if (picked !== 'confirm' && u.intent !== 'affirm')
      return retry(`Say "yes" to get the payment link for ${formatMoney(data.quote!.total)}, or "no bags".`, shown);
    const who = await identityOf(this.deps, ctx);
    const after = await this.deps.api.addBags(who, o.pnr, requests(data), o.lastName, statedTimeZoneOf(ctx));
    const link = after.bagOrder.payment;
    await say(ctx, {
      text:
        `Here is the link to pay ${formatMoney(link.amount)} for the bags on booking ${o.pnr}: ${link.url}\n` +
        `I'll tell you here when it's paid.`,
      card: { kind: 'payment_link', pnr: o.pnr, url: link.url, expiresAt: link.expiresAt, amount: link.amount },
    });
    return {
      kind: 'done',
      result: {
        changed:
          'The bags are added as soon as the link is paid, and the updated e-ticket comes by email. If it is not ' +
          'paid, nothing is added or charged.',
      },
    };
  }

  private async booking(ctx: TurnContext, o: BookingRef): Promise<BookingView> {
    return this.deps.api.getBooking(await identityOf(this.deps, ctx), o.pnr, o.lastName);
  }
}

/** Passengers who can have checked bags (lap infants have no allowance). */
function bagPassengers(b: BookingView): Passenger[] {
  return b.passengers.filter((p) => p.type !== 'INF');
}

function requests(data: Data): BagRequest[] {
  return data.flightIds!.flatMap((flightId) =>
    data.passengers!.map((passenger) => ({ passenger, flightId, bags: data.count! })),
  );
}

function countOf(text: string): number | undefined {
  const said = bagCountIn(text);
  if (said) return said;
  const m = NUMBER.exec(text)?.[1]?.toLowerCase();
  return m ? (WORDS[m] ?? Number(m)) : undefined;
}

function retry(text: string, shown: BotMessage): StepOutcome<AddBagsResult> {
  return { kind: 'retry', message: { text, choices: shown.choices } };
}

/**
 * The quote in one sentence: "2 extra checked bags for Ada on BA117 (short haul, up to 23 kg each) cost £56.
 * The Standard fare already includes 1."
 */
export function quoteSentence(b: BookingView, q: BagQuote): string {
  const parts = q.bags.map((l) => {
    const p = b.passengers.find((x) => x.index === l.passenger);
    const f = b.flights.find((x) => x.flightId === l.flightId);
    const included = l.included > 0 ? `; the fare includes ${l.included}` : '';
    const added = l.added > 0 ? `, ${l.added} already added` : '';
    return (
      `${l.bags} for ${p?.firstName ?? `passenger ${l.passenger + 1}`} on ${f?.flightNumber ?? l.flightId} ` +
      `(${HAUL[l.haul]}, ${formatMoney(l.unitPrice)} each, up to ${l.weightKg} kg${included}${added})`
    );
  });
  const bags = q.bags.reduce((n, l) => n + l.bags, 0);
  return `${bags} extra checked bag${bags === 1 ? '' : 's'}: ${parts.join('; ')}. Total ${formatMoney(q.total)}.`;
}
