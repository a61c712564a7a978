import type { SupportCaseRow } from '../../api/domain/records';

/** Everything agents see when a case opens: who, where, the booking and what was said. */
export interface CaseContext {
  caseId: number;
  kind: 'handoff' | 'complaint';
  reason: string;
  channelId: string;
  traveller: { userId: number | null; name: string | null; email: string | null };
  /** The booking in progress or being discussed: search, chosen flights, seats, PNR, payment state. */
  booking: { summary: string; pnr: string | null; status: string | null; payment: string | null } | null;
  transcript: { from: string; text: string; at: string }[];
  queue: { position: number; expectedWaitMinutes: number };
}

/**
 * Where support agents work (a Slack channel, one thread per conversation). The desk posts cases and
 * relays messages through it; agents' actions come back through the HandoffService.
 */
export interface AgentNotifier {
  readonly name: string;
  /** Posts a new case; returns the thread reference to keep on the case (null when not posted). */
  openCase(ctx: CaseContext): Promise<string | null>;
  /** Adds a line to the case's thread (a traveller message, a system note). */
  post(c: SupportCaseRow, author: 'traveller' | 'system' | 'bot', text: string): Promise<void>;
  /** Refreshes the case header (status, assignee) after a change. */
  caseChanged(c: SupportCaseRow, note: string): Promise<void>;
}

/** Used when no agents' channel is configured: cases are still recorded; nothing is posted. */
export class NoAgentChannel implements AgentNotifier {
  readonly name = 'none';
  async openCase(): Promise<string | null> {
    return null;
  }
  async post(): Promise<void> {}
  async caseChanged(): Promise<void> {}
}
