import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { isDomainError } from '../../api/errors';
import type { Money } from '../../api/domain/types';
import {
  CONFIRM_YES,
  confirmOfferMessage,
  disruptionMessage,
  REBOOK_OFFERS_SHOWN,
  rebookOffers,
} from '../../cards/shared/disruption';
import type { BotMessage, Disruption } from '../../cards/types';
import type { DialogDeps } from '../core/deps';
import { identityOf } from '../core/deps';
import type { StepOutcome } from '../core/step.dialog';
import type { Reply } from '../messages';
import type { Understanding } from '../nlu';
import { offerReplied } from './disruption-reply';
import { type BookingRef, BookingStepDialog, pickedExactly, type Problem, problemOf } from './shared';

export const DISRUPTION_DIALOG = 'manageBooking.disruption';

export interface DisruptionOptions extends BookingRef {
  /**
   * The traveller is answering offers they already saw (the proactive notice): this turn's message is read as
   * that answer instead of showing the offers again.
   */
  replying?: boolean;
}

export type DisruptionDone =
  | { rebooked: string }
  | { refunded: Money }
  | { kept: Disruption }
  | { notNow: true }
  /** Nothing is open on the booking any more (answered elsewhere, or the flight runs again as booked). */
  | { closed: true };
export type DisruptionResult = DisruptionDone | Problem;

interface Data {
  stage: 'offers' | 'confirm' | 'closed';
  /** Where the page of rebooking offers on screen starts. */
  from: number;
  offerId?: string;
  /** Said before the offers next time they are shown (what just happened). */
  note?: string;
  /** Offers that went to someone else while this conversation had them on screen: never shown again. */
  gone?: string[];
  /** The traveller answers a notice that did not list the offers: a bare "1" or "see my options" shows them. */
  unseen?: boolean;
}

/**
 * A delayed or cancelled flight: the situation and the offers (other flights, a full refund, keeping a delayed
 * flight), then an explicit yes before rebooking or refunding. An offer that lapsed or whose seats someone else took
 * meanwhile is said so, and fresh offers are shown. The disruption is read from the service on every question.
 */
export class DisruptionDialog extends BookingStepDialog<DisruptionOptions, DisruptionDone, Data> {
  constructor(deps: DialogDeps) {
    super(DISRUPTION_DIALOG, deps);
  }

  override async beginDialog(dc: DialogContext, options?: DisruptionOptions): Promise<DialogTurnResult> {
    if (!options?.replying) return super.beginDialog(dc, options);
    // The offers are on screen already (the notice): read this message as the answer to them.
    try {
      const data: Data = { ...this.initialData(), unseen: true };
      const shown = await this.ask(dc.context, options, data);
      dc.activeDialog!.state = { options, data, shown };
      return await this.continueDialog(dc);
    } catch (err) {
      if (isDomainError(err)) return dc.endDialog(problemOf(err));
      throw err;
    }
  }

  protected initialData(): Data {
    return { stage: 'offers', from: 0 };
  }

  protected override async ask(ctx: TurnContext, o: DisruptionOptions, data: Data): Promise<BotMessage> {
    const d = withoutGone(
      await this.deps.disruptions.disruptionOf(await identityOf(this.deps, ctx), o.pnr, o.lastName),
      data,
    );
    if (!d || d.offers.length === 0) {
      data.stage = 'closed';
      return { text: `There is nothing left to choose on booking ${o.pnr}.` };
    }
    if (data.stage === 'confirm') {
      const offer = d.offers.find((x) => x.id === data.offerId);
      if (offer) return confirmOfferMessage(d, offer);
      Object.assign(data, { stage: 'offers', from: 0, note: 'That option is no longer open.' });
    }
    if (data.from >= rebookOffers(d).length) data.from = 0;
    const message = disruptionMessage(d, { note: data.note, from: data.from, now: this.deps.clock.now() });
    delete data.note;
    return message;
  }

  protected override async interpret(
    ctx: TurnContext,
    o: DisruptionOptions,
    data: Data,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<DisruptionResult>> {
    if (data.stage === 'closed') return { kind: 'done', result: { closed: true } };
    const who = await identityOf(this.deps, ctx);
    const d = withoutGone(await this.deps.disruptions.disruptionOf(who, o.pnr, o.lastName), data);
    if (!d || d.offers.length === 0) return { kind: 'done', result: { closed: true } };
    return data.stage === 'confirm'
      ? this.confirm(ctx, o, data, d, reply, u, shown)
      : this.pick(ctx, o, data, d, reply, u, shown);
  }

  private async pick(
    ctx: TurnContext,
    o: DisruptionOptions,
    data: Data,
    d: Disruption,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<DisruptionResult>> {
    if (u.intent === 'deny' || u.intent === 'abort' || /^(not now|no thanks?|i'?ll decide later)\b/i.test(reply.text))
      return { kind: 'done', result: { notNow: true } };
    const bare =
      /^\s*(\d{1,2}|(see |show me )?(my |the )?options)[.!]?\s*$/i.test(reply.text) ||
      (!!reply.value && 'choice' in reply.value && reply.value.choice.startsWith('disruption'));
    const r = bare && data.unseen ? null : offerReplied(reply, d, shown);
    if (data.unseen && (bare || !r || 'later' in r)) {
      delete data.unseen;
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
    delete data.unseen;
    const again = (text: string, confused = false): StepOutcome<DisruptionResult> => ({
      kind: 'retry',
      message: { ...shown, text },
      confused,
    });
    if (r && 'later' in r) {
      if (rebookOffers(d).length > data.from + REBOOK_OFFERS_SHOWN) {
        data.from += REBOOK_OFFERS_SHOWN;
        return { kind: 'show', message: await this.ask(ctx, o, data) };
      }
      return again(
        'Sorry, there is no later flight with free seats on this route today or tomorrow. You can take one of ' +
          'these, a full refund, or say "talk to an agent".',
      );
    }
    if (r && 'notOffered' in r)
      return again(
        r.notOffered === 'keep'
          ? 'That flight is cancelled, so you cannot stay on it. Please pick another flight or a refund.'
          : 'A refund is not among the options for this flight. Please pick one of these.',
      );
    if (r) {
      Object.assign(data, { stage: 'confirm', offerId: r.offer.id });
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
    return again(
      'Sorry, which one? Pick a number, say a flight\'s departure time (e.g. "the ' +
        `${firstTime(d)}"), "refund"${d.offers.some((x) => x.kind === 'keep') ? ', or "keep my flight"' : ''}.`,
      true,
    );
  }

  private async confirm(
    ctx: TurnContext,
    o: DisruptionOptions,
    data: Data,
    d: Disruption,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<DisruptionResult>> {
    if (!clearYes(reply, u, shown)) {
      Object.assign(data, { stage: 'offers', from: 0, offerId: undefined, note: 'OK, nothing has changed.' });
      return { kind: 'show', message: await this.ask(ctx, o, data) };
    }
    return this.take(ctx, o, data, data.offerId!, d);
  }

  /** Takes the offer; one that is gone is said so and replaced by fresh offers. */
  private async take(
    ctx: TurnContext,
    o: DisruptionOptions,
    data: Data,
    offerId: string,
    d: Disruption,
  ): Promise<StepOutcome<DisruptionResult>> {
    const who = await identityOf(this.deps, ctx);
    try {
      const out = await this.deps.disruptions.choose(who, o.pnr, offerId, o.lastName);
      switch (out.kind) {
        case 'rebooked':
          return { kind: 'done', result: { rebooked: out.pnr } };
        case 'refunded':
          return { kind: 'done', result: { refunded: out.amount } };
        case 'kept':
          return { kind: 'done', result: { kept: d } };
        case 'gone': {
          if (out.reason === 'taken') data.gone = [...(data.gone ?? []), offerId];
          await this.deps.disruptions.renewOffers(who, o.pnr, o.lastName);
          Object.assign(data, {
            stage: 'offers',
            from: 0,
            offerId: undefined,
            note:
              out.reason === 'taken'
                ? 'Sorry, the seats on that flight were taken by someone else a moment ago. Here is what I can ' +
                  'offer now.'
                : 'Sorry, that offer ran out before it was confirmed. Here is what I can offer now.',
          });
          return { kind: 'show', message: await this.ask(ctx, o, data) };
        }
      }
    } catch (err) {
      if (isDomainError(err)) return { kind: 'done', result: problemOf(err) };
      throw err;
    }
  }
}

/** The yes button, its number or label, or a plain yes ("yes please", "ok go ahead") — nothing vaguer. */
function clearYes(reply: Reply, u: Understanding, shown: BotMessage): boolean {
  const choices = shown.choices ?? [];
  const yesAt = choices.findIndex((c) => c.value === CONFIRM_YES.value);
  if (yesAt >= 0 && pickedExactly(reply, choices[yesAt]!, yesAt)) return true;
  if (reply.value) return false;
  const t = reply.text.trim().toLowerCase();
  if (/\b(no|not|don'?t|wait|stop)\b/.test(t)) return false;
  return u.intent === 'affirm' || /^((ok|okay|sure|right|alright)[\s,!.]*)?(yes|yeah|yep|yup|go ahead|do it)\b/.test(t);
}

/** The disruption without the offers this conversation saw go to someone else. */
function withoutGone(d: Disruption | null, data: Data): Disruption | null {
  if (!d || !data.gone?.length) return d;
  return { ...d, offers: d.offers.filter((x) => !data.gone!.includes(x.id)) };
}

function firstTime(d: Disruption): string {
  return rebookOffers(d)[0]?.flights[0]?.departureTime.slice(11, 16) ?? '18:05';
}
