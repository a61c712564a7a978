import type { webApi } from '@slack/bolt';
import type { Actor } from '../../../api/services/actor';
import type { CaseActionsApi } from '../../ports';

/** A Slack user who is a jetway agent (or admin): what the handoff services need to act for them. */
export interface SlackAgent {
  slackUserId: string;
  actor: Extract<Actor, { kind: 'user' }>;
  /** What travellers see ("Alice"). */
  name: string;
  fullName: string;
  email: string;
}

export interface AgentLookup {
  agent: SlackAgent | null;
  /** The Slack profile's email, when Slack gave one (for the refusal message). */
  email: string | null;
}

interface Cached {
  at: number;
  value: AgentLookup;
}

/**
 * Slack users are mapped to jetway accounts by email: users.info → profile.email → a jetway staff account
 * (role agent or admin, as the support services decide). Results are cached briefly per process (a role
 * change shows within `ttlMs`); nothing else is kept, so any instance answers the same.
 */
export class SlackAgentDirectory {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly staff: Pick<CaseActionsApi, 'staffByEmail'>,
    private readonly ttlMs = 60_000,
  ) {}

  async lookup(slackUserId: string): Promise<AgentLookup> {
    const hit = this.cache.get(slackUserId);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = await this.resolve(slackUserId);
    this.cache.set(slackUserId, { at: Date.now(), value });
    if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }

  private async resolve(slackUserId: string): Promise<AgentLookup> {
    const info = await this.client.users.info({ user: slackUserId });
    const u = info.user;
    const email = u?.profile?.email?.trim().toLowerCase() || null;
    if (!u || u.deleted || u.is_bot || !email) return { agent: null, email };
    const account = await this.staff.staffByEmail(email);
    if (!account) return { agent: null, email };
    const fullName = `${account.firstName} ${account.lastName}`.trim();
    return {
      email,
      agent: {
        slackUserId,
        actor: account.actor,
        name: account.firstName || fullName || 'Support',
        fullName: fullName || account.email,
        email: account.email,
      },
    };
  }
}
