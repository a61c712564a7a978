import type { ApiServices } from '../api/container';
import { RetentionRepository } from '../api/repositories/retention.repository';
import { RetentionService } from '../api/services/retention.service';
import type { PeriodicWork } from '../api/workers';
import { BotRetentionRepository } from './retention.repository';

/**
 * The retention purge over the API's and the bot's tables, as periodic work for startWorkers. Kinds and
 * their settings are the README's retention table.
 */
export function retentionWorker(
  s: Pick<ApiServices, 'config' | 'db' | 'repos' | 'clock' | 'log'>,
  onPurged?: (kind: string, rows: number) => void,
): { service: RetentionService; work: PeriodicWork } {
  const c = s.config;
  const api = new RetentionRepository(s.db);
  const bot = new BotRetentionRepository(s.db);
  const intervalMs = c.RETENTION_INTERVAL_MINUTES * 60_000;
  const service = new RetentionService({
    rules: [
      { kind: 'conversations', days: c.RETENTION_CONVERSATION_DAYS, purge: (t) => bot.purgeIdleConversations(t) },
      { kind: 'sms_logs', days: c.RETENTION_SMS_DAYS, purge: (t) => bot.purgeSmsLogs(t) },
      { kind: 'support_transcripts', days: c.RETENTION_SUPPORT_DAYS, purge: (t) => api.purgeSupportTranscripts(t) },
      { kind: 'expired_holds', days: c.RETENTION_HOLD_DAYS, purge: (t) => api.purgeExpiredHolds(t) },
      { kind: 'outbox', days: c.RETENTION_OUTBOX_DAYS, purge: (t) => api.purgeOutboxes(t) },
      { kind: 'help_asks', days: c.RETENTION_HELP_ASK_DAYS, purge: (t) => api.purgeHelpAsks(t) },
    ],
    ops: s.repos.ops,
    clock: s.clock,
    log: s.log,
    intervalMs,
    onPurged,
  });
  return { service, work: { name: 'retention purge', intervalMs, run: () => service.runIfElected() } };
}
