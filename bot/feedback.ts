import type { TurnContext } from 'botbuilder';
import type { ConversationMemory } from '../dialogs/core/memory';
import { isNewRequest, parseRating } from '../dialogs/feedback';
import { say } from '../dialogs/messages';
import type { HandoffRelay } from './handoff/handoff-relay';
import type { FeedbackApi } from './ports';

const EMAIL = /[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}/i;
/** Ratings are read the same way wherever they are asked (see dialogs/feedback.ts). */
export { parseRating };

export interface PendingAnswerDeps {
  feedback: FeedbackApi;
  relay: Pick<HandoffRelay, 'followupRequested'>;
}

/**
 * Answers to questions asked outside any dialog: a rating after a booking or a resolved case, its
 * optional comment, and the email for a follow-up when no agent came. Returns true when the message
 * was such an answer; anything else clears the question and goes to the dialogs as usual.
 */
export async function answerPending(
  ctx: TurnContext,
  m: ConversationMemory,
  deps: PendingAnswerDeps,
  key: string,
  userId: number | null,
): Promise<boolean> {
  const p = m.pending;
  if (!p) return false;
  const text = ctx.activity.text ?? '';
  if (p.kind === 'rating') {
    const rating = parseRating(text, ctx.activity.value);
    delete m.pending;
    if (rating === null) return false;
    await deps.feedback.rate({ conversationKey: key, userId, kind: p.feedbackKind, subject: p.subject, rating });
    m.pending = { kind: 'comment', subject: p.subject, feedbackKind: p.feedbackKind, rating };
    await say(
      ctx,
      rating >= 4
        ? 'Thank you! Anything you would like to add? (Or say "no".)'
        : 'Thank you for telling us. What could we do better? (Or say "no".)',
    );
    return true;
  }
  if (p.kind === 'comment') {
    delete m.pending;
    if (/^(no|nope|nothing|no thanks?|that'?s all)\W*$/i.test(text.trim())) {
      await say(ctx, 'Thanks for your feedback!');
      return true;
    }
    // A new request is not a comment; a comment may still name a seat or a flight ("the seat map was slow").
    if (text.trim().length < 3 || isNewRequest(text)) return false;
    await deps.feedback.comment(key, p.subject, text);
    await say(ctx, 'Thanks for your feedback — it goes straight to our team.');
    return true;
  }
  const email = /^(yes|yeah|yep|ok|sure|please)\b/i.test(text.trim()) ? p.email : (EMAIL.exec(text)?.[0] ?? null);
  delete m.pending;
  if (!email) return false;
  await deps.relay.followupRequested(p.caseId, email);
  await say(ctx, `Thanks — our team will email you at ${email}. Your case #${p.caseId} stays open.`);
  return true;
}
