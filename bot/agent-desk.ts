import type { ApiServices } from '../api/container';
import type { AgentDesk } from './travel-api';

/**
 * Until support agents work from Slack, a request for a person is recorded (audit log) and the traveller
 * is told how to reach support directly.
 */
export function recordingAgentDesk(s: ApiServices): AgentDesk {
  return {
    async request(conversationKey, reason, context) {
      await s.repos.ops.audit({
        actorUserId: null,
        actorRole: 'traveller',
        action: 'chat.agent_requested',
        entityType: 'conversation',
        entityId: conversationKey.slice(0, 64),
        reason,
        data: context,
      });
      const c = s.config;
      return { message: `I've passed your request on to our support team. You can also reach them at ${c.SUPPORT_EMAIL} or ${c.SUPPORT_PHONE}. Meanwhile I'm still here to help.` };
    },
  };
}
