import type { TurnContext } from 'botbuilder';
import type { Offer, OfferFare } from '../../api/services/search.service';
import type { BotMessage } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { StepDialog, type StepOutcome } from '../core/step.dialog';
import { matchChoice, type Reply } from '../messages';
import type { Understanding } from '../nlu';
import type { SearchCriteria } from '../state';
import { criteriaChanges } from './draft';
import { referredItem } from './references';

export const CHOOSE_FARE_DIALOG = 'chooseFare';

export interface ChooseFareOptions {
  offer: Offer;
  criteria: SearchCriteria;
}
export type ChooseFareResult = { fare: OfferFare } | { correction: Partial<SearchCriteria> };

/** The fare families of the chosen flight with their rules and the party price; "cheapest" picks the lowest. */
export class ChooseFareDialog extends StepDialog<ChooseFareOptions, ChooseFareResult> {
  constructor(deps: DialogDeps) {
    super(CHOOSE_FARE_DIALOG, deps);
  }

  protected initialData(): Record<string, never> {
    return {};
  }

  protected override async ask(_ctx: TurnContext, o: ChooseFareOptions): Promise<BotMessage> {
    return {
      text:
        o.offer.fares.length > 1
          ? 'Which fare would you like? Prices are for everyone travelling, taxes included.'
          : 'This flight has one fare:',
      card: {
        kind: 'fare_options',
        offer: o.offer,
        fares: o.offer.fares.map((fare) => ({ fare, choice: `fare:${fare.fareFamily}` })),
      },
    };
  }

  protected override async interpret(
    _ctx: TurnContext,
    o: ChooseFareOptions,
    _d: unknown,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<ChooseFareResult>> {
    const picked = matchChoice(reply, shown);
    const byFamily = (f: string) => o.offer.fares.find((x) => x.fareFamily === f);
    if (picked?.value.startsWith('fare:')) {
      const fare = byFamily(picked.value.slice(5));
      if (fare) return { kind: 'done', result: { fare } };
    }
    const words = reply.text.toLowerCase();
    for (const family of ['basic', 'standard', 'flex'] as const)
      if (new RegExp(`\\b${family}\\b`).test(words) && byFamily(family))
        return { kind: 'done', result: { fare: byFamily(family)! } };
    if (u.sort === 'price' || /\bcheapest\b/.test(words))
      return { kind: 'done', result: { fare: [...o.offer.fares].sort((a, b) => a.price.amount - b.price.amount)[0]! } };
    // "the first one", "the cheaper one", "that one" (when there is only one).
    const ref = referredItem(
      reply.text,
      o.offer.fares.map((f) => ({ price: f.price.amount })),
    );
    if (ref && 'index' in ref) return { kind: 'done', result: { fare: o.offer.fares[ref.index]! } };
    const change = criteriaChanges(u, o.criteria, reply.text);
    if (change) return { kind: 'done', result: { correction: change } };
    return {
      kind: 'retry',
      message: {
        ...shown,
        text: `Please pick a fare: ${o.offer.fares.map((f, i) => `${i + 1} ${f.name}`).join(', ')}.`,
      },
      confused: true,
    };
  }
}
