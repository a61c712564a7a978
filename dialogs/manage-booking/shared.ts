import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import { type AnyDomainError, type ErrorCode, isDomainError } from '../../api/errors';
import { isMultiCity } from '../../api/domain/multi-city';
import type { BookingView } from '../../api/services/booking-view';
import { formatLocalDate } from '../../cards/shared/format';
import type { Choice } from '../../cards/types';
import { StepDialog } from '../core/step.dialog';
import { ERROR_SENTENCES, errorSentence, sayableMessage } from '../error-sentences';
import { type Reply, say } from '../messages';

/** A booking the traveller has shown they may see: by owning it, or by its reference and a last name. */
export interface BookingRef {
  pnr: string;
  /** The last name given in this conversation; the services accept PNR + last name for changes. */
  lastName?: string;
}

/** Something stopped a step (the booking changed, a limit was hit): say it and go back. */
export interface Problem {
  problem: string;
  code: ErrorCode;
}

export function isProblem(r: unknown): r is Problem {
  return typeof r === 'object' && r !== null && 'problem' in r;
}

/** A service error as a sentence for the traveller. */
export function problemOf(err: AnyDomainError): Problem {
  // Without a way forward: find-booking adds its own (it asks again); elsewhere the manage flow ends here.
  if (err.code === 'booking_not_found') return { problem: ERROR_SENTENCES.booking_not_found.says, code: err.code };
  // The limiter's message says how long to wait, which the sentence for the code cannot.
  if (err.code === 'rate_limited')
    return { problem: `Sorry, that's more look-ups than I can do right now. ${sayableMessage(err)}`, code: err.code };
  return { problem: errorSentence(err.code), code: err.code };
}

const STATUS: Record<BookingView['status'], string> = {
  held: 'on hold',
  confirmed: 'confirmed',
  cancelled: 'cancelled',
  expired: 'expired',
};

/** "on hold", "confirmed" … */
export function statusWord(status: BookingView['status']): string {
  return STATUS[status];
}

/** "1 Dec" from a local ISO date-time. */
export function dayMonth(iso: string): string {
  return formatLocalDate(iso).replace(/^\p{L}{3} /u, '');
}

/** "ABC234 LHR–JFK 1 Dec, confirmed": a booking in a list. */
export function bookingLabel(b: BookingView): string {
  const out = b.flights.filter((f) => f.direction === 'outbound');
  const first = out[0] ?? b.flights[0];
  const last = out[out.length - 1] ?? first;
  if (!first || !last) return `${b.pnr}, ${statusWord(b.status)}`;
  const back = b.flights.some((f) => f.direction === 'inbound') ? ' return' : '';
  // A multi-city trip names where each leg starts: "LHR–CDG–FCO".
  const starts = isMultiCity(b.flights) ? b.flights.filter((f, i) => b.flights[i - 1]?.leg !== f.leg) : [first];
  return (
    `${b.pnr} ${starts.map((f) => f.origin.code).join('–')}–${last.destination.code}` +
    `${back} ${dayMonth(first.departureTime)}, ` +
    `${statusWord(b.status)}`
  );
}

/** "BA117 LHR–JFK 1 Dec": one flight of a booking. */
export function flightLabel(f: BookingView['flights'][number]): string {
  return `${f.flightNumber} ${f.origin.code}–${f.destination.code} ${dayMonth(f.departureTime)}`;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Whether a reply picks `choice` unmistakably: its button, its number, or its whole label typed.
 * (matchChoice also accepts a word of a label, which is too little for "Yes, cancel my booking".)
 */
export function pickedExactly(reply: Reply, choice: Choice, index: number): boolean {
  if (reply.value && 'choice' in reply.value) return reply.value.choice === choice.value;
  const t = norm(reply.text);
  return (
    t === norm(choice.label) || t === norm(choice.value) || new RegExp(`^(?:option |number |#)?${index + 1}$`).test(t)
  );
}

/**
 * A step about one booking. A service error while asking (the booking was cancelled meanwhile, too
 * many look-ups) ends the step with a Problem instead of failing the turn.
 */
export abstract class BookingStepDialog<O extends BookingRef, R, S extends object> extends StepDialog<
  O,
  R | Problem,
  S
> {
  override async beginDialog(dc: DialogContext, options?: O): Promise<DialogTurnResult> {
    try {
      return await super.beginDialog(dc, options);
    } catch (err) {
      if (isDomainError(err)) return dc.endDialog(problemOf(err));
      throw err;
    }
  }

  override async repromptDialog(ctx: TurnContext, instance: DialogInstance): Promise<void> {
    try {
      await super.repromptDialog(ctx, instance);
    } catch (err) {
      if (!isDomainError(err)) throw err;
      await say(ctx, `${problemOf(err).problem} Say "start over" to begin again.`);
    }
  }
}
