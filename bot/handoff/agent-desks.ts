import type { AgentDesk, Brand, SupportApi } from '../ports';
import type { HandoffRelay } from './handoff-relay';

/** The desk in production: support cases posted to the agents' channel (see HandoffRelay). */
export function handoffAgentDesk(relay: HandoffRelay): AgentDesk {
  return {
    get live() {
      return relay.agentsOnline;
    },
    request: (r) => relay.escalate(r),
  };
}

/** A desk that only records requests in the audit log and points to support (tests, tools). */
export function recordingAgentDesk(deps: {
  support: Pick<SupportApi, 'noteAgentRequest'>;
  brand: Pick<Brand, 'supportEmail' | 'supportPhone'>;
}): AgentDesk {
  return {
    live: false,
    async request(r) {
      await deps.support.noteAgentRequest(r);
      return {
        message:
          `I've passed your request on to our support team. You can also reach them at ` +
          `${deps.brand.supportEmail} or ` +
          `${deps.brand.supportPhone}. Meanwhile I'm still here to help.`,
      };
    },
  };
}
