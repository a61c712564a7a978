import type { ApiServices } from '../api/container';
import type { HandoffService } from './handoff/handoff.service';
import type { AgentDesk } from './travel-api';

/** The desk in production: support cases posted to the agents' channel (see HandoffService). */
export function handoffAgentDesk(handoff: HandoffService): AgentDesk {
  return { request: (r) => handoff.escalate(r) };
}

/** A desk that only records requests in the audit log and points to support (tests, tools). */
export function recordingAgentDesk(s: ApiServices): AgentDesk {
  return {
    async request(r) {
      await s.repos.ops.audit({
        actorUserId: r.userId,
        actorRole: 'traveller',
        action: 'chat.agent_requested',
        entityType: 'conversation',
        entityId: r.conversationKey.slice(0, 64),
        reason: r.reason,
        data: { kind: r.kind, booking: r.memory.booking ?? null },
      });
      return {
        message:
          `I've passed your request on to our support team. You can also reach them at ` +
          `${s.config.SUPPORT_EMAIL} or ` +
          `${s.config.SUPPORT_PHONE}. Meanwhile I'm still here to help.`,
      };
    },
  };
}
