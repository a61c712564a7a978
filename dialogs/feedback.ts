import type { TurnContext } from 'botbuilder';
import type { FeedbackKind } from '../api/domain/records';
import type { BotMessage, Choice } from '../cards/types';
import { conversationKey, type DialogDeps, identityOf, memoryOf } from './core/deps';
import { say } from './messages';

const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/** "4", "4/5", "five stars", a rating button: 1–5, else null. */
export function parseRating(text: string, value: unknown): number | null {
  const choice = (value as { choice?: unknown } | undefined)?.choice;
  if (typeof choice === 'string' && /^rate:[1-5]$/.test(choice)) return Number(choice.slice(5));
  const t = text.trim().toLowerCase();
  const m =
    /^([1-5])(\s*(\/\s*5|stars?|out of (5|five)))?\W*$/.exec(t) ??
    /^(one|two|three|four|five)(\s+(stars?|out of (5|five)))?\W*$/.exec(t);
  if (!m) return null;
  return WORDS[m[1]!] ?? Number(m[1]);
}

/** A rating given inside a sentence ("I'd give you 5 stars", "4 out of 5 for this chat"): 1–5, else null. */
export function ratingIn(text: string): number | null {
  const m = /\b([1-5]|one|two|three|four|five)\s*(stars?\b|\/\s*5\b|out of (5|five)\b)/i.exec(text);
  if (!m) return null;
  return WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
}

/** "I want to fly", "can you book", "please cancel", "talk to an agent": asking the bot to do something. */
const OPENERS = String.raw`(?:(?:hi|hello|hey|ok|okay|actually|now|and|so|also)\W+)*`;
const ASKING =
  String.raw`(?:(?:i|we)(?: would|'d| do| really)? (?:want|need|like|wanna)(?: to)? |` +
  String.raw`(?:can|could|will|would) (?:i|we|you)(?: please)? |please |let me |help me )?`;
const ACTIONS = String.raw`(?:book|fly|cancel|change|check in|search|find|get|travel|go|talk|speak)\b`;
const ASKS_TO_ACT = new RegExp(`^${OPENERS}${ASKING}${ACTIONS}`, 'i');
const ASKS_FOR_TRIP =
  /\b(?:i|we) (?:want|need|would like|'d like) (?:a |an |some |two |)(?:\w+ )?(?:flights?|tickets?)\b/i;
const FROM_TO = /\bfrom \p{L}[\p{L} .'-]* to \p{L}/iu;
/** "Heathrow to Paris on Friday": a short message that opens with one place to another and says when. */
const PLACE_TO_PLACE = /^(?:\p{L}+ ){0,2}\p{L}+ to \p{L}+/iu;
const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|' +
  'oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DAYS = 'today|tomorrow|tonight|next|(?:mon|tues|wednes|thurs|fri|satur|sun)day';
const WHEN = new RegExp(String.raw`\b(?:${DAYS}|${MONTHS}|\d{1,2}(?:st|nd|rd|th)|\d{1,2}[/.-]\d{1,2})\b`, 'i');
const SHORT_REQUEST_WORDS = 10;
/** Asking for help or a fresh start rather than writing a comment. */
const START = /^(?:help|menu|start over|restart|new search)\W*$/i;
/** A request for a human, whatever it is phrased as. */
const PERSON = /\b(agent|human|real person|someone real|representative)\b/i;

/**
 * While the bot waits for a feedback comment, the reply is the comment ("the seat map was slow", "the flight list
 * was confusing") unless it is clearly a new request: asking the bot to do something ("book …", "I want to fly …",
 * "cancel my booking"), asking for a trip, a trip from one place to another, or a person.
 */
export function isNewRequest(text: string): boolean {
  const t = text.trim().replace(/[’`]/g, "'");
  const trip = PLACE_TO_PLACE.test(t) && WHEN.test(t) && t.split(/\s+/).length <= SHORT_REQUEST_WORDS;
  return ASKS_TO_ACT.test(t) || ASKS_FOR_TRIP.test(t) || FROM_TO.test(t) || trip || PERSON.test(t) || START.test(t);
}

export const RATING_CHOICES: Choice[] = [1, 2, 3, 4, 5].map((n) => ({ value: `rate:${n}`, label: String(n) }));

/** "How would you rate …, from 1 (poor) to 5 (excellent)?" with the five buttons. */
export function ratingQuestion(what: string): BotMessage {
  return { text: `How would you rate ${what}, from 1 (poor) to 5 (excellent)?`, choices: RATING_CHOICES };
}

/**
 * Asks for a rating outside any dialog: the next message is read as the answer (see bot/feedback.ts), and
 * anything that is not a rating goes on to the dialogs as usual.
 */
export async function askForRating(
  deps: DialogDeps,
  ctx: TurnContext,
  kind: FeedbackKind,
  subject: string,
  question: BotMessage,
): Promise<void> {
  (await memoryOf(deps, ctx)).pending = { kind: 'rating', subject, feedbackKind: kind };
  await say(ctx, question);
}

/**
 * "I want to leave feedback", "can I rate this chat", "5 stars": a rating said with it is stored at once and
 * a comment invited; otherwise the rating question is asked.
 */
export async function startFeedback(deps: DialogDeps, ctx: TurnContext): Promise<void> {
  const subject = `chat:${conversationKey(ctx)}`.slice(0, 64);
  const rating = ratingIn(ctx.activity.text ?? '') ?? parseRating(ctx.activity.text ?? '', ctx.activity.value);
  if (rating === null) return askForRating(deps, ctx, 'chat', subject, ratingQuestion('this chat'));
  const who = await identityOf(deps, ctx);
  await deps.api.rate({ conversationKey: conversationKey(ctx), userId: who.userId, kind: 'chat', subject, rating });
  (await memoryOf(deps, ctx)).pending = { kind: 'comment', subject, feedbackKind: 'chat', rating };
  await say(
    ctx,
    rating >= 4
      ? `Thank you for the ${rating} out of 5! Anything you would like to add? (Or say "no".)`
      : `Thank you for the ${rating} out of 5. What could we do better? (Or say "no".)`,
  );
}
