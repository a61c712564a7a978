import { maskTranscriptText } from '../domain/console-mask';
import type { SupportCaseRow } from '../domain/records';
import type { CaseStatus } from '../domain/types';
import { conflict, notFound } from '../errors';
import type { ConsoleCasesRepository } from '../repositories/console-cases.repository';
import type { Actor } from './actor';
import type { Clock } from './clock';
import type { ConsoleAccess, StaffUser } from './console-access';
import type { ConsoleAuditService, RequestOrigin } from './console-audit.service';
import type { CaseBooking, HandoffService } from './handoff.service';
import type { SupportService } from './support.service';

/**
 * What happens on the traveller's channel and in the agents' Slack thread after a console action (implemented
 * by the bot's handoff relay, bot/handoff/handoff-relay.ts). The change itself is made and audited here first.
 */
export interface CaseAnnouncer {
  tookOver(c: SupportCaseRow, agentName: string): Promise<void>;
  replied(c: SupportCaseRow, agentName: string, text: string): Promise<void>;
  noted(c: SupportCaseRow, agentName: string, text: string): Promise<void>;
  handedBack(c: SupportCaseRow, agentName: string): Promise<void>;
  resolved(c: SupportCaseRow, agentName: string): Promise<void>;
}

/** Where no bot runs (tests of the API alone, tools): changes are made, nobody is told. */
export const SILENT_ANNOUNCER: CaseAnnouncer = {
  tookOver: async () => undefined,
  replied: async () => undefined,
  noted: async () => undefined,
  handedBack: async () => undefined,
  resolved: async () => undefined,
};

export type InboxView = 'open' | 'assigned' | 'closed';
const INBOX: Record<InboxView, CaseStatus[]> = {
  open: ['queued', 'bot'],
  assigned: ['agent'],
  closed: ['resolved'],
};

export interface CaseSummary {
  id: number;
  kind: string;
  reason: string;
  status: CaseStatus;
  channelId: string;
  pnr: string | null;
  travellerName: string | null;
  agentUserId: number | null;
  agentName: string | null;
  mine: boolean;
  createdAt: string;
  /** Seconds the traveller waited for an agent (still waiting: until now). */
  waitSeconds: number;
  lastMessage: { author: string; text: string; at: string } | null;
}

export interface CasePage extends Omit<CaseSummary, 'lastMessage'> {
  travellerEmail: string | null;
  booking: CaseBooking | null;
  queue: { position: number; expectedWaitMinutes: number } | null;
  progress: string | null;
  /** Onto Slack too (the thread where agents discuss it there). */
  inSlack: boolean;
  transcript: { id: number; author: string; text: string; at: string }[];
}

export interface ConsoleCasesServiceDeps {
  access: ConsoleAccess;
  audit: ConsoleAuditService;
  support: SupportService;
  handoff: HandoffService;
  casesRepo: ConsoleCasesRepository;
  announcer: CaseAnnouncer;
  clock: Clock;
}

/**
 * The console's support inbox. The case rules are the support and handoff services' (the same the Slack desk
 * uses): whoever takes a case first holds it and the other side gets case_taken; only the holder replies. Here
 * each action is also audited in the same transaction, and the traveller (and the Slack thread) are told after
 * it committed.
 */
export class ConsoleCasesService {
  constructor(private readonly deps: ConsoleCasesServiceDeps) {}

  async list(actor: Actor, view: InboxView, limit: number): Promise<CaseSummary[]> {
    const staff = await this.deps.access.staff(actor);
    const rows = await this.deps.casesRepo.list(INBOX[view], limit);
    return rows.map(({ c, agentName, travellerName, lastMessage }) => ({
      ...this.summary(staff, c, agentName, travellerName),
      lastMessage: lastMessage
        ? {
            author: lastMessage.author,
            text: maskTranscriptText(lastMessage.text, role(staff)).slice(0, 200),
            at: lastMessage.createdAt.toISOString(),
          }
        : null,
    }));
  }

  async view(actor: Actor, caseId: number): Promise<CasePage> {
    const staff = await this.deps.access.staff(actor);
    const c = await this.mustFind(caseId);
    const d = await this.deps.handoff.caseDetails(c);
    const transcript = await this.deps.support.transcript(c.id, 200);
    return {
      ...this.summary(staff, c, d.agentName, d.travellerName),
      travellerEmail:
        d.travellerEmail && !staff.isAdmin ? maskTranscriptText(d.travellerEmail, 'agent') : d.travellerEmail,
      booking: d.booking,
      queue: d.queue,
      progress: c.progress,
      inSlack: Boolean(c.threadRef),
      transcript: transcript.map((m) => ({
        id: m.id,
        author: m.author,
        text: maskTranscriptText(m.text, role(staff)),
        at: m.createdAt.toISOString(),
      })),
    };
  }

  /** The change mark of all cases (see ConsoleCasesRepository.changeMark); staff only. */
  async changeMark(actor: Actor): Promise<string> {
    await this.deps.access.staff(actor);
    return this.deps.casesRepo.changeMark();
  }

  async takeOver(actor: Actor, origin: RequestOrigin, caseId: number): Promise<CasePage> {
    const staff = await this.deps.access.staff(actor);
    const c = await this.act(staff, origin, caseId, 'support.take_over', null, () =>
      this.deps.support.takeOver(caseId, staff.actor),
    );
    await this.deps.announcer.tookOver(c, staff.name);
    return this.view(actor, caseId);
  }

  async reply(actor: Actor, origin: RequestOrigin, caseId: number, text: string): Promise<CasePage> {
    const staff = await this.deps.access.staff(actor);
    const c = await this.act(staff, origin, caseId, 'support.reply', text, () =>
      this.deps.handoff.agentReply(caseId, staff.actor, text),
    );
    await this.deps.announcer.replied(c, staff.name, text);
    return this.view(actor, caseId);
  }

  /** An internal note: on the case for agents (and in the Slack thread), never shown to the traveller. */
  async note(actor: Actor, origin: RequestOrigin, caseId: number, text: string): Promise<CasePage> {
    const staff = await this.deps.access.staff(actor);
    const c = await this.act(staff, origin, caseId, 'support.note', text, async () => {
      await this.deps.support.record(caseId, 'note', `${staff.name}: ${text}`);
      return this.mustFind(caseId);
    });
    await this.deps.announcer.noted(c, staff.name, text);
    return this.view(actor, caseId);
  }

  async handBack(actor: Actor, origin: RequestOrigin, caseId: number): Promise<CasePage> {
    const staff = await this.deps.access.staff(actor);
    const c = await this.act(staff, origin, caseId, 'support.hand_back', null, async () => {
      this.mustHold(staff, await this.mustFind(caseId));
      return this.deps.support.handBack(caseId, staff.actor);
    });
    await this.deps.announcer.handedBack(c, staff.name);
    return this.view(actor, caseId);
  }

  async close(actor: Actor, origin: RequestOrigin, caseId: number, note?: string): Promise<CasePage> {
    const staff = await this.deps.access.staff(actor);
    const c = await this.act(staff, origin, caseId, 'support.resolve', note ?? null, async () => {
      this.mustHold(staff, await this.mustFind(caseId));
      return this.deps.support.resolve(caseId, staff.actor, note);
    });
    await this.deps.announcer.resolved(c, staff.name);
    return this.view(actor, caseId);
  }

  /** Makes a change and its audit entry in one transaction, with the case before and after. */
  private act(
    staff: StaffUser,
    origin: RequestOrigin,
    caseId: number,
    action: string,
    reason: string | null,
    change: () => Promise<SupportCaseRow>,
  ): Promise<SupportCaseRow> {
    const subject = { action, entityType: 'support_case', entityId: String(caseId), reason };
    return this.deps.audit.audited(staff, origin, subject, async () => {
      const before = await this.mustFind(caseId);
      const after = await change();
      return { result: after, before: caseState(before), after: caseState(after) };
    });
  }

  /** A case someone else holds is theirs to hand back or close (admins may step in). */
  private mustHold(staff: StaffUser, c: SupportCaseRow): void {
    if (c.status === 'agent' && c.agentUserId !== staff.user.id && !staff.isAdmin)
      throw conflict('case_taken', 'Another agent has this conversation.');
  }

  private summary(staff: StaffUser, c: SupportCaseRow, agentName: string | null, travellerName: string | null) {
    const waitedUntil =
      c.assignedAt ?? (c.status === 'resolved' ? (c.resolvedAt ?? c.updatedAt) : this.deps.clock.now());
    return {
      id: c.id,
      kind: c.kind,
      reason: c.reason,
      status: c.status,
      channelId: c.channelId,
      pnr: c.pnr,
      travellerName,
      agentUserId: c.agentUserId,
      agentName,
      mine: c.agentUserId === staff.user.id,
      createdAt: c.createdAt.toISOString(),
      waitSeconds: Math.max(0, Math.round((waitedUntil.getTime() - c.createdAt.getTime()) / 1000)),
    };
  }

  private async mustFind(caseId: number): Promise<SupportCaseRow> {
    const c = await this.deps.support.get(caseId);
    if (!c) throw notFound('case_not_found', `There is no support case ${caseId}.`);
    return c;
  }
}

function role(staff: StaffUser): 'agent' | 'admin' {
  return staff.isAdmin ? 'admin' : 'agent';
}

function caseState(c: SupportCaseRow): Record<string, unknown> {
  return { status: c.status, agentUserId: c.agentUserId, pnr: c.pnr };
}
