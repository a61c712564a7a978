import type { Activity } from 'botbuilder';
import { ConsoleAdapter } from '../../bot/console.adapter';
import { type BotRuntime, createBotRuntime } from '../../bot/runtime';
import { renderText } from '../../cards/text/render';
import type { BotMessage } from '../../cards/types';
import { messageOf } from '../../dialogs/messages';
import type { AgentDesk } from '../../bot/ports';
import { createTestApp, type DbTarget, type TestApp } from './test-app';

/**
 * The real bot (dialogs, recognizer, state in the database) over the test app's services, driven turn
 * by turn like a chat. Each `say` returns the bot's messages for that turn.
 */
export interface BotHarness {
  t: TestApp;
  runtime: BotRuntime;
  /** One conversation; `conversation()` starts another (another traveller). */
  conversation(): Conversation;
  close(): Promise<void>;
}

export interface Conversation {
  adapter: ConsoleAdapter;
  /** Sends text (or a card submission) and returns what the bot said in that turn. */
  say(text: string, value?: Record<string, unknown>): Promise<BotMessage[]>;
  /** Everything said to this conversation since the last call (proactive messages included). */
  drain(): BotMessage[];
  /** Plain text of the last turn's replies, for readable assertions. */
  lastText(): string;
}

export async function createBotHarness(
  opts: { target?: DbTarget; now?: Date; env?: Record<string, string>; agentDesk?: AgentDesk } = {},
): Promise<BotHarness> {
  const t = await createTestApp(opts);
  const runtime = createBotRuntime(t.services, {
    faq: t.services.faq,
    emailCodes: t.services.emailVerification,
    agentDesk: opts.agentDesk,
  });
  let n = 0;
  return {
    t,
    runtime,
    conversation() {
      const inbox: BotMessage[] = [];
      let last: BotMessage[] = [];
      const adapter = new ConsoleAdapter((a: Partial<Activity>) => inbox.push(messageOf(a)), `test${++n}`);
      adapter.onTurnError = async (_ctx, err) => {
        throw err;
      };
      runtime.channels.register(adapter.channelId, {
        continue: (ref, logic) => adapter.continueConversation(ref, logic),
      });
      return {
        adapter,
        async say(text, value) {
          inbox.length = 0;
          await adapter.receiveActivity(text, value, (ctx) => runtime.bot.run(ctx));
          last = [...inbox];
          inbox.length = 0;
          return last;
        },
        drain() {
          const out = [...inbox];
          inbox.length = 0;
          return out;
        },
        lastText() {
          return last.map((m) => renderText(m, { now: t.clock.now() })).join('\n---\n');
        },
      };
    },
    async close() {
      await runtime.close();
      await t.close();
    },
  };
}
