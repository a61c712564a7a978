import type { SupportCaseRow } from '../../api/domain/records';
import type { CaseBrief } from '../../api/services/handoff.service';

/**
 * Where support agents work (a Slack channel, one thread per case). The handoff relay posts cases and
 * relays messages through it; agents' actions come back through the relay.
 */
export interface AgentsChannel {
  readonly name: string;
  /** Posts a new case; returns the thread reference to keep on the case (null when not posted). */
  openCase(brief: CaseBrief): Promise<string | null>;
  /** Adds a line to the case's thread (a traveller message, a system note). */
  post(c: SupportCaseRow, author: 'traveller' | 'system' | 'bot', text: string): Promise<void>;
  /** Refreshes the case header (status, assignee) after a change. */
  caseChanged(c: SupportCaseRow, note: string): Promise<void>;
}

/** Used when no agents' channel is configured: cases are still recorded; nothing is posted. */
export class NoAgentsChannel implements AgentsChannel {
  readonly name = 'none';
  async openCase(): Promise<string | null> {
    return null;
  }
  async post(): Promise<void> {}
  async caseChanged(): Promise<void> {}
}
