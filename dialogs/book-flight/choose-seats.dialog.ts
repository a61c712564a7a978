import type { TurnContext } from 'botbuilder';
import { formatMoney } from '../../api/domain/money';
import { normaliseDesignator } from '../../api/domain/seat-layout';
import type { SeatMap, SeatView } from '../../api/services/seatmap.service';
import type { BotMessage } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { StepDialog, type StepOutcome } from '../core/step.dialog';
import { matchChoice, type Reply } from '../messages';
import type { Understanding } from '../nlu';
import { type BookingDraft, chosenSegments, type SearchCriteria } from '../state';
import { criteriaChanges, partyOf, saysChange } from './draft';

export const CHOOSE_SEATS_DIALOG = 'chooseSeats';

/**
 * The seats chosen (with what was said about the last choice, e.g. "Seat 8C (aisle, free)"), or a change to the trip.
 */
export type ChooseSeatsResult =
  { seats: BookingDraft['seats']; note?: string } | { correction: Partial<SearchCriteria> };

interface Data {
  /** Position in the (flight × seated passenger) list. */
  at: number;
  seats: BookingDraft['seats'];
  note?: string;
}

const SEAT_WORD = /\b(window|aisle|middle)\b/i;

/**
 * Seats for every seated passenger on every flight: a seat from the map ("12A"), "any window seat",
 * "aisle", "sit together" (the whole party side by side), "any" (assigned free at booking) or "skip".
 * Seats are checked against the live map; children never get exit rows.
 */
export class ChooseSeatsDialog extends StepDialog<{ draft: BookingDraft }, ChooseSeatsResult, Data> {
  constructor(deps: DialogDeps) {
    super(CHOOSE_SEATS_DIALOG, deps);
  }

  protected initialData(o: { draft: BookingDraft }): Data {
    return { at: 0, seats: structuredClone(o.draft.seats) };
  }

  protected override async ask(_ctx: TurnContext, o: { draft: BookingDraft }, data: Data): Promise<BotMessage> {
    const slot = slots(o.draft)[data.at]!;
    const map = await this.deps.api.seatMap(slot.flightId, seatMapOptions(slot));
    const chosen = Object.values(data.seats[slot.flightId] ?? {});
    const party = partyOf(o.draft.criteria);
    const choices = [
      { value: 'window', label: 'Any window seat' },
      { value: 'aisle', label: 'Any aisle seat' },
      ...(party.adults + party.children > 1 ? [{ value: 'together', label: 'Sit together' }] : []),
      { value: 'any', label: 'No preference (free)' },
      { value: 'skip', label: 'Skip seat choice' },
    ];
    return {
      text:
        `${data.note ? `${data.note}\n` : ''}Choose a seat for ` +
        `${slot.passengerLabel} on ${slot.flightNumber} (` +
        `${slot.route}). Pick one on the map or type it (e.g. 14C).`,
      card: {
        kind: 'seat_map',
        seatMap: map,
        flightLabel: `${slot.flightNumber} ${slot.route}`,
        passengerName: slot.passengerLabel,
        chosen,
        cabin: slot.cabin,
      },
      choices,
    };
  }

  protected override async interpret(
    ctx: TurnContext,
    o: { draft: BookingDraft },
    data: Data,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<ChooseSeatsResult>> {
    const all = slots(o.draft);
    const slot = all[data.at]!;
    const picked = matchChoice(reply, shown);
    const text = reply.text.toLowerCase();
    const fromText = /\b(\d{1,2}\s?[a-k])\b/i.exec(reply.text)?.[1];
    // A seat tapped on the seat-map card submits { choice: 'seat:12A' }; seats are not among `shown.choices`.
    const onMap =
      reply.value && 'choice' in reply.value && reply.value.choice.startsWith('seat:')
        ? normaliseDesignator(reply.value.choice.slice(5))
        : null;
    const designator =
      onMap ??
      (picked?.value.startsWith('seat:') ? picked.value.slice(5) : fromText ? normaliseDesignator(fromText) : null);
    if (picked?.value === 'skip' || /\b(skip|no seats?|don'?t care)\b/.test(text))
      return { kind: 'done', result: { seats: data.seats } };
    if (!designator && !picked && !SEAT_WORD.test(text) && !/\b(together|any|whatever|random)\b/.test(text)) {
      const change = saysChange(reply.text) ? criteriaChanges(u, o.draft.criteria, reply.text) : null;
      if (change) return { kind: 'done', result: { correction: change } };
      return {
        kind: 'retry',
        message: {
          text: `Type a seat like 14C, or say "window", "aisle", "sit together", "any" or "skip".`,
          choices: shown.choices,
        },
        confused: true,
      };
    }
    const map = await this.deps.api.seatMap(slot.flightId, seatMapOptions(slot));
    const taken = new Set(Object.values(data.seats[slot.flightId] ?? {}));
    const free = map.cabins
      .flatMap((c) => c.rows.flatMap((r) => r.seats))
      .filter((s) => s.available && s.cabin === slot.cabin && !taken.has(s.designator));
    const forChild = slot.type === 'CHD';
    const usable = (s: SeatView) => !(forChild && s.tier === 'exit_row');
    const set = (passenger: number, d: string) => ((data.seats[slot.flightId] ??= {})[String(passenger)] = d);

    if (picked?.value === 'together' || /\btogether\b/.test(text)) {
      // The whole party on this flight. A seat someone already chose is kept and the others sit beside it; only when
      // there is no room beside it does the party move to a row of its own, and the traveller is told.
      const group = all.filter((s) => s.flightId === slot.flightId);
      const before = new Map(group.map((g) => [g.passenger, data.seats[slot.flightId]?.[String(g.passenger)]]));
      // "14C, and we'd like to sit together": the seat named is this passenger's, kept like one chosen before.
      if (designator && free.some((s) => s.designator === designator)) before.set(slot.passenger, designator);
      const chosen = [...before.values()].filter((d) => d !== undefined);
      const withChild = group.some((g) => g.type === 'CHD');
      const open = map.cabins
        .flatMap((c) => c.rows.flatMap((r) => r.seats))
        .filter((s) => s.available && s.cabin === slot.cabin && !taken.has(s.designator))
        .filter((s) => !(withChild && s.tier === 'exit_row'));
      const beside = chosen.length ? togetherBlock(map, open, group.length, chosen) : null;
      const block = beside ?? togetherBlock(map, [...open, ...seatsOf(map, chosen)], group.length, []);
      if (!block)
        return {
          kind: 'retry',
          message: {
            text:
              `There is no row with ` +
              `${group.length} free seats side by side on ` +
              `${slot.flightNumber}. Pick seats one by one, or say "any".`,
            choices: shown.choices,
          },
        };
      const kept = beside ? chosen : [];
      const others = block.map((b) => b.designator).filter((d) => !kept.includes(d));
      delete data.seats[slot.flightId];
      for (const g of group) set(g.passenger, (beside ? before.get(g.passenger) : undefined) ?? others.shift()!);
      const seats = `${block.length > 1 ? 'Seats' : 'Seat'} ${block.map((b) => b.designator).join(', ')}`;
      data.note = beside
        ? `${seats} on ${slot.flightNumber}, side by side (keeping ${chosen.join(', ')}).`
        : `${chosen.length ? `No free seats next to ${chosen.join(', ')}, so you move together. ` : ''}` +
          `${seats} on ${slot.flightNumber}, side by side.`;
      return this.advance(ctx, o, data, all.indexOf(group[group.length - 1]!) + 1);
    }
    if (
      picked?.value === 'any' ||
      (!designator && /\b(any|whatever|random|no preference)\b/.test(text) && !SEAT_WORD.test(text))
    ) {
      data.note = `${slot.passengerLabel} gets a seat at no charge when the booking is made.`;
      return this.advance(ctx, o, data, data.at + 1);
    }
    if (!designator) {
      const position = (picked?.value ?? SEAT_WORD.exec(text)?.[1] ?? 'window').toLowerCase();
      const best = free
        .filter((s) => usable(s) && s.position === position)
        .sort((a, b) => a.price.amount - b.price.amount || a.row - b.row)[0];
      if (!best)
        return {
          kind: 'retry',
          message: {
            text: `No ${position} seats are left on ${slot.flightNumber}. Pick another seat, or say "any".`,
            choices: shown.choices,
          },
        };
      set(slot.passenger, best.designator);
      data.note =
        `Seat ${best.designator} (${position}` +
        `${best.price.amount ? `, ${formatMoney(best.price)}` : ', free'}) for ` +
        `${slot.passengerLabel}.`;
      return this.advance(ctx, o, data, data.at + 1);
    }
    const seat = map.cabins.flatMap((c) => c.rows.flatMap((r) => r.seats)).find((s) => s.designator === designator);
    if (!seat || seat.cabin !== slot.cabin)
      return {
        kind: 'retry',
        message: {
          text: `There is no seat ${designator} in this cabin. Pick a seat shown on the map.`,
          choices: shown.choices,
        },
      };
    // A taken seat is taken for everyone: say that before any rule about who may sit there (a seat refused
    // only for this passenger is unavailable too, but with its reason).
    if ((!seat.available && !seat.unavailableReason) || taken.has(designator))
      return {
        kind: 'retry',
        message: { text: `Seat ${designator} is taken. Please pick a free seat.`, choices: shown.choices },
      };
    if (seat.unavailableReason)
      return {
        kind: 'retry',
        message: {
          text: `${seat.unavailableReason.message} Please pick another seat for ${slot.passengerLabel}.`,
          choices: shown.choices,
        },
      };
    if (!usable(seat))
      return {
        kind: 'retry',
        message: {
          text: `Children can't sit in exit rows. Please pick another seat for ${slot.passengerLabel}.`,
          choices: shown.choices,
        },
      };
    set(slot.passenger, designator);
    data.note =
      `Seat ${designator} for ${slot.passengerLabel}` + `${seat.price.amount ? ` (${formatMoney(seat.price)})` : ''}.`;
    return this.advance(ctx, o, data, data.at + 1);
  }

  private async advance(
    ctx: TurnContext,
    o: { draft: BookingDraft },
    data: Data,
    next: number,
  ): Promise<StepOutcome<ChooseSeatsResult>> {
    if (next >= slots(o.draft).length)
      return { kind: 'done', result: { seats: data.seats, ...(data.note ? { note: data.note } : {}) } };
    data.at = next;
    const message = await this.ask(ctx, o, data);
    delete data.note;
    return { kind: 'show', message };
  }
}

interface Slot {
  flightId: number;
  flightNumber: string;
  route: string;
  cabin: SeatView['cabin'];
  fareFamily: string;
  passenger: number;
  type: 'ADT' | 'CHD';
  /** Holds a lap infant (by the booking's rule: infants go on the first adults' laps), for the seat safety rules. */
  holdsInfant: boolean;
  currency: string | undefined;
  passengerLabel: string;
}

/** Every (flight, seated passenger) pair, flight by flight. */
export function slots(d: BookingDraft): Slot[] {
  const p = partyOf(d.criteria);
  const seated = p.adults + p.children;
  return chosenSegments(d).flatMap((s) =>
    Array.from({ length: seated }, (_, i) => {
      const name = d.passengers[i]
        ? `${d.passengers[i]!.firstName} ${d.passengers[i]!.lastName}`
        : `passenger ${i + 1}${i < p.adults ? '' : ' (child)'}`;
      return {
        flightId: s.flightId,
        flightNumber: s.flightNumber,
        route: s.route,
        cabin: s.cabin,
        fareFamily: s.fareFamily,
        currency: s.currency,
        passenger: i,
        type: i < p.adults ? ('ADT' as const) : ('CHD' as const),
        holdsInfant: i < p.adults && i < p.infants,
        passengerLabel: name,
      };
    }),
  );
}

/** The seat map for a slot: its fare, cabin and the journey's currency, with the seats its passenger may have. */
function seatMapOptions(slot: Slot) {
  return {
    fareFamily: slot.fareFamily,
    cabin: slot.cabin,
    currency: slot.currency,
    forPassenger: { type: slot.type, holdsInfant: slot.holdsInfant, specialAssistance: false },
  };
}

/** The seats of `map` with these designators. */
function seatsOf(map: SeatMap, designators: string[]): SeatView[] {
  return map.cabins.flatMap((c) => c.rows.flatMap((r) => r.seats)).filter((s) => designators.includes(s.designator));
}

/**
 * `n` seats next to each other in one row (no aisle between), each free or one of `keep`, holding every seat of
 * `keep`; the cheapest such row first (what `keep` already costs is not counted).
 */
function togetherBlock(map: SeatMap, free: SeatView[], n: number, keep: string[]): SeatView[] | null {
  const open = new Set([...free.map((s) => s.designator), ...keep]);
  let best: { seats: SeatView[]; cost: number } | null = null;
  for (const cabin of map.cabins) {
    for (const row of cabin.rows) {
      const byLetter = new Map(row.seats.map((s) => [s.column, s]));
      let run: SeatView[] = [];
      for (const col of [...cabin.columns, null]) {
        const seat = col ? byLetter.get(col) : undefined;
        if (!seat || !open.has(seat.designator)) {
          run = [];
          continue;
        }
        run.push(seat);
        if (run.length > n) run.shift();
        if (run.length < n || !keep.every((k) => run.some((s) => s.designator === k))) continue;
        const cost = run.reduce((c, s) => c + (keep.includes(s.designator) ? 0 : s.price.amount), 0);
        if (!best || cost < best.cost) best = { seats: [...run], cost };
      }
    }
  }
  return best?.seats ?? null;
}
