import type { TurnContext } from 'botbuilder';
import { documentProblems, maskDocumentNumber, normalizeDocumentNumber } from '../../api/domain/check-in';
import { isDomainError } from '../../api/errors';
import type { BoardingPassView } from '../../api/services/boarding-pass.service';
import { formatLocalDate, formatLocalTime } from '../../cards/shared/format';
import type { BotMessage } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf, memoryOf } from '../core/deps';
import type { StepOutcome } from '../core/step.dialog';
import { matchChoice, type Reply } from '../messages';
import type { Understanding } from '../nlu';
import { expiryDateOf, nationalityOf } from './passport-input';
import { type BookingRef, BookingStepDialog, type Problem, problemOf } from './shared';

export const CHECK_IN_DIALOG = 'manageBooking.checkIn';

/** The flight to check in on and who still needs checking in (worked out by the manage flow). */
export interface CheckInOptions extends BookingRef {
  flightId: number;
  flightNumber: string;
  route: string;
  departureTime: string;
  /** Local date of the journey's last arrival: passports must be valid after it. */
  lastDay: string;
  passengers: { index: number; name: string }[];
}

export type CheckInResult = { checkedIn: BoardingPassView[] } | { notNow: true } | Problem;

type Stage = 'confirm' | 'nationality' | 'expiry' | 'number';

interface Data {
  stage: Stage;
  /** Position in `passengers` of the one being asked about. */
  at: number;
  nationality?: string;
  expiryDate?: string;
  /** Indices checked in by this dialog. */
  done: number[];
}

const YES = { value: 'yes', label: 'Yes, check in' };
const NO = { value: 'no', label: 'Not now' };

/**
 * Online check-in in the chat, one explicit step at a time: confirm the flight, then for each passenger
 * the nationality, the passport's expiry date and last the passport number, which is sent to the API at
 * once (so the full number is never kept in the conversation's state) and masked in the transcript.
 */
export class CheckInDialog extends BookingStepDialog<
  CheckInOptions,
  { checkedIn: BoardingPassView[] } | { notNow: true },
  Data
> {
  constructor(deps: DialogDeps) {
    super(CHECK_IN_DIALOG, deps);
  }

  protected initialData(): Data {
    return { stage: 'confirm', at: 0, done: [] };
  }

  protected override async ask(_ctx: TurnContext, o: CheckInOptions, data: Data): Promise<BotMessage> {
    const who = o.passengers[data.at]?.name ?? '';
    switch (data.stage) {
      case 'confirm': {
        const names = o.passengers.map((p) => p.name).join(', ');
        return {
          text:
            `Check-in is open for ${o.flightNumber} ${o.route}, departing ${formatLocalTime(o.departureTime)} on ` +
            `${formatLocalDate(o.departureTime)}. I'll check in ${names}, asking for each passport: nationality, ` +
            `expiry date, then the passport number. Shall we start?`,
          choices: [YES, NO],
        };
      }
      case 'nationality':
        return { text: `${who}: what nationality is on the passport? The 3-letter code, e.g. GBR, USA or FRA.` };
      case 'expiry':
        return { text: `When does ${who}'s passport expire? (e.g. 2031-05-20 or 20 May 2031)` };
      case 'number':
        return { text: `And ${who}'s passport number? I only keep its last 4 characters.` };
    }
  }

  protected override async interpret(
    ctx: TurnContext,
    o: CheckInOptions,
    data: Data,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<CheckInResult>> {
    const show = async (): Promise<StepOutcome<CheckInResult>> => ({
      kind: 'show',
      message: await this.ask(ctx, o, data),
    });
    const retry = (text: string): StepOutcome<CheckInResult> => ({ kind: 'retry', message: { ...shown, text } });
    switch (data.stage) {
      case 'confirm': {
        const picked = matchChoice(reply, shown)?.value;
        const yes =
          picked === YES.value ||
          (!picked && (u.intent === 'affirm' || /^(yes|ok|sure|go)\b/i.test(reply.text.trim())));
        if (!yes) return { kind: 'done', result: { notNow: true } };
        data.stage = 'nationality';
        return show();
      }
      case 'nationality': {
        const code = nationalityOf(reply.text);
        if (!code) return retry('Please type the 3-letter nationality code printed on the passport, e.g. GBR.');
        data.nationality = code;
        data.stage = 'expiry';
        return show();
      }
      case 'expiry': {
        const date = expiryDateOf(reply.text);
        if (!date) return retry('Please type the expiry date as on the passport, e.g. 2031-05-20 or 20 May 2031.');
        if (date <= o.lastDay)
          return retry(
            `That passport expires before the end of the trip (${o.lastDay}), so it can't be used. ` +
              'Please give the expiry date of a passport valid after it.',
          );
        data.expiryDate = date;
        data.stage = 'number';
        return show();
      }
      case 'number':
        return this.submit(ctx, o, data, reply, show, retry);
    }
  }

  /** Sends this passenger's passport to the API, then moves on to the next passenger or finishes. */
  private async submit(
    ctx: TurnContext,
    o: CheckInOptions,
    data: Data,
    reply: Reply,
    show: () => Promise<StepOutcome<CheckInResult>>,
    retry: (text: string) => StepOutcome<CheckInResult>,
  ): Promise<StepOutcome<CheckInResult>> {
    const documentNumber = normalizeDocumentNumber(reply.text);
    await this.maskInTranscript(ctx, reply.text);
    const doc = { documentNumber, nationality: data.nationality!, expiryDate: data.expiryDate! };
    if (documentProblems(doc, o.lastDay).some((p) => p.field === 'documentNumber'))
      return retry('A passport number is 5 to 20 letters and digits. Please type it as printed.');
    const passenger = o.passengers[data.at]!;
    try {
      const who = await identityOf(this.deps, ctx);
      const status = await this.deps.api.checkIn(
        who,
        o.pnr,
        { flightId: o.flightId, passengers: [{ passenger: passenger.index, ...doc }] },
        o.lastName,
      );
      data.done.push(passenger.index);
      data.at++;
      Object.assign(data, { nationality: undefined, expiryDate: undefined });
      if (data.at < o.passengers.length) {
        data.stage = 'nationality';
        return show();
      }
      const passes = status.boardingPasses.filter((p) => p.flightId === o.flightId && data.done.includes(p.passenger));
      return { kind: 'done', result: { checkedIn: passes } };
    } catch (err) {
      if (!isDomainError(err)) throw err;
      if (err.code === 'invalid_travel_document') {
        data.stage = 'nationality';
        const again = await this.ask(ctx, o, data);
        return {
          kind: 'show',
          message: { text: `${problemOf(err).problem} Let's go through it again. ${again.text}` },
        };
      }
      return { kind: 'done', result: problemOf(err) };
    }
  }

  /** The transcript agents see keeps "•••• 4821" instead of the number the traveller typed. */
  private async maskInTranscript(ctx: TurnContext, typed: string): Promise<void> {
    const memory = await memoryOf(this.deps, ctx);
    const last = [...memory.recent].reverse().find((e) => e.from === 'traveller' && e.text === typed);
    if (last) last.text = maskDocumentNumber(typed);
  }
}
