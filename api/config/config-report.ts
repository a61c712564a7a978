import { type Config, CONFIG_KEYS } from './config';
import { tracesUrl } from './operations-settings';

export interface ConfigLine {
  key: string;
  /** The effective value as text, secrets masked. */
  value: string;
  /** Whether the value came from the environment (or .env) or is jetway's default. */
  source: 'set' | 'default';
}

const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|KEY)$/;

/** A URL with its password replaced, e.g. mysql://app:…@db:3306/jetway. */
export function maskUrlPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/\s]*):[^@/\s]*@/i, '$1:…@');
}

/** Hides a secret's value but says whether it is set, and how long it is (a truncated paste shows). */
function maskSecret(value: string): string {
  return `set (${value.length} characters, hidden)`;
}

/**
 * The effective configuration, one line per variable, for `npm run config:check`: never a secret's
 * value, never a password inside a URL.
 */
export function describeConfig(config: Config, env: NodeJS.ProcessEnv): ConfigLine[] {
  const effective = config as unknown as Record<string, unknown>;
  return CONFIG_KEYS.map((key) => {
    const given = env[key];
    const source = given !== undefined && given.trim() !== '' ? 'set' : 'default';
    const raw = effective[key];
    let value: string;
    if (raw === undefined) value = '(not set)';
    else if (SECRET_NAME.test(key))
      value = source === 'default' ? 'generated (development only)' : maskSecret(String(raw));
    else value = maskUrlPassword(String(raw));
    return { key, value, source };
  });
}

/** The parts that configuration switches on, as an operator reads them. */
export function describeParts(config: Config): string[] {
  return [
    `database: ${config.databaseKind} (${config.MIGRATE_ON_START ? 'migrated at start' : 'migrate as a release step'})`,
    `public URL: ${config.publicUrl}`,
    `payments: ${config.STRIPE_SECRET_KEY ? 'Stripe' : 'sandbox'}`,
    `mail: ${config.SMTP_URL ? 'SMTP' : `files in ${config.DATA_DIR}/outbox`}`,
    `language: ${config.OPENAI_API_KEY ? `OpenAI ${config.OPENAI_MODEL}` : 'offline recognizer'}`,
    `SMS: ${config.TWILIO_ACCOUNT_SID ? 'Twilio' : 'off'} · Slack: ${config.SLACK_BOT_TOKEN ? 'on' : 'off'}`,
    `metrics: ${config.METRICS_PORT ? `port ${config.METRICS_PORT}` : `/metrics on port ${config.PORT}`}` +
      (config.METRICS_TOKEN ? ' (bearer token)' : ''),
    `logs: ${config.logFormat}, level ${config.LOG_LEVEL}`,
    `traces: ${tracesOf(config)}`,
  ];
}

function tracesOf(config: Config): string {
  const url = tracesUrl({
    endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    tracesEndpoint: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
  });
  return url ? `OTLP to ${maskUrlPassword(url)} as ${config.OTEL_SERVICE_NAME}` : 'off';
}
