import type { TurnContext } from 'botbuilder';
import { todayIn } from '../../api/domain/time';
import { formatLocalDate } from '../../cards/shared/format';
import type { BotMessage } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { timeZoneOf } from '../core/deps';
import { StepDialog, type StepOutcome } from '../core/step.dialog';
import { matchChoice, type Reply } from '../messages';
import type { Understanding } from '../nlu';
import type { SearchCriteria } from '../state';
import { criteriaChanges } from './draft';

export const OFFER_RETURN_DIALOG = 'offerReturn';

export interface OfferReturnOptions {
  criteria: SearchCriteria;
}

/** A return date, one way after all, or a change to the trip itself ("actually 2 adults"). */
export type OfferReturnResult = { returnDate: string } | { oneWay: true } | { correction: Partial<SearchCriteria> };

const QUESTION =
  'Would you like a return flight too? Tell me the date (for example "back on Sunday"), or say "one way".';
/** Asked when the traveller already said it is a return trip: only its date is missing. */
const WHEN_BACK = 'When are you coming back? For example "Sunday" or "the 20th", or say "one way".';

/**
 * Offered once the outbound is chosen, when the traveller never said one way or return: the search did not wait
 * for the answer, and a trip often is one way. On a return trip whose date was not given, that date is asked here.
 */
export class OfferReturnDialog extends StepDialog<OfferReturnOptions, OfferReturnResult, Record<string, never>> {
  constructor(deps: DialogDeps) {
    super(OFFER_RETURN_DIALOG, deps);
  }

  protected initialData(): Record<string, never> {
    return {};
  }

  protected override async ask(_ctx: TurnContext, o: OfferReturnOptions): Promise<BotMessage> {
    this.expectSlot = 'returnDate';
    if (o.criteria.tripType === 'round_trip')
      return { text: WHEN_BACK, choices: [{ value: 'one_way', label: 'One way after all' }] };
    return {
      text: QUESTION,
      choices: [
        { value: 'one_way', label: 'No, one way' },
        { value: 'round_trip', label: 'Yes, a return' },
      ],
    };
  }

  protected override async interpret(
    ctx: TurnContext,
    o: OfferReturnOptions,
    _data: Record<string, never>,
    reply: Reply,
    u0: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<OfferReturnResult>> {
    const c = o.criteria;
    const picked = matchChoice(reply, shown);
    if (picked?.value === 'one_way') return { kind: 'done', result: { oneWay: true } };
    // A bare date here is the way back ("Sunday", "the 20th").
    const u = await this.deps.recognizer
      .recognize(ctx.activity.text ?? '', {
        today: todayIn(timeZoneOf(ctx), this.deps.clock.now()),
        timeZone: timeZoneOf(ctx),
        expect: 'returnDate',
        departDate: c.departDate,
      })
      .catch(() => u0);
    const back = u.returnDate ?? (u.departDate && !u.origin && !u.destination ? u.departDate : null);
    if (back) {
      if (c.departDate && back < c.departDate)
        return {
          kind: 'retry',
          message: {
            ...shown,
            text:
              `${formatLocalDate(back)} is before your departure on ${formatLocalDate(c.departDate)}. ` +
              `When are you coming back?`,
          },
        };
      return { kind: 'done', result: { returnDate: back } };
    }
    if (u.tripType === 'one_way' || (u.intent === 'deny' && !picked)) return { kind: 'done', result: { oneWay: true } };
    const change = criteriaChanges(u, c, reply.text);
    if (change && Object.keys(change).some((k) => k !== 'tripType'))
      return { kind: 'done', result: { correction: change } };
    if (picked?.value === 'round_trip' || u.tripType === 'round_trip' || u.intent === 'affirm')
      return {
        kind: 'retry',
        message: { ...shown, text: 'When are you coming back? For example "Sunday" or "the 20th".' },
      };
    return {
      kind: 'retry',
      message: { ...shown, text: `Sorry, I didn't get that. ${c.tripType === 'round_trip' ? WHEN_BACK : QUESTION}` },
      confused: true,
    };
  }
}
