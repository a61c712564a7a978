import type { TurnContext } from 'botbuilder';
import type { BotMessage } from '../cards/types';
import type { DialogDeps } from './core/deps';
import type { Understanding } from './nlu';

/**
 * Answers a question from the FAQ articles (stored in the database, editable by admins). Used at the
 * top level and as an interruption inside any flow, after which the flow asks its question again.
 */
export async function answerQuestion(deps: DialogDeps, ctx: TurnContext, u: Understanding): Promise<BotMessage> {
  const text = ctx.activity.text ?? '';
  const bare = /^\s*(help|\?|menu|what can you do)\W*$/i.test(text);
  const articles = bare ? [] : await deps.api.findArticles(text, u.helpTopic === 'general' ? null : u.helpTopic);
  const b = deps.brand;
  if (articles.length === 0)
    return {
      text: `I can find and book flights, show or change a booking, cancel it, and answer questions about baggage, check-in, changes, refunds and payment. For anything else, reach ${b.name} support at ${b.supportEmail} or ${b.supportPhone}, or say "talk to an agent".`,
      choices: [
        { value: 'menu:book', label: 'Book a flight' },
        { value: 'menu:manage', label: 'My booking' },
        { value: 'menu:faq', label: 'Baggage allowance' },
      ],
    };
  const [best, ...more] = articles;
  return {
    text: `${best!.question}\n${best!.answer}${more.length ? `\nRelated: ${more.slice(0, 2).map((a) => a.question).join(' · ')}` : ''}`,
    card: { kind: 'article', title: best!.question, body: best!.answer, url: `${b.publicUrl}/help#${best!.slug}` },
  };
}
