import type { TurnContext } from 'botbuilder';
import { logContext } from '../api/logger';
import type { InFlight } from '../api/lifecycle/in-flight';
import type { AppMetrics } from '../api/observability/metrics';
import type { Tracing } from '../api/observability/tracing';

/** The one method every channel calls for a turn (Direct Line, SMS, Slack, Azure). */
export interface TurnRunner {
  run(ctx: TurnContext): Promise<void>;
}

/**
 * Wraps the bot's turn, which every channel goes through, so that each turn
 * - is counted and timed by channel (jetway_chat_turns_total, jetway_chat_turn_duration_seconds);
 * - logs with its conversation id and channel (added to the request id already in the log context);
 * - counts as work in progress, which shutdown waits for;
 * - with tracing on, is a span ("chat turn") whose SQL statements are its children.
 */
export function observeTurns(bot: TurnRunner, metrics: AppMetrics, inFlight: InFlight, tracing?: Tracing): void {
  const untraced = bot.run.bind(bot);
  const run = tracing?.enabled
    ? (ctx: TurnContext) =>
        tracing.inSpan(
          'chat turn',
          { 'jetway.channel': ctx.activity.channelId || 'unknown', 'jetway.activity.type': ctx.activity.type ?? '' },
          () => untraced(ctx),
        )
    : untraced;
  bot.run = (ctx: TurnContext) => {
    const channel = ctx.activity.channelId || 'unknown';
    const context = { ...logContext.getStore(), conversationId: ctx.activity.conversation?.id ?? '', channel };
    return logContext.run(context, () =>
      inFlight.track(async () => {
        const stopTimer = metrics.chatTurnDuration.startTimer({ channel });
        let outcome = 'error';
        try {
          await run(ctx);
          outcome = 'ok';
        } finally {
          stopTimer();
          metrics.chatTurns.inc({ channel, outcome });
        }
      }),
    );
  };
}
