import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../../api/errors';
import { formatMoney } from '../../api/domain/money';
import { normaliseDesignator } from '../../api/domain/seat-layout';
import type { Money } from '../../api/domain/types';
import type { BookingView } from '../../api/services/booking-view';
import type { SeatView } from '../../api/services/seatmap.service';
import type { BotMessage } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf } from '../core/deps';
import type { StepOutcome } from '../core/step.dialog';
import { sayableMessage } from '../error-sentences';
import { matchChoice, type Reply } from '../messages';
import type { Understanding } from '../nlu';
import { type BookingRef, BookingStepDialog, flightLabel, type Problem, problemOf } from './shared';

export const CHANGE_SEAT_DIALOG = 'manageBooking.seat';

export type ChangeSeatResult = { changed: string } | { kept: true } | Problem;

interface Data {
  flightId?: number;
  passenger?: number;
  /** The seat chosen, waiting for "yes". */
  seat?: string;
  /** What the move costs (0 = free). */
  cost?: Money;
  note?: string;
}

type Flight = BookingView['flights'][number];
type Passenger = BookingView['passengers'][number];

const KEEP = { value: 'keep', label: 'Keep my seat' };
const POSITION = /\b(window|aisle|middle)\b/i;

/**
 * Moves one passenger to another seat on one flight: which flight and who (asked only when there
 * are several), the seat from the live map ("12A", "window", "aisle"), then an explicit yes with the
 * price. The service has the last word (seat taken meanwhile, paid seat on a paid booking, closed flight).
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
        text:
          `${note}Move ${pax.firstName} to ${data.seat} on ` +
          `${flight.flightNumber}? (` +
          `${data.cost.amount > 0 ? `costs ${formatMoney(data.cost)}` : 'free'})`,
        choices: [
          { value: 'confirm', label: `Yes, move to ${data.seat}` },
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
    const usable = (s: SeatView) =>
      s.available &&
      s.designator !== current &&
      !(pax.type === 'CHD' && s.tier === 'exit_row') &&
      (b.status !== 'confirmed' || s.price.amount <= paid);
    let seat: SeatView | undefined;
    if (designator) {
      seat = seats.find((s) => s.designator === designator);
      const problem = seatProblem(seat, designator, current, pax, b.status === 'confirmed' ? paid : null);
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
    data.cost = { amount: b.status === 'confirmed' ? 0 : seat!.price.amount, currency: seat!.price.currency };
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
      Object.assign(data, { seat: undefined, cost: undefined });
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
      );
      const pax = after.passengers.find((p) => p.index === data.passenger)!;
      const flight = after.flights.find((f) => f.flightId === data.flightId)!;
      return {
        kind: 'done',
        result: {
          changed:
            `Done: ${pax.firstName} is now in ` +
            `${pax.seats[String(flight.flightId)] ?? data.seat} on ` +
            `${flight.flightNumber}.`,
        },
      };
    } catch (err) {
      // These messages name the seat and the rule it broke; anything else ends the step (interpret).
      if (!isDomainError(err, 'seat_unavailable', 'seat_change_requires_payment', 'invalid_seat')) throw err;
      Object.assign(data, { seat: undefined, cost: undefined, note: sayableMessage(err) });
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

/** Why a typed seat cannot be had, or null. `paid` is set on paid bookings (no dearer seat without paying). */
/** The seat map for this passenger: the booking's fare, cabin and currency, with the seats they may have. */
function seatMapOptions(b: BookingView, flight: BookingView['flights'][number], pax: Passenger) {
  return {
    fareFamily: flight.fareFamily,
    cabin: flight.cabin,
    currency: b.price.total.currency,
    forPassenger: { type: pax.type, holdsInfant: pax.holdsInfant, specialAssistance: pax.specialAssistance },
  };
}

function seatProblem(
  seat: SeatView | undefined,
  designator: string,
  current: string | undefined,
  pax: Passenger,
  paid: number | null,
): string | null {
  if (!seat) return `There is no seat ${designator} in your cabin. Pick a seat shown on the map.`;
  if (designator === current) return `${pax.firstName} is already in ${designator}. Pick another seat, or keep it.`;
  if (seat.unavailableReason) return `${seat.unavailableReason.message} Please pick another seat for ${pax.firstName}.`;
  if (!seat.available) return `Seat ${designator} is taken. Please pick a free seat.`;
  if (pax.type === 'CHD' && seat.tier === 'exit_row')
    return `Children can't sit in exit rows. Please pick another seat for ${pax.firstName}.`;
  if (paid !== null && seat.price.amount > paid)
    return (
      `Seat ${designator} costs ` +
      `${formatMoney(seat.price)}, more than was paid for ` +
      `${pax.firstName}'s seat. On a paid booking, choose a seat of the same or a lower price.`
    );
  return null;
}
