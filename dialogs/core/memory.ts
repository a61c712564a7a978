import type { FeedbackKind } from '../../api/domain/records';

/**
 * What the bot remembers about a conversation outside the dialog stack (conversation state): the
 * recent transcript (for agents), the booking in progress (for agents and escalation), how many turns
 * in a row were not understood, and a pending question asked outside any dialog (feedback, follow-up).
 */
export interface ConversationMemory {
  recent: { from: 'traveller' | 'bot'; text: string; at: string }[];
  booking?: { summary: string; pnr?: string };
  /**
   * The booking found in this conversation (reference and the last name that opened it), so that "cancel my
   * booking" or "where's my refund?" a moment later does not ask for them again.
   */
  found?: { pnr: string; lastName?: string };
  misunderstood: number;
  /**
   * The last thing the bot said on its own was that this booking's flight is delayed or cancelled: the traveller's
   * next message is read as the answer to it ("the first one", "I'll take the refund").
   */
  disruptionNotice?: { pnr: string };
  pending?:
    | { kind: 'rating'; subject: string; feedbackKind: FeedbackKind }
    | { kind: 'comment'; subject: string; feedbackKind: FeedbackKind; rating: number }
    | { kind: 'followup_email'; caseId: number; email: string | null };
}

export const RECENT_LIMIT = 20;

export function emptyMemory(): ConversationMemory {
  return { recent: [], misunderstood: 0 };
}

export function remember(m: ConversationMemory, from: 'traveller' | 'bot', text: string, at: Date): void {
  if (!text.trim()) return;
  m.recent.push({ from, text: text.slice(0, 500), at: at.toISOString() });
  if (m.recent.length > RECENT_LIMIT) m.recent.splice(0, m.recent.length - RECENT_LIMIT);
}
