import type { TurnContext } from 'botbuilder';
import type { BotMessage } from '../cards/types';
import type { DialogDeps } from './core/deps';
import type { HelpTopic, Understanding } from './nlu';
import type { FaqArticle } from './ports';

/** A question asked by picking a shortcut rather than typed: "Help" (what can you do?) or a topic. */
export interface AskedBy {
  /** "Help" itself: what the assistant can do, no article. */
  bare?: boolean;
  /** The question a shortcut stands for ("Baggage allowance"), instead of the typed text. */
  question?: string;
  topic?: HelpTopic;
}

/** Reads as a question ("which cards do you accept?", "how long are seats held"), whatever it is about. */
const QUESTION =
  /\?\s*$|^\s*(how|what|what's|whats|when|where|which|who|why|can|could|do|does|is|are|will|should|may)\b/i;

/** The message asks something ("how much luggage can I bring?"), rather than telling ("I have 0 checked bags"). */
export function readsAsQuestion(text: string): boolean {
  return QUESTION.test(text.trim());
}

/** A message that asks for help itself ("help", "?", "menu"): what the assistant can do. */
export function asksForHelpItself(text: string): boolean {
  return /^\s*(help|\?|menu|what can you do)\W*$/i.test(text);
}

const ANSWERED = Symbol('jetway.helpAnswered');

/** Marks this turn's question as answered, so a step that cannot use the message does not answer it again. */
export function markAnswered(ctx: TurnContext): void {
  ctx.turnState.set(ANSWERED, true);
}

/**
 * The help article that answers a message the recognizer did not place (no intent), when it reads as
 * a question and the help pages have an answer; null otherwise. Lets "which cards do you accept?"
 * be answered though no intent rule knows the words.
 */
export async function answerIfQuestion(deps: DialogDeps, ctx: TurnContext): Promise<BotMessage | null> {
  const text = (ctx.activity.text ?? '').trim();
  if (!QUESTION.test(text) || ctx.turnState.get(ANSWERED) === true) return null;
  const articles = await deps.api.findArticles(text, null);
  return articles.length ? articleMessage(deps, articles) : null;
}

/**
 * Answers a question from the FAQ articles (stored in the database, editable by admins). Used at the
 * top level and as an interruption inside any flow, after which the flow asks its question again.
 * The article travels as a card (every channel renders it, text channels as lines), so the text only
 * names it: the answer is not said twice.
 */
export async function answerQuestion(
  deps: DialogDeps,
  ctx: TurnContext,
  u: Understanding,
  asked: AskedBy = {},
): Promise<BotMessage> {
  const text = asked.question ?? ctx.activity.text ?? '';
  const bare = asked.bare || asksForHelpItself(text);
  const topic = asked.topic ?? u.helpTopic;
  const articles = bare ? [] : await deps.api.findArticles(text, topic === 'general' ? null : topic);
  const b = deps.brand;
  if (articles.length === 0)
    return {
      text:
        `I can find and book flights, show or change a booking, cancel it, and answer questions about baggage, check-in, changes, refunds and payment. For anything else, reach ` +
        `${b.name} support at ${b.supportEmail} or ` +
        `${b.supportPhone}, or say "talk to an agent".`,
      choices: [
        { value: 'menu:book', label: 'Book a flight' },
        { value: 'menu:manage', label: 'My booking' },
        { value: 'menu:faq', label: 'Baggage allowance' },
      ],
    };
  return articleMessage(deps, articles);
}

function articleMessage(deps: DialogDeps, articles: FaqArticle[]): BotMessage {
  const b = deps.brand;
  const [best, ...more] = articles;
  return {
    text: `${best!.question}${
      more.length
        ? ` (see also: ${more
            .slice(0, 2)
            .map((a) => a.question)
            .join(' · ')})`
        : ''
    }`,
    card: { kind: 'article', title: best!.question, body: best!.answer, url: `${b.publicUrl}/help#${best!.slug}` },
  };
}
