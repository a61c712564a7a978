import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { BotMessage } from '../../cards/types';
import { matchChoice, type Reply, replyOf, say } from '../messages';
import type { ExpectedSlot, Understanding } from '../nlu';
import { type DialogDeps, memoryOf } from './deps';
import { answerIfQuestion } from '../help.dialog';
import { understand } from './understand';

export type StepOutcome<R> =
  /** The step has its answer. */
  | { kind: 'done'; result: R }
  /**
   * Not usable: say this (what was wrong and what to do) and keep waiting. `confused` marks replies
   * the bot did not understand at all (two in a row bring in a person), as opposed to invalid ones.
   */
  | { kind: 'retry'; message: BotMessage; confused?: boolean }
  /** Show something new (a filtered list, the next passenger) and keep waiting for it. */
  | { kind: 'show'; message: BotMessage };

interface StepState<O, S> {
  options: O;
  data: S;
  /** The last message shown, whose choices a typed number refers to (cards too big to keep are dropped). */
  shown: BotMessage;
}

/**
 * A dialog that asks one thing and interprets answers until it has it. Subclasses say what to show
 * (`ask`) and what a reply means (`interpret`); the base keeps the last message so "2" and labels map
 * to its choices, re-asks after interruptions, and understands each reply once.
 */
export abstract class StepDialog<O extends object, R, S extends object = Record<string, never>> extends Dialog<O> {
  /** The slot a bare answer fills ("Paris" to "where to?"). */
  protected expectSlot: ExpectedSlot | undefined;

  constructor(
    id: string,
    protected readonly deps: DialogDeps,
  ) {
    super(id);
  }

  protected abstract initialData(options: O): S;
  protected abstract ask(ctx: TurnContext, options: O, data: S): Promise<BotMessage>;
  protected abstract interpret(
    ctx: TurnContext,
    options: O,
    data: S,
    reply: Reply,
    u: Understanding,
    shown: BotMessage,
  ): Promise<StepOutcome<R>>;

  override async beginDialog(dc: DialogContext, options?: O): Promise<DialogTurnResult> {
    const opts = (options ?? {}) as O;
    const data = this.initialData(opts);
    const shown = await this.ask(dc.context, opts, data);
    dc.activeDialog!.state = { options: opts, data, shown: keepable(shown) } satisfies StepState<O, S>;
    await say(dc.context, shown);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const st = dc.activeDialog!.state as StepState<O, S>;
    const u = await understand(this.deps, dc.context, { expect: this.expectSlot });
    const reply = replyOf(dc.context);
    let outcome = await this.interpret(dc.context, st.options, st.data, reply, u, st.shown);
    // A button of an earlier message (a flight list left behind, an old menu): say where we are instead.
    if (outcome.kind === 'retry' && isStaleButton(reply, st.shown))
      outcome = {
        kind: 'retry',
        message: { ...st.shown, text: `That button belongs to an earlier step; we've moved on. ${st.shown.text}` },
      };
    // Not an answer at all, but a question the help pages answer ("which cards do you accept?"): answer it, then ask
    // again.
    const faq = outcome.kind === 'retry' && outcome.confused ? await answerIfQuestion(this.deps, dc.context) : null;
    if (faq) {
      await say(dc.context, faq);
      outcome = { kind: 'show', message: await this.ask(dc.context, st.options, st.data) };
    }
    const memory = await memoryOf(this.deps, dc.context);
    memory.misunderstood =
      outcome.kind === 'retry' ? (outcome.confused ? memory.misunderstood + 1 : memory.misunderstood) : 0;
    if (outcome.kind === 'done') return dc.endDialog(outcome.result);
    if (outcome.kind === 'show') st.shown = keepable(outcome.message);
    await say(dc.context, outcome.message);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(ctx: TurnContext, instance: DialogInstance): Promise<void> {
    const st = instance.state as StepState<O, S>;
    const again = await this.ask(ctx, st.options, st.data);
    st.shown = keepable(again);
    await say(ctx, again);
  }
}

/** Seat maps are large and re-fetched when needed; everything else is kept to resolve "2" next turn. */
function keepable(m: BotMessage): BotMessage {
  return m.card?.kind === 'seat_map' ? { text: m.text, choices: m.choices } : m;
}

/** A card button pressed that the message on screen does not offer. */
function isStaleButton(reply: Reply, shown: BotMessage): boolean {
  return !!reply.value && 'choice' in reply.value && !matchChoice(reply, shown);
}
