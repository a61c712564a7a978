import type { TurnContext } from 'botbuilder';
import { isDomainError } from '../../api/errors';
import { formatMoney } from '../../api/domain/money';
import type { Money } from '../../api/domain/types';
import type { BotMessage } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf } from '../core/deps';
import type { StepOutcome } from '../core/step.dialog';
import type { Reply } from '../messages';
import type { Understanding } from '../nlu';
import { type BookingRef, BookingStepDialog, pickedExactly, type Problem, problemOf } from './shared';

export const CANCEL_BOOKING_DIALOG = 'manageBooking.cancel';

export type CancelResult = { cancelled: { refund: Money; paid: boolean } } | { kept: true } | Problem;

interface Data {
  quoteId?: string;
  refund?: Money;
  /** False for a hold: nothing was paid, nothing comes back. */
  paid?: boolean;
  note?: string;
}

const YES = { value: 'yes', label: 'Yes, cancel my booking' };
const NO = { value: 'no', label: 'Keep my booking' };

/**
 * Cancels a booking: first the quote (refund, fee, the rule behind them), then an explicit yes.
 * Anything but a clear yes keeps the booking. An expired or outdated quote is replaced and asked again.
 */
export class CancelBookingDialog extends BookingStepDialog<
  BookingRef,
  { cancelled: { refund: Money; paid: boolean } } | { kept: true },
  Data
> {
  constructor(deps: DialogDeps) {
    super(CANCEL_BOOKING_DIALOG, deps);
  }

  protected initialData(): Data {
    return {};
  }

  protected override async ask(ctx: TurnContext, o: BookingRef, data: Data): Promise<BotMessage> {
    const q = await this.deps.api.cancellationQuote(await identityOf(this.deps, ctx), o.pnr, o.lastName);
    // Paid bookings always get something back (taxes) or pay a fee; a hold has neither.
    const paid = q.refund.amount > 0 || q.fee.amount > 0;
    Object.assign(data, { quoteId: q.id, refund: q.refund, paid });
    const what = paid
      ? `If you cancel booking ${o.pnr} now, you get ` +
        `${formatMoney(q.refund)} back` +
        `${q.fee.amount > 0 ? ` (cancellation fee ${formatMoney(q.fee)})` : ''}. ` +
        `${q.rule}`
      : `Booking ${o.pnr} is not paid yet, so cancelling costs nothing: the held seats are released.`;
    return {
      text: `${data.note ? `${data.note}\n` : ''}${what}\nDo you want to cancel? This cannot be undone.`,
      card: {
        kind: 'cancellation_quote',
        pnr: o.pnr,
        refund: q.refund,
        fee: q.fee,
        rule: q.rule,
        expiresAt: q.expiresAt,
      },
      choices: [YES, NO],
    };
  }

  protected override async interpret(
    ctx: TurnContext,
    o: BookingRef,
    data: Data,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<CancelResult>> {
    if (!clearYes(reply, u, shown)) return { kind: 'done', result: { kept: true } };
    try {
      await this.deps.api.cancelBooking(await identityOf(this.deps, ctx), o.pnr, data.quoteId!, o.lastName);
      return { kind: 'done', result: { cancelled: { refund: data.refund!, paid: !!data.paid } } };
    } catch (err) {
      if (!isDomainError(err)) throw err;
      if (err.code === 'quote_expired' || err.code === 'booking_changed' || err.code === 'quote_not_found') {
        data.note =
          err.code === 'quote_expired'
            ? 'That quote had expired, so here is a fresh one.'
            : 'The booking changed since that quote, so here is a fresh one.';
        try {
          return { kind: 'show', message: await this.ask(ctx, o, data) };
        } catch (again) {
          if (isDomainError(again)) return { kind: 'done', result: problemOf(again) };
          throw again;
        }
      }
      if (err.code === 'quote_used')
        return {
          kind: 'done',
          result: {
            problem: 'This booking is already being cancelled; you will get an email when it is done.',
            code: err.code,
          },
        };
      return { kind: 'done', result: problemOf(err) };
    }
  }
}

/** The yes button, its number, its whole label, or a plain "yes" ("ok yes cancel it") — nothing vaguer. */
function clearYes(reply: Reply, u: Understanding, shown: BotMessage): boolean {
  const choices = shown.choices ?? [];
  const yesAt = choices.findIndex((c) => c.value === YES.value);
  if (yesAt >= 0 && pickedExactly(reply, choices[yesAt]!, yesAt)) return true;
  if (reply.value) return false;
  const t = reply.text.trim().toLowerCase();
  if (/\b(no|not|don'?t|keep|wait|stop)\b/.test(t)) return false;
  return (
    u.intent === 'affirm' ||
    /^((ok|okay|sure|right|alright|fine)[\s,!.]*)?(yes|yeah|yep|yup)\b[\s,!.]*(please\s+)?(cancel( it| my booking| the booking)?)?[\s!.]*(please)?[\s!.]*$/.test(
      t,
    )
  );
}
