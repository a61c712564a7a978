import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../../api/errors';
import { formatMoney } from '../../api/domain/money';
import { normaliseDesignator } from '../../api/domain/seat-layout';
import type { Money } from '../../api/domain/types';
import type { BookingView } from '../../api/services/booking-view';
import type { SeatView } from '../../api/services/seatmap.service';
import type { BotMessage } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf, statedTimeZoneOf } from '../core/deps';
import type { StepOutcome } from '../core/step.dialog';
import { sayableMessage } from '../error-sentences';
import { matchChoice, type Reply, say } from '../messages';
import type { Understanding } from '../nlu';
import { type BookingRef, BookingStepDialog, flightLabel, type Problem, problemOf } from './shared';

export const CHANGE_SEAT_DIALOG = 'manageBooking.seat';

export type ChangeSeatResult = { changed: string } | { kept: true } | Problem;

interface Data {
  flightId?: number;
  passenger?: number;
  /** The seat chosen, waiting for "yes". */
  seat?: string;
  /** What the move costs (0 = free): the seat's price on a hold, the difference to pay on a paid booking. */
  cost?: Money;
  /** Paid bookings: what comes back for a cheaper seat, and what the fare keeps. */
  refund?: Money;
  kept?: Money;
  note?: string;
}

type Flight = BookingView['flights'][number];
type Passenger = BookingView['passengers'][number];

const KEEP = { value: 'keep', label: 'Keep my seat' };
const POSITION = /\b(window|aisle|middle)\b/i;

/**
 * Moves one passenger to another seat on one flight: which flight and who (asked only when there
 * are several), the seat from the live map ("12A", "window", "aisle"), then an explicit yes with the
 * price. On a paid booking the service quotes the difference first: a dearer seat is held and paid through a link
 * (the current seat stays until then), a cheaper one refunds under the fare's rules. The service has the last word
 * (seat taken meanwhile, closed flight).
 */
export class ChangeSeatDialog extends BookingStepDialog<BookingRef, { changed: string } | { kept: true }, Data> {
  constructor(deps: DialogDeps) {
    super(CHANGE_SEAT_DIALOG, deps);
  }

  protected initialData(): Data {
    return {};
  }

  protected override async ask(ctx: TurnContext, o: BookingRef, data: Data): Promise<BotMessage> {
    const b = await this.booking(ctx, o);
    const seated = b.passengers.filter((p) => p.type !== 'INF');
    if (data.flightId === undefined && b.flights.length === 1) data.flightId = b.flights[0]!.flightId;
    if (data.passenger === undefined && seated.length === 1) data.passenger = seated[0]!.index;
    const note = data.note ? `${data.note}\n` : '';
    if (data.flightId === undefined)
      return {
        text: `${note}Which flight?`,
        choices: [...b.flights.map((f) => ({ value: `flight:${f.flightId}`, label: flightLabel(f) })), KEEP],
      };
    const flight = b.flights.find((f) => f.flightId === data.flightId)!;
    if (data.passenger === undefined)
      return {
        text: `${note}Who would like another seat on ${flight.flightNumber}?`,
        choices: [
          ...seated.map((p) => ({
            value: `pax:${p.index}`,
            label: `${p.firstName} ${p.lastName} (${p.seats[String(flight.flightId)] ?? 'no seat yet'})`,
          })),
          KEEP,
        ],
      };
    const pax = b.passengers.find((p) => p.index === data.passenger)!;
    if (data.seat && data.cost)
      return {
        text: `${note}Move ${pax.firstName} to ${data.seat} on ${flight.flightNumber}? ${priceSentence(b, data)}`,
        choices: [
          {
            value: 'confirm',
            label:
              b.status === 'confirmed' && data.cost.amount > 0
                ? `Yes, pay ${formatMoney(data.cost)} for ${data.seat}`
                : `Yes, move to ${data.seat}`,
          },
          { value: 'other', label: 'Choose another seat' },
          KEEP,
        ],
      };
    const map = await this.deps.api.seatMap(flight.flightId, seatMapOptions(b, flight, pax));
    const now = pax.seats[String(flight.flightId)];
    return {
      text:
        `${note}` +
        `${now ? `${pax.firstName} is in ${now} on ${flight.flightNumber}. ` : ''}Pick a new seat on the map or type it (e.g. 14C), or say "window" or "aisle".`,
      card: {
        kind: 'seat_map',
        seatMap: map,
        flightLabel: flightLabel(flight),
        passengerName: `${pax.firstName} ${pax.lastName}`,
        chosen: now ? [now] : [],
        cabin: flight.cabin,
      },
      choices: [{ value: 'window', label: 'Any window seat' }, { value: 'aisle', label: 'Any aisle seat' }, KEEP],
    };
  }

  protected override async interpret(
    ctx: TurnContext,
    o: BookingRef,
    data: Data,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<ChangeSeatResult>> {
    const picked = matchChoice(reply, shown)?.value;
    if (picked === 'keep') return { kind: 'done', result: { kept: true } };
    delete data.note;
    try {
      if (data.flightId === undefined || data.passenger === undefined) {
        if (picked?.startsWith('flight:')) data.flightId = Number(picked.slice(7));
        else if (picked?.startsWith('pax:')) data.passenger = Number(picked.slice(4));
        else return { kind: 'retry', message: { text: 'Please pick one of the options.', choices: shown.choices } };
        return { kind: 'show', message: await this.ask(ctx, o, data) };
      }
      if (data.seat) return await this.confirm(ctx, o, data, picked, u, shown);
      return await this.pickSeat(ctx, o, data, reply, picked, shown);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      return { kind: 'done', result: problemOf(err) };
    }
  }

  /** "12A", a seat on the card, or the best free window/aisle seat; checked against the live map. */
  private async pickSeat(
    ctx: TurnContext,
    o: BookingRef,
    data: Data,
    reply: Reply,
    picked: string | undefined,
    shown: BotMessage,
  ): Promise<StepOutcome<ChangeSeatResult>> {
    const b = await this.booking(ctx, o);
    const flight = b.flights.find((f) => f.flightId === data.flightId)!;
    const pax = b.passengers.find((p) => p.index === data.passenger)!;
    const typed = /\b(\d{1,2}\s?[a-k])\b/i.exec(reply.text)?.[1];
    // A seat tapped on the map submits { choice: 'seat:12A' }; seats are not among the offered choices.
    const tapped =
      reply.value && 'choice' in reply.value && reply.value.choice.startsWith('seat:') ? reply.value.choice : picked;
    const designator = tapped?.startsWith('seat:')
      ? normaliseDesignator(tapped.slice(5))
      : typed
        ? normaliseDesignator(typed)
        : null;
    const position = picked === 'window' || picked === 'aisle' ? picked : POSITION.exec(reply.text)?.[1]?.toLowerCase();
    if (!designator && !position)
      return {
        kind: 'retry',
        message: {
          text: 'Type a seat like 14C, or say "window" or "aisle" (or "keep my seat").',
          choices: shown.choices,
        },
      };
    const map = await this.deps.api.seatMap(flight.flightId, seatMapOptions(b, flight, pax));
    const seats = map.cabins.flatMap((c) => c.rows.flatMap((r) => r.seats)).filter((s) => s.cabin === flight.cabin);
    const current = pax.seats[String(flight.flightId)];
    const paid = paidFor(b, flight, pax);
    // "Any window seat" on a paid booking looks for one that costs nothing more; a typed seat may cost more.
    const usable = (s: SeatView) =>
      s.available &&
      s.designator !== current &&
      !(pax.type === 'CHD' && s.tier === 'exit_row') &&
      (b.status !== 'confirmed' || s.price.amount <= paid);
    let seat: SeatView | undefined;
    if (designator) {
      seat = seats.find((s) => s.designator === designator);
      const problem = seatProblem(seat, designator, current, pax);
      if (problem) return { kind: 'retry', message: { text: problem, choices: shown.choices } };
    } else {
      seat = seats
        .filter((s) => usable(s) && s.position === position)
        .sort((x, y) => x.price.amount - y.price.amount || x.row - y.row)[0];
      if (!seat)
        return {
          kind: 'retry',
          message: {
            text:
              `No free ${position} seat fits on ` +
              `${flight.flightNumber}. Type a seat from the map, or keep your seat.`,
            choices: shown.choices,
          },
        };
    }
    data.seat = seat!.designator;
    data.cost = { amount: seat!.price.amount, currency: seat!.price.currency };
    if (b.status === 'confirmed') {
      // The service says what moving costs or gives back on a paid booking (the fare's rules), before the yes.
      const quote = await this.deps.api.quoteSeatChange(
        await identityOf(this.deps, ctx),
        o.pnr,
        [{ passenger: pax.index, flightId: flight.flightId, designator: seat!.designator }],
        o.lastName,
      );
      Object.assign(data, { cost: quote.due, refund: quote.refund, kept: quote.kept });
    }
    return { kind: 'show', message: await this.ask(ctx, o, data) };
  }

  /** An explicit yes moves the seat; errors go back to the map with the reason. */
  private async confirm(
    ctx: TurnContext,
    o: BookingRef,
    data: Data,
    picked: string | undefined,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<ChangeSeatResult>> {
    if (picked === 'other' || (!picked && u.intent === 'deny')) {
      Object.assign(data, { seat: undefined, cost: undefined, refund: undefined, kept: undefined });
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
    if (picked !== 'confirm' && u.intent !== 'affirm')
      return {
        kind: 'retry',
        message: { text: `Say "yes" to move to ${data.seat}, or choose another seat.`, choices: shown.choices },
      };
    const who = await identityOf(this.deps, ctx);
    try {
      const after = await this.deps.api.changeSeats(
        who,
        o.pnr,
        [{ passenger: data.passenger!, flightId: data.flightId!, designator: data.seat! }],
        o.lastName,
        statedTimeZoneOf(ctx),
      );
      const pax = after.passengers.find((p) => p.index === data.passenger)!;
      const flight = after.flights.find((f) => f.flightId === data.flightId)!;
      const link = after.seatChange?.payment;
      if (after.seatChange?.status === 'awaiting_payment' && link) {
        await say(ctx, {
          text:
            `Here is the link to pay ${formatMoney(link.amount)} for seat ${data.seat} on ${flight.flightNumber}: ` +
            `${link.url}\nI'll tell you here when it's paid.`,
          card: { kind: 'payment_link', pnr: o.pnr, url: link.url, expiresAt: link.expiresAt, amount: link.amount },
        });
        return {
          kind: 'done',
          result: {
            changed:
              `${data.seat} is held for ${pax.firstName} until the link ends; ${pax.firstName} keeps ` +
              `${pax.seats[String(flight.flightId)] ?? 'the current seat'} until it is paid. If it is not paid, ` +
              `nothing changes.`,
          },
        };
      }
      const refund = after.seatChange?.refund;
      return {
        kind: 'done',
        result: {
          changed:
            `Done: ${pax.firstName} is now in ` +
            `${pax.seats[String(flight.flightId)] ?? data.seat} on ` +
            `${flight.flightNumber}.` +
            (refund && refund.amount > 0 ? ` A refund of ${formatMoney(refund)} is on its way to your card.` : '') +
            (after.status === 'confirmed' ? ' The updated e-ticket is on its way by email.' : ''),
        },
      };
    } catch (err) {
      // These messages name the seat and the rule it broke; anything else ends the step (interpret).
      if (!isDomainError(err, 'seat_unavailable', 'invalid_seat')) throw err;
      Object.assign(data, { seat: undefined, cost: undefined, refund: undefined, kept: undefined });
      data.note = sayableMessage(err);
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
  }

  private async booking(ctx: TurnContext, o: BookingRef): Promise<BookingView> {
    return this.deps.api.getBooking(await identityOf(this.deps, ctx), o.pnr, o.lastName);
  }
}

/** What the passenger already paid for their seat on this flight (0 when it came free). */
function paidFor(b: BookingView, f: Flight, p: Passenger): number {
  return b.price.breakdown.seats.find((s) => s.flightId === f.flightId && s.passenger === p.index)?.amount ?? 0;
}

/** The seat map for this passenger: the booking's fare, cabin and currency, with the seats they may have. */
function seatMapOptions(b: BookingView, flight: BookingView['flights'][number], pax: Passenger) {
  return {
    fareFamily: flight.fareFamily,
    cabin: flight.cabin,
    currency: b.price.total.currency,
    forPassenger: { type: pax.type, holdsInfant: pax.holdsInfant, specialAssistance: pax.specialAssistance },
  };
}

/** What the move costs or gives back, in one sentence before the yes. */
function priceSentence(b: BookingView, data: Data): string {
  const cost = data.cost!;
  if (b.status !== 'confirmed') return cost.amount > 0 ? `(costs ${formatMoney(cost)})` : '(free)';
  if (cost.amount > 0)
    return (
      `It costs ${formatMoney(cost)} more than the seat already paid for. If you say yes, I'll hold ${data.seat} ` +
      `and send a payment link; the current seat stays yours until it is paid.`
    );
  if (data.refund && data.refund.amount > 0)
    return `It costs less: ${formatMoney(data.refund)} goes back to your card.`;
  if (data.kept && data.kept.amount > 0)
    return (
      `It costs less, but your fare doesn't refund seat charges, so the ${formatMoney(data.kept)} difference is ` +
      `not refunded.`
    );
  return '(free)';
}

/** Why a typed seat cannot be had, or null. */
function seatProblem(
  seat: SeatView | undefined,
  designator: string,
  current: string | undefined,
  pax: Passenger,
): string | null {
  if (!seat) return `There is no seat ${designator} in your cabin. Pick a seat shown on the map.`;
  if (designator === current) return `${pax.firstName} is already in ${designator}. Pick another seat, or keep it.`;
  if (seat.unavailableReason) return `${seat.unavailableReason.message} Please pick another seat for ${pax.firstName}.`;
  if (!seat.available) return `Seat ${designator} is taken. Please pick a free seat.`;
  if (pax.type === 'CHD' && seat.tier === 'exit_row')
    return `Children can't sit in exit rows. Please pick another seat for ${pax.firstName}.`;
  return null;
}
