import type { TurnContext } from 'botbuilder';
import { type AnyDomainError, isDomainError } from '../../api/errors';
import type { BotMessage } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf } from '../core/deps';
import { StepDialog, type StepOutcome } from '../core/step.dialog';
import { matchChoice, type Reply } from '../messages';
import type { Understanding } from '../nlu';
import type { BookingDraft, SearchCriteria } from '../state';
import { bookingInput, criteriaChanges } from './draft';

export const REVIEW_DIALOG = 'review';

export type ChangeTarget = 'flights' | 'seats' | 'passengers' | 'contact';
export type ReviewResult =
  | { confirm: true }
  | { change: ChangeTarget }
  | { abort: true }
  | { correction: Partial<SearchCriteria> }
  | { problem: AnyDomainError };

const CHANGES: { value: `change:${ChangeTarget}`; label: string }[] = [
  { value: 'change:flights', label: 'Flights or fare' },
  { value: 'change:seats', label: 'Seats' },
  { value: 'change:passengers', label: 'Passengers' },
  { value: 'change:contact', label: 'Contact details' },
];

/** Everything before paying, priced exactly as the booking will be; nothing is booked without "Confirm". */
export class ReviewDialog extends StepDialog<{ draft: BookingDraft }, ReviewResult, { choosingChange: boolean }> {
  constructor(deps: DialogDeps) {
    super(REVIEW_DIALOG, deps);
  }

  protected initialData(): { choosingChange: boolean } {
    return { choosingChange: false };
  }

  protected override async ask(
    ctx: TurnContext,
    o: { draft: BookingDraft },
    data: { choosingChange: boolean },
  ): Promise<BotMessage> {
    if (data.choosingChange) return { text: 'What would you like to change?', choices: CHANGES };
    const draft = await this.deps.api.quoteBooking(await identityOf(this.deps, ctx), bookingInput(o.draft));
    return {
      text:
        'Please check everything. Nothing is booked until you confirm; then I ' +
        'hold your seats and send a payment link.',
      card: { kind: 'review', draft },
      choices: [
        { value: 'confirm', label: 'Confirm and pay' },
        { value: 'change', label: 'Change something' },
        { value: 'abort', label: "Don't book" },
      ],
    };
  }

  override async beginDialog(
    dc: Parameters<StepDialog<{ draft: BookingDraft }, ReviewResult, { choosingChange: boolean }>['beginDialog']>[0],
    options?: { draft: BookingDraft },
  ) {
    try {
      return await super.beginDialog(dc, options);
    } catch (err) {
      // The draft no longer prices (a flight closed, a rule broke): hand the reason back to the booking dialog.
      if (isDomainError(err)) return dc.endDialog({ problem: err } satisfies ReviewResult);
      throw err;
    }
  }

  protected override async interpret(
    ctx: TurnContext,
    o: { draft: BookingDraft },
    data: { choosingChange: boolean },
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<ReviewResult>> {
    const picked = matchChoice(reply, shown);
    const v = picked?.value ?? '';
    if (v.startsWith('change:')) return { kind: 'done', result: { change: v.slice(7) as ChangeTarget } };
    if (v === 'confirm' || (!data.choosingChange && u.intent === 'affirm'))
      return { kind: 'done', result: { confirm: true } };
    if (v === 'abort') return { kind: 'done', result: { abort: true } };
    if (v === 'change' || u.intent === 'deny') {
      data.choosingChange = true;
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
    const change = criteriaChanges(u, o.draft.criteria, reply.text);
    if (change) return { kind: 'done', result: { correction: change } };
    if (/\bseat/i.test(reply.text)) return { kind: 'done', result: { change: 'seats' } };
    if (/\b(name|passenger|birth)/i.test(reply.text)) return { kind: 'done', result: { change: 'passengers' } };
    if (/\b(email|phone|contact)/i.test(reply.text)) return { kind: 'done', result: { change: 'contact' } };
    if (/\b(flight|fare|time)/i.test(reply.text)) return { kind: 'done', result: { change: 'flights' } };
    return {
      kind: 'retry',
      message: {
        text: data.choosingChange
          ? 'Say what to change: flights, seats, passengers or contact details.'
          : 'Say "confirm" to hold the seats and get the payment link, or "change" to change something.',
        choices: shown.choices,
      },
      confused: true,
    };
  }
}
