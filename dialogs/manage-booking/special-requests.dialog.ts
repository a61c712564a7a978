import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { SSR_CODE_LIST, SSR_CODES, ssrKind } from '../../api/domain/special-requests';
import { isDomainError } from '../../api/errors';
import type { BookingView } from '../../api/services/booking-view';
import type { BotMessage, Choice } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf } from '../core/deps';
import type { StepOutcome } from '../core/step.dialog';
import { matchChoice, type Reply } from '../messages';
import type { Understanding } from '../nlu';
import { namedRequest, normalised, requestDetails } from '../nlu/special-requests';
import {
  type Change,
  changeLines,
  doneSentence,
  newRequestSet,
  type Plan,
  planRequest,
  type RequestAsk,
  requestName,
} from './special-request-plan';
import { type BookingRef, BookingStepDialog, flightLabel, pickedExactly, type Problem, problemOf } from './shared';

export const SPECIAL_REQUESTS_DIALOG = 'manageBooking.specialRequests';

export interface SpecialRequestsOptions extends BookingRef {
  /** The traveller's own words that asked for it ("I need a wheelchair"), read for what they already say. */
  words?: string;
  /** A request already worked out (asked again after a seat change). */
  request?: RequestAsk;
  /** Said first (what just happened). */
  note?: string;
}

/**
 * How it ended: done (or nothing to do, said why), kept as it was, or a way forward the booking flow takes: a
 * seat change first (a wheelchair cannot stay in an exit row), or a person (the pet places are taken).
 */
export type SpecialRequestsResult =
  { changed: string } | { kept: true } | { moveSeatFirst: RequestAsk } | { agent: true } | Problem;

interface Data {
  ask: RequestAsk;
  phase?: Plan['step'] | 'refused';
  changes?: Change[];
  note?: string;
}

const YES: Choice = { value: 'yes', label: 'Yes, do it' };
const NO: Choice = { value: 'no', label: 'No, leave it' };
const EVERYONE: Choice = { value: 'everyone', label: 'Everyone' };
const ALL_FLIGHTS: Choice = { value: 'all', label: 'All flights' };
const KEEP: Choice = { value: 'keep', label: 'Keep booking as is' };
const AGENT: Choice = { value: 'agent', label: 'Talk to an agent' };
const MOVE_SEAT: Choice = { value: 'seat', label: 'Change seat' };
const KINDS: Choice[] = [
  { value: 'VGML', label: 'Vegetarian meal' },
  { value: 'meal', label: 'Another meal' },
  { value: 'WCHR', label: 'Wheelchair' },
  { value: 'PETC', label: 'Pet in the cabin' },
  { value: 'remove', label: 'Remove a request' },
];
const MEALS: Choice[] = SSR_CODE_LIST.filter((c) => ssrKind(c) === 'meal').map((c) => ({
  value: c,
  label: SSR_CODES[c].label,
}));

/**
 * Adds or drops a special request (a meal, wheelchair assistance, a pet in the cabin) on a booking: works out
 * from the traveller's words what, for whom and on which flight, asks only what is still open ("for whom?" with
 * "Everyone"), says the change and waits for an explicit yes, then replaces the booking's set through the API.
 * A refusal is said with what can be done instead.
 */
export class SpecialRequestsDialog extends BookingStepDialog<SpecialRequestsOptions, SpecialRequestsResult, Data> {
  private readonly readThisTurn = new WeakMap<TurnContext, BookingView>();

  constructor(deps: DialogDeps) {
    super(SPECIAL_REQUESTS_DIALOG, deps);
  }

  protected initialData(o: SpecialRequestsOptions): Data {
    if (o.request) return { ask: o.request, note: o.note };
    // The words were already taken for a special request (by the intent, or on the booking's menu): what they name.
    const s = normalised(o.words ?? '');
    const named = namedRequest(s);
    const ask: RequestAsk = {
      code: named?.code ?? null,
      kind: named?.kind ?? null,
      remove: requestDetails(s).remove,
      passengers: null,
      flights: null,
    };
    return { ask, note: o.note };
  }

  /** Nothing to ask (already on the booking, nothing to remove): said on the booking instead. */
  override async beginDialog(dc: DialogContext, o?: SpecialRequestsOptions): Promise<DialogTurnResult> {
    const options = o ?? { pnr: '' };
    try {
      const data = this.initialData(options);
      const booking = await this.booking(dc.context, options);
      if (options.words) narrow(data.ask, booking, options.words);
      const plan = planRequest(booking, data.ask, this.deps.clock.now());
      if (plan.step === 'end') return dc.endDialog({ changed: plan.note } satisfies SpecialRequestsResult);
      return await super.beginDialog(dc, { ...options, words: undefined, request: data.ask });
    } catch (err) {
      if (isDomainError(err)) return dc.endDialog(problemOf(err));
      throw err;
    }
  }

  protected override async ask(ctx: TurnContext, o: SpecialRequestsOptions, data: Data): Promise<BotMessage> {
    const booking = await this.booking(ctx, o);
    const plan = planRequest(booking, data.ask, this.deps.clock.now());
    data.phase = plan.step;
    const note = data.note ? `${data.note}\n` : '';
    data.note = undefined;
    const m = question(plan, booking);
    if (plan.step === 'confirm') data.changes = plan.changes;
    return { ...m, text: `${note}${m.text}` };
  }

  protected override async interpret(
    ctx: TurnContext,
    o: SpecialRequestsOptions,
    data: Data,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<SpecialRequestsResult>> {
    const picked = matchChoice(reply, shown)?.value;
    if (data.phase === 'confirm') {
      if (!clearYes(reply, u, shown)) return { kind: 'done', result: { kept: true } };
      return this.apply(ctx, o, data);
    }
    if (data.phase === 'refused') {
      if (picked === MOVE_SEAT.value) return { kind: 'done', result: { moveSeatFirst: data.ask } };
      if (picked === AGENT.value) return { kind: 'done', result: { agent: true } };
      return { kind: 'done', result: { kept: true } };
    }
    const before = JSON.stringify(data.ask);
    const booking = await this.booking(ctx, o);
    answer(data, booking, reply.text, picked);
    if (JSON.stringify(data.ask) === before) {
      if (u.intent === 'deny') return { kind: 'done', result: { kept: true } };
      return {
        kind: 'retry',
        confused: true,
        message: { text: `Sorry, I didn't get that. ${shown.text}`, choices: shown.choices },
      };
    }
    const plan = planRequest(booking, data.ask, this.deps.clock.now());
    if (plan.step === 'end') return { kind: 'done', result: { changed: plan.note } };
    return { kind: 'show', message: await this.ask(ctx, o, data) };
  }

  /** Replaces the booking's requests with the confirmed change; a refusal says why and what else to do. */
  private async apply(ctx: TurnContext, o: BookingRef, data: Data): Promise<StepOutcome<SpecialRequestsResult>> {
    const changes = data.changes ?? [];
    const who = await identityOf(this.deps, ctx);
    try {
      const booking = await this.booking(ctx, o);
      await this.deps.api.replaceSpecialRequests(who, o.pnr, newRequestSet(booking, changes), o.lastName);
      return { kind: 'done', result: { changed: doneSentence(changes) } };
    } catch (err) {
      if (!isDomainError(err)) throw err;
      const refusal = refusalOf(err.code, changes);
      if (!refusal) return { kind: 'done', result: problemOf(err) };
      data.phase = 'refused';
      return { kind: 'show', message: refusal };
    }
  }

  /** The booking as this turn read it: read once a turn (a look-up by last name counts against the limits). */
  private async booking(ctx: TurnContext, o: BookingRef): Promise<BookingView> {
    const read = this.readThisTurn.get(ctx);
    if (read?.pnr === o.pnr.toUpperCase()) return read;
    const booking = await this.deps.api.getBooking(await identityOf(this.deps, ctx), o.pnr, o.lastName);
    this.readThisTurn.set(ctx, booking);
    return booking;
  }
}

/** The message for the next question. */
function question(plan: Plan, b: BookingView): BotMessage {
  switch (plan.step) {
    case 'what':
      return {
        text: 'Which special request would you like? I can add a meal, wheelchair assistance or a pet in the cabin.',
        choices: b.passengers.some((p) => p.specialRequests.length > 0) ? KINDS : KINDS.slice(0, -1),
      };
    case 'meal':
      return { text: 'Which meal would you like?', choices: MEALS };
    case 'who':
      return {
        text: plan.remove ? 'Whose request should I remove?' : 'Who is it for?',
        choices: [
          ...plan.passengers.map((p) => ({ value: `p:${p.index}`, label: `${p.firstName} ${p.lastName}` })),
          EVERYONE,
        ],
      };
    case 'flight':
      return {
        text: 'On which flight?',
        choices: [...plan.flights.map((f) => ({ value: `f:${f.flightId}`, label: flightLabel(f) })), ALL_FLIGHTS],
      };
    case 'confirm':
      return {
        text: `On booking ${b.pnr}:\n${changeLines(plan.changes).join('\n')}\nShall I go ahead?`,
        choices: [YES, NO],
      };
    case 'end':
      return { text: plan.note };
  }
}

/** Reads an answer to the open question into the request (a button, a number, or words). */
function answer(data: Data, b: BookingView, text: string, picked: string | undefined): void {
  const ask = data.ask;
  const s = normalised(text);
  if (data.phase === 'what' || data.phase === 'meal') {
    if (picked === 'remove') ask.remove = true;
    else if (picked === 'meal') ask.kind = 'meal';
    else if (picked && picked in SSR_CODES) Object.assign(ask, { code: picked, kind: ssrKind(picked as never) });
    else {
      const named = namedRequest(s);
      if (named) Object.assign(ask, named.code ? named : { ...named, code: ask.code });
      if (requestDetails(s).remove) ask.remove = true;
    }
  }
  if (picked === EVERYONE.value) ask.passengers = b.passengers.map((p) => p.index);
  else if (picked?.startsWith('p:')) ask.passengers = [Number(picked.slice(2))];
  if (picked === ALL_FLIGHTS.value) ask.flights = b.flights.map((f) => f.flightId);
  else if (picked?.startsWith('f:')) ask.flights = [Number(picked.slice(2))];
  if (!picked) narrow(ask, b, text);
}

/** Whom and which flights the words name: "for everyone", "for Ada", "on the way back", a flight number. */
function narrow(ask: RequestAsk, b: BookingView, text: string): void {
  const s = normalised(text);
  const d = requestDetails(s);
  if (d.everyone) ask.passengers = b.passengers.map((p) => p.index);
  else {
    const named = b.passengers.filter((p) => s.includes(` ${p.firstName.toLowerCase()} `));
    if (named.length > 0) ask.passengers = named.map((p) => p.index);
  }
  if (d.flights === 'all') ask.flights = b.flights.map((f) => f.flightId);
  else if (d.flights) {
    const leg = b.flights.filter((f) => f.direction === d.flights);
    if (leg.length > 0) ask.flights = leg.map((f) => f.flightId);
  } else {
    const numbered = b.flights.filter((f) => s.includes(` ${f.flightNumber.toLowerCase()} `));
    if (numbered.length > 0) ask.flights = numbered.map((f) => f.flightId);
  }
}

/** A rule the service refused on, said with the way forward; null for other errors. */
function refusalOf(code: string, changes: Change[]): BotMessage | null {
  if (code === 'pet_cabin_full') {
    const pet = changes.find((c) => c.code === 'PETC');
    const flight = pet ? flightLabel(pet.flight) : 'this flight';
    return {
      text:
        `Sorry, the pet places in the cabin of ${flight} are all taken, so I can't add ${requestName('PETC')}. ` +
        'A pet could travel on another flight with room: one of our team can look at moving you. ' +
        'Nothing has changed on your booking.',
      choices: [AGENT, KEEP],
    };
  }
  if (code === 'exit_row_special_assistance') {
    const chair = changes.find((c) => ssrKind(c.code) === 'wheelchair');
    const who = chair ? `${chair.passenger.firstName} ${chair.passenger.lastName}` : 'This passenger';
    const seat = chair ? (chair.passenger.seats[String(chair.flight.flightId)] ?? '') : '';
    return {
      text:
        `${who} is in an exit-row seat${seat ? ` (${seat})` : ''}, and for safety a passenger who needs a ` +
        'wheelchair cannot sit there. Shall we move to another seat first? Then I will add the wheelchair.',
      choices: [MOVE_SEAT, KEEP],
    };
  }
  return null;
}

/** The yes button, its number or label, or a plain yes; anything else leaves the booking as it is. */
function clearYes(reply: Reply, u: Understanding, shown: BotMessage): boolean {
  const choices = shown.choices ?? [];
  const yesAt = choices.findIndex((c) => c.value === YES.value);
  if (yesAt >= 0 && pickedExactly(reply, choices[yesAt]!, yesAt)) return true;
  if (reply.value) return false;
  const t = reply.text.trim().toLowerCase();
  if (/\b(no|not|don'?t|wait|stop)\b/.test(t)) return false;
  return u.intent === 'affirm' || /^(yes|yeah|yep|yup|ok|okay|sure|go ahead|do it|please do)\b/.test(t);
}
