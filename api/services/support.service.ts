import {
  type CaseMessageRow,
  FEEDBACK_KINDS,
  type FeedbackKind,
  type FeedbackRow,
  type SupportCaseRow,
} from '../domain/records';
import { redactCardNumbers } from '../domain/card-numbers';
import type { CaseKind, CaseStatus } from '../domain/types';
import { conflict, forbidden, notFound } from '../errors';
import type { OpsRepository } from '../repositories/ops.repository';
import type { SupportRepository } from '../repositories/support.repository';
import { type Actor, actorRole, actorUserId, isAdmin, isStaff } from './actor';
import type { Clock } from './clock';

/** Minutes an agent typically spends on a case: the basis of the expected wait we tell travellers. */
const MINUTES_PER_CASE = 4;

export interface FeedbackReport {
  summary: { kind: FeedbackKind; count: number; averageRating: number | null }[];
  /** The latest 100 ratings, newest first. */
  items: FeedbackRow[];
}

export interface OpenedCase {
  case: SupportCaseRow;
  isNew: boolean;
  /** 1 = next in line. */
  position: number;
  expectedWaitMinutes: number;
}

/**
 * Support cases: a traveller's request for a person (or a complaint) waits in a queue until an agent
 * takes it over; the agent hands it back to the bot or resolves it. All state is in the database, so
 * any instance can serve any case, before and after restarts. Authorization is decided here: only
 * agents and admins move cases.
 */
export class SupportService {
  constructor(
    private readonly supportRepo: SupportRepository,
    private readonly opsRepo: OpsRepository,
    private readonly clock: Clock,
  ) {}

  /** Opens a case for the conversation, or joins the one already open. */
  async open(input: {
    conversationKey: string;
    channelId: string;
    userId: number | null;
    pnr?: string | null;
    kind: CaseKind;
    reason: string;
    context?: Record<string, unknown>;
  }): Promise<OpenedCase> {
    const existing = await this.supportRepo.activeFor(input.conversationKey);
    if (existing) return { case: existing, isNew: false, ...(await this.queueOf(existing)) };
    const id = await this.supportRepo.insertCase({
      conversationKey: input.conversationKey,
      channelId: input.channelId,
      userId: input.userId,
      pnr: input.pnr ?? null,
      kind: input.kind,
      reason: input.reason.slice(0, 64),
      context: input.context ?? null,
    });
    const row = (await this.supportRepo.findCase(id))!;
    return { case: row, isNew: true, ...(await this.queueOf(row)) };
  }

  /** Where a queued case stands and how long its traveller can expect to wait (zeros once it left the queue). */
  async queueOf(c: SupportCaseRow): Promise<{ position: number; expectedWaitMinutes: number }> {
    if (c.status !== 'queued') return { position: 0, expectedWaitMinutes: 0 };
    const position = await this.supportRepo.queuePosition(c.id);
    return { position, expectedWaitMinutes: Math.max(1, position * MINUTES_PER_CASE) };
  }

  active(conversationKey: string): Promise<SupportCaseRow | null> {
    return this.supportRepo.activeFor(conversationKey);
  }

  /** The active case, and whether the conversation has any case not yet resolved (one read). */
  caseState(conversationKey: string): Promise<{ active: SupportCaseRow | null; unresolved: boolean }> {
    return this.supportRepo.caseStateFor(conversationKey);
  }

  get(caseId: number): Promise<SupportCaseRow | null> {
    return this.supportRepo.findCase(caseId);
  }

  byThread(threadRef: string): Promise<SupportCaseRow | null> {
    return this.supportRepo.findByThread(threadRef);
  }

  async setThread(caseId: number, threadRef: string): Promise<void> {
    await this.supportRepo.update(caseId, { threadRef });
  }

  /** Links the case to a booking; the caller has checked that whoever asked may see it (see HandoffService). */
  async setBooking(caseId: number, pnr: string): Promise<void> {
    await this.supportRepo.update(caseId, { pnr: pnr.toUpperCase() });
  }

  /** A line of the case's transcript: card numbers are removed whoever typed them (traveller or agent). */
  async record(caseId: number, author: CaseMessageRow['author'], text: string): Promise<void> {
    await this.supportRepo.addMessage(caseId, author, redactCardNumbers(text).text);
  }

  transcript(caseId: number, limit = 20): Promise<CaseMessageRow[]> {
    return this.supportRepo.messages(caseId, limit);
  }

  /** An agent takes the conversation: from now on the bot is silent and the agent speaks. */
  async takeOver(caseId: number, agent: Actor): Promise<SupportCaseRow> {
    this.requireAgent(agent);
    const c = await this.mustFind(caseId);
    if (c.status === 'agent' && c.agentUserId === actorUserId(agent)) return c;
    if (
      !(await this.supportRepo.transition(caseId, ['queued', 'bot'], 'agent', {
        agentUserId: actorUserId(agent),
        assignedAt: this.clock.now(),
      }))
    )
      throw conflict(
        'case_taken',
        c.status === 'resolved' ? 'This case is already resolved.' : 'Another agent already has this conversation.',
      );
    await this.audit(agent, 'support.take_over', caseId, null);
    return this.mustFind(caseId);
  }

  /** The agent hands the conversation back to the bot. */
  async handBack(caseId: number, agent: Actor): Promise<SupportCaseRow> {
    this.requireAgent(agent);
    if (!(await this.supportRepo.transition(caseId, ['agent', 'queued'], 'bot')))
      throw conflict('case_not_active', 'This conversation is not with an agent.');
    await this.audit(agent, 'support.hand_back', caseId, null);
    return this.mustFind(caseId);
  }

  async resolve(caseId: number, agent: Actor, note?: string): Promise<SupportCaseRow> {
    this.requireAgent(agent);
    if (
      !(await this.supportRepo.transition(caseId, ['queued', 'agent', 'bot'], 'resolved', {
        resolvedAt: this.clock.now(),
        progress: note ?? 'resolved',
      }))
    )
      throw conflict('case_resolved', 'This case is already resolved.');
    await this.audit(agent, 'support.resolve', caseId, note ?? null);
    return this.mustFind(caseId);
  }

  /** Agents note progress on a complaint; the traveller sees it when asking for the status. */
  async setProgress(caseId: number, agent: Actor, progress: string): Promise<SupportCaseRow> {
    this.requireAgent(agent);
    await this.mustFind(caseId);
    await this.supportRepo.update(caseId, { progress: progress.slice(0, 255) });
    await this.audit(agent, 'support.progress', caseId, progress);
    return this.mustFind(caseId);
  }

  /** The traveller's latest case, for "what's the status of my complaint?". */
  latestFor(conversationKey: string, userId: number | null): Promise<SupportCaseRow | null> {
    return this.supportRepo.latestFor({ conversationKey, userId });
  }

  /** Cases that waited too long for an agent and have not been offered an email follow-up (each once). */
  async dueForFollowup(waitMinutes: number): Promise<SupportCaseRow[]> {
    const now = this.clock.now();
    const out: SupportCaseRow[] = [];
    for (const c of await this.supportRepo.waitingSince(new Date(now.getTime() - waitMinutes * 60_000)))
      if (await this.supportRepo.markFollowupOffered(c.id, now)) out.push(c);
    return out;
  }

  async recordFeedback(input: {
    conversationKey: string;
    userId: number | null;
    kind: FeedbackKind;
    subject: string;
    rating: number;
    comment?: string | null;
  }): Promise<void> {
    const rating = Math.round(input.rating);
    if (rating < 1 || rating > 5) throw conflict('invalid_rating', 'Ratings go from 1 to 5.');
    const comment = input.comment ? redactCardNumbers(input.comment.slice(0, 1000)).text : null;
    await this.supportRepo.insertFeedback({ ...input, rating, comment });
  }

  /** The traveller's comment on their latest rating of `subject` (nothing when they never rated it). */
  async addFeedbackComment(conversationKey: string, subject: string, comment: string): Promise<void> {
    await this.supportRepo.addFeedbackComment(conversationKey, subject, redactCardNumbers(comment).text);
  }

  /**
   * A request for a person that opens no case, only kept in the audit log (where no support desk is
   * connected: tests and tools).
   */
  async noteAgentRequest(request: {
    conversationKey: string;
    userId: number | null;
    kind: CaseKind;
    reason: string;
    booking: { summary: string; pnr?: string } | null;
  }): Promise<void> {
    await this.opsRepo.audit({
      actorUserId: request.userId,
      actorRole: 'traveller',
      action: 'chat.agent_requested',
      entityType: 'conversation',
      entityId: request.conversationKey.slice(0, 64),
      reason: request.reason,
      data: { kind: request.kind, booking: request.booking },
    });
  }

  /** A case with its transcript, for agents. */
  async view(actor: Actor, caseId: number): Promise<SupportCaseRow & { transcript: CaseMessageRow[] }> {
    this.requireAgent(actor);
    return { ...(await this.mustFind(caseId)), transcript: await this.supportRepo.messages(caseId, 100) };
  }

  async list(
    actor: Actor,
    q: { status?: CaseStatus; offset: number; limit: number },
  ): Promise<{ items: SupportCaseRow[]; total: number }> {
    this.requireAgent(actor);
    const [items, total] = await this.supportRepo.list(q);
    return { items, total };
  }

  /** Remembers that a channel address (phone number, Slack user) belongs to a verified account. */
  async linkIdentity(channelId: string, channelUserId: string, userId: number): Promise<void> {
    await this.supportRepo.linkIdentity(channelId, channelUserId, userId, this.clock.now());
  }

  async identityFor(channelId: string, channelUserId: string): Promise<number | null> {
    return (await this.supportRepo.identityFor(channelId, channelUserId))?.userId ?? null;
  }

  /** Admins: count and average rating per kind, and the latest ratings with their comments. */
  async feedbackReport(actor: Actor): Promise<FeedbackReport> {
    if (!isAdmin(actor)) throw forbidden('forbidden', 'Only admins can read feedback reports.');
    const rows = await this.supportRepo.feedback();
    const summary = FEEDBACK_KINDS.map((kind) => {
      const of = rows.filter((f) => f.kind === kind);
      const average = of.length ? of.reduce((a, f) => a + f.rating, 0) / of.length : null;
      return { kind, count: of.length, averageRating: average === null ? null : Math.round(average * 100) / 100 };
    });
    return { summary, items: rows.slice(0, 100) };
  }

  private requireAgent(actor: Actor): void {
    if (!isStaff(actor)) throw forbidden('not_an_agent', 'Only support agents can do that.');
  }

  private async mustFind(caseId: number): Promise<SupportCaseRow> {
    const c = await this.supportRepo.findCase(caseId);
    if (!c) throw notFound('case_not_found', `There is no support case ${caseId}.`);
    return c;
  }

  private audit(actor: Actor, action: string, caseId: number, reason: string | null) {
    return this.opsRepo.audit({
      actorUserId: actorUserId(actor),
      actorRole: actorRole(actor),
      action,
      entityType: 'support_case',
      entityId: String(caseId),
      reason,
      data: null,
    });
  }
}
