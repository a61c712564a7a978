import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../../api/errors';
import { nameProblem } from '../../api/domain/passengers';
import type { BookingView } from '../../api/services/booking-view';
import type { BotMessage } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf } from '../core/deps';
import { StepDialog, type StepOutcome } from '../core/step.dialog';
import { errorSentence } from '../error-sentences';
import { matchChoice, type Reply } from '../messages';
import type { Understanding } from '../nlu';
import { type BookingRef, bookingLabel, problemOf } from './shared';

export const FIND_BOOKING_DIALOG = 'manageBooking.find';

interface Options {
  /** A reference already given ("change my seat on ABC234"): only the last name is asked. */
  pnr?: string;
  /** Said before the first question (a reference and name given with the request that found nothing). */
  note?: string;
}

interface Data {
  /** 'list': the signed-in traveller's bookings; 'ask': reference and last name. */
  mode: 'list' | 'ask';
  pnr?: string;
  lastName?: string;
  note?: string;
}

/** The result: the booking found, or null when the traveller stopped. */
export type FindResult = BookingRef | null;

const PNR = /^[A-HJ-NP-Z2-9]{6}$/;
/**
 * Words around a reference and a name that are neither ("my booking is … and the name is …", "sorry typo,
 * M5MDAN Whitfield").
 */
const FILLER =
  /\b(?:sorry|typo|oops|whoops|actually|correction|meant|mean|mistake|wrong|again|spelled|spelt|ok|okay|my|the|a|booking|reservation|reference|ref|pnr|code|number|confirmation|is|it's|its|it|name|names|last|surname|family|and|under|for|on|with|i|i'm|im|am|hi|hello|hey|please|thanks|thank|you|here|of|passenger|lead)\b/giu;

/**
 * Finds the booking to look after: the signed-in traveller's bookings to pick from, or a reference
 * and last name ("ABC234 Lovelace" in one message, or one then the other). The API decides; a wrong
 * pair is never told apart from an unknown reference.
 */
export class FindBookingDialog extends StepDialog<Options, FindResult, Data> {
  constructor(deps: DialogDeps) {
    super(FIND_BOOKING_DIALOG, deps);
  }

  protected initialData(o: Options): Data {
    return { mode: o.pnr || o.note ? 'ask' : 'list', pnr: o.pnr?.toUpperCase(), ...(o.note ? { note: o.note } : {}) };
  }

  protected override async ask(ctx: TurnContext, _o: Options, data: Data): Promise<BotMessage> {
    const note = data.note ? `${data.note} ` : '';
    if (data.mode === 'list') {
      const mine = await this.mine(ctx);
      if (mine.length) {
        return {
          text: `${note}Which booking would you like to look at?`,
          choices: [
            ...mine.map((b) => ({ value: `pnr:${b.pnr}`, label: bookingLabel(b) })),
            { value: 'other', label: 'Another booking' },
          ],
        };
      }
      data.mode = 'ask';
    }
    if (data.pnr && !data.lastName)
      return { text: `${note}What is the last name of a passenger on booking ${data.pnr}?` };
    if (data.lastName && !data.pnr) return { text: `${note}And the 6-character booking reference (e.g. ABC234)?` };
    return { text: `${note}Your booking reference and last name, please (e.g. "ABC234 Lovelace").` };
  }

  protected override async interpret(
    ctx: TurnContext,
    o: Options,
    data: Data,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<FindResult>> {
    const picked = matchChoice(reply, shown);
    if (picked?.value.startsWith('pnr:')) return { kind: 'done', result: { pnr: picked.value.slice(4) } };
    if (picked?.value === 'other') {
      Object.assign(data, { mode: 'ask', pnr: undefined, lastName: undefined, note: undefined });
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
    const { pnr, name } = parse(reply.text, u);
    if (!pnr && !name) {
      const again =
        data.mode === 'list'
          ? 'Pick one of your bookings, or "Another booking".'
          : 'Please type the booking reference (6 characters, e.g. ABC234) and the last name.';
      return { kind: 'retry', message: { text: again, choices: shown.choices } };
    }
    if (name && nameProblem(name, 'The last name'))
      return {
        kind: 'retry',
        message: { text: `${nameProblem(name, 'The last name')} Please type the last name as it is on the booking.` },
      };
    data.mode = 'ask';
    if (pnr) data.pnr = pnr;
    if (name) data.lastName = name;
    if (!data.pnr || !data.lastName) {
      delete data.note;
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
    return this.lookUp(ctx, o, data);
  }

  /** Asks the API; a wrong pair starts over (keeping a reference the traveller came with). */
  private async lookUp(ctx: TurnContext, o: Options, data: Data): Promise<StepOutcome<FindResult>> {
    const ref = { pnr: data.pnr!, lastName: data.lastName! };
    try {
      await this.deps.api.getBooking(await identityOf(this.deps, ctx), ref.pnr, ref.lastName);
      return { kind: 'done', result: ref };
    } catch (err) {
      if (!isDomainError(err)) throw err;
      const p = problemOf(err);
      Object.assign(data, {
        pnr: undefined,
        lastName: undefined,
        note: p.code === 'booking_not_found' ? errorSentence('booking_not_found') : p.problem,
      });
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
  }

  /** The signed-in traveller's bookings, the ones still ahead first. */
  private async mine(ctx: TurnContext): Promise<BookingView[]> {
    const who = await identityOf(this.deps, ctx);
    if (who.userId === null) return [];
    const all = await this.deps.api.myBookings(who);
    const now = this.deps.clock.now().getTime();
    const ahead = (b: BookingView) =>
      (b.status === 'held' || b.status === 'confirmed') && b.flights.some((f) => Date.parse(f.departureUtc) > now);
    const when = (b: BookingView) => Date.parse(b.flights[0]?.departureUtc ?? b.createdAt) || 0;
    return [...all].sort((a, b) => Number(ahead(b)) - Number(ahead(a)) || when(a) - when(b)).slice(0, 8);
  }
}

/** Words of a request about a booking that are never a name ("cancel ABC234 please"). */
const REQUEST_WORDS =
  /^(?:cancel\w*|show|view|see|check|change|manage|find|get|look|up|open|seats?|refund|tickets?|status|details|pay|where|what|need|want|to|do|can|could|would|like|delayed|late|on|time)$/i;

/**
 * The last name said right beside a reference in a request ("cancel my booking ABC234 Lovelace", "Lovelace ABC234
 * please"): the word just after the reference, else the word just before it, when it reads as a name. Null when
 * neither does (the flow then asks for it).
 */
export function nameBesideReference(text: string, pnr: string): string | null {
  const words = text.split(/[\s,;:.!?]+/).filter(Boolean);
  const at = words.findIndex((w) => w.replace(/[^A-Za-z0-9]/g, '').toUpperCase() === pnr.toUpperCase());
  if (at < 0) return null;
  const name = (w: string | undefined) =>
    w && /^\p{L}[\p{L}\p{M}'’-]+$/u.test(w) && !REQUEST_WORDS.test(w) && !new RegExp(`^${FILLER.source}$`, 'iu').test(w)
      ? w
      : null;
  return name(words[at + 1]) ?? name(words[at - 1]);
}

/** A booking reference and a last name in what was typed (either may be missing). */
export function parse(text: string, u: Understanding): { pnr: string | null; name: string | null } {
  const words = text.split(/[\s,;:]+/).filter(Boolean);
  const found =
    u.pnr?.toUpperCase() ??
    words
      .map((w) => w.replace(/[^A-Za-z0-9]/g, ''))
      .find((w) => PNR.test(w.toUpperCase()) && (/\d/.test(w) || (w === w.toUpperCase() && words.length > 1)))
      ?.toUpperCase() ??
    null;
  const rest = words
    .filter((w) => w.replace(/[^A-Za-z0-9]/g, '').toUpperCase() !== found)
    .join(' ')
    .replace(FILLER, ' ')
    .replace(/[^\p{L}\p{M}\s'’-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { pnr: found, name: rest || null };
}
