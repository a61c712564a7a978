import { z } from 'zod';
import { wholeNumber, wholeNumberIn } from './env-values';

/**
 * Settings for running jetway in production: shutdown, metrics and data retention. Part of the one
 * configuration schema (./config.ts); kept apart so the operational knobs read as one list.
 */
/** Days a kind of personal data is kept after its last use; 0 keeps it forever. */
const retentionDays = (fallback: number) => wholeNumber(fallback, 0, 3650);

/** An OTLP collector address: unset or blank is none. */
const otlpUrl = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined))
  .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: 'must be an http(s) URL (an OpenTelemetry collector, OTLP over HTTP)',
  });

export const OPERATIONS_SETTINGS = {
  // Graceful shutdown: in-flight requests, chat turns and worker passes get this long after SIGTERM.
  SHUTDOWN_TIMEOUT_MS: wholeNumber(15_000, 1_000, 600_000),
  // /metrics: on its own port (production default 9464), or on PORT when 0 (then METRICS_TOKEN in production).
  METRICS_PORT: wholeNumberIn(0, 65535).optional(),
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  // Retention of personal data (see README "Retention").
  RETENTION_CONVERSATION_DAYS: retentionDays(90),
  RETENTION_SMS_DAYS: retentionDays(90),
  RETENTION_SUPPORT_DAYS: retentionDays(365),
  RETENTION_HOLD_DAYS: retentionDays(30),
  RETENTION_OUTBOX_DAYS: retentionDays(30),
  RETENTION_HELP_ASK_DAYS: retentionDays(90),
  RETENTION_INTERVAL_MINUTES: wholeNumber(60, 1, 24 * 60),
  // OpenTelemetry traces (OTLP over HTTP), on only when an endpoint is set.
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl,
  OTEL_SERVICE_NAME: z.string().trim().min(1).max(100).default('jetway'),
  // Domain-event deliveries: a failing subscriber is retried after BASE, 2×BASE, 4×BASE… (at most an hour
  // apart), and dead-lettered after MAX attempts (listed at GET /api/v1/admin/events/dead-letters).
  EVENT_MAX_ATTEMPTS: wholeNumber(10, 1, 100),
  EVENT_RETRY_BASE_SECONDS: wholeNumber(5, 1, 3600),
};

interface OperationsRaw {
  NODE_ENV: string;
  PORT: number;
  METRICS_PORT?: number;
  METRICS_TOKEN?: string;
}

/** Combinations of operational settings that cannot work, each as a sentence naming the variables. */
export function operationsProblems(raw: OperationsRaw): string[] {
  const problems: string[] = [];
  const onPublicPort = raw.METRICS_PORT === 0;
  if (raw.NODE_ENV === 'production' && onPublicPort && !raw.METRICS_TOKEN)
    problems.push('METRICS_TOKEN is required in production when /metrics is served on PORT (METRICS_PORT=0)');
  if (raw.METRICS_PORT && raw.METRICS_PORT === raw.PORT)
    problems.push('METRICS_PORT must differ from PORT (0 serves /metrics on PORT)');
  return problems;
}

/** The traces endpoint: a full …_TRACES_ENDPOINT as given, else the base endpoint + /v1/traces (the OTLP rule). */
export function tracesUrl(settings: { endpoint?: string; tracesEndpoint?: string }): string | null {
  if (settings.tracesEndpoint) return settings.tracesEndpoint;
  if (!settings.endpoint) return null;
  return `${settings.endpoint.replace(/\/+$/, '')}/v1/traces`;
}
