import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { mysqlUrlProblem } from '../db/mysql-url';
import { wholeNumber } from './env-values';
import { OPERATIONS_SETTINGS, operationsProblems } from './operations-settings';
import { isExampleValue, secretWeakness } from './secret-strength';

/**
 * Configuration is read once, at start-up, from the environment (see .env.example for every key).
 * A bad value stops start-up with a message naming the variable.
 */
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const int = wholeNumber;
/** A boolean whose default depends on NODE_ENV (resolved in loadConfig). */
const boolUnset = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' })
  .optional()
  .transform((v) => (v === undefined ? undefined : ['true', '1', 'yes', 'on'].includes(v)));
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));
const url = (what: string) =>
  optional.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: `must be an http(s) URL (${what})`,
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(3978, 0, 65535),
  PUBLIC_URL: url('the address travellers and webhooks reach this server at'),
  TRUST_PROXY: bool(false),
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: z
    .string()
    .default('sqlite:data/jetway.sqlite')
    .refine((v) => /^sqlite:.+/.test(v) || /^mysql:\/\/.+/.test(v), {
      message: 'must be sqlite:<file> (or sqlite::memory:) or mysql://user:pass@host:3306/db',
    })
    .superRefine((v, ctx) => {
      const problem = v.startsWith('mysql:') ? mysqlUrlProblem(v) : null;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  DATABASE_POOL_SIZE: int(20, 1, 500),
  DATABASE_TIMEOUT_MS: int(5000, 100, 600_000),
  DATABASE_QUEUE_LIMIT: int(500, 1, 100_000),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'debug']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  JWT_SECRET: optional.refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters' }),
  ACCESS_TOKEN_MINUTES: int(15, 1, 24 * 60),
  REFRESH_TOKEN_DAYS: int(30, 1, 365),
  HOLD_MINUTES: int(15, 1, 24 * 60),
  SWEEP_SECONDS: int(30, 1, 3600),
  // Online check-in window and reminders (README "Check-in and boarding passes").
  CHECKIN_OPENS_HOURS: int(24, 1, 14 * 24),
  CHECKIN_CLOSES_MINUTES: int(60, 0, 24 * 60),
  HOLD_REMINDER_MINUTES: int(5, 1, 24 * 60),
  REMINDER_SECONDS: int(60, 5, 3600),
  // Flight disruptions (README "Disruption"): a delay longer than the threshold offers accept / rebook / refund;
  // offered seats on other flights are held this long; at most this many rebooking offers per booking.
  DISRUPTION_DELAY_THRESHOLD_MINUTES: int(180, 0, 48 * 60),
  DISRUPTION_OFFER_HOLD_MINUTES: int(30, 1, 24 * 60),
  DISRUPTION_REBOOK_OPTIONS: int(2, 0, 5),
  DISRUPTION_SECONDS: int(15, 1, 3600),
  // Special requests: how many pets may travel in the cabin of one flight (README "Special requests").
  PETS_IN_CABIN_PER_FLIGHT: int(2, 0, 50),
  // Defaults: on outside production, off in production (resolved in loadConfig).
  SEED_DEMO: boolUnset,
  MIGRATE_ON_START: boolUnset,
  DEFAULT_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as USD' })
    .default('USD'),
  RATE_LIMIT_LOGIN_PER_15_MIN: int(10, 1, 100000),
  RATE_LIMIT_LOOKUP_PER_15_MIN: int(30, 1, 100000),
  RATE_LIMIT_CHAT_TOKENS_PER_15_MIN: int(60, 1, 100000),
  RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE: int(30, 1, 100000),
  // Payments (issue: payments and tickets). Without a Stripe key the built-in sandbox takes payments.
  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  // Redis pub/sub between instances (chat replies reach another instance's sockets at once); optional.
  REDIS_URL: optional.refine((v) => v === undefined || /^rediss?:\/\/[^\s]+$/.test(v), {
    message: 'must be a redis:// or rediss:// URL',
  }),
  // Mail: SMTP when set, otherwise .eml files in DATA_DIR/outbox.
  SMTP_URL: optional,
  MAIL_FROM: z.string().default('jetway <bookings@jetway.example>'),
  // Language understanding: OpenAI when a key is set, otherwise the offline recognizer.
  OPENAI_API_KEY: optional,
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_BASE_URL: url('OpenAI-compatible API base'),
  OPENAI_TIMEOUT_MS: int(4000, 100, 60000),
  // Azure Bot Service (/api/messages).
  MICROSOFT_APP_ID: optional,
  MICROSOFT_APP_PASSWORD: optional,
  MICROSOFT_APP_TENANT_ID: optional,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  DIRECTLINE_SECRET: optional,
  // SMS (Twilio).
  TWILIO_ACCOUNT_SID: optional,
  TWILIO_AUTH_TOKEN: optional,
  TWILIO_FROM_NUMBER: optional,
  TWILIO_MESSAGING_SERVICE_SID: optional,
  // Slack.
  SLACK_SIGNING_SECRET: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_SUPPORT_CHANNEL: optional,
  HANDOFF_NO_AGENT_MINUTES: int(10, 1, 24 * 60),
  SUPPORT_EMAIL: z.string().default('support@jetway.example'),
  SUPPORT_PHONE: z.string().default('+1 555 0100'),
  BRAND_NAME: z.string().default('jetway'),
  ...OPERATIONS_SETTINGS,
});

/** The variables jetway reads, in the order `.env.example` documents them. */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof z.infer<typeof schema>)[];

type Raw = z.infer<typeof schema>;
export type Config = Omit<Raw, 'JWT_SECRET' | 'SEED_DEMO' | 'MIGRATE_ON_START' | 'METRICS_PORT'> & {
  JWT_SECRET: string;
  /** Seed an empty database with the demo inventory (default: on, off in production). */
  SEED_DEMO: boolean;
  /** Apply pending migrations at start (default: on, off in production where `npm run migrate` is a release step). */
  MIGRATE_ON_START: boolean;
  /** Port of the /metrics listener; 0 serves /metrics on PORT (default: 9464 in production, else 0). */
  METRICS_PORT: number;
  /** The base URL links in messages use: PUBLIC_URL, or http://localhost:PORT. */
  publicUrl: string;
  databaseKind: 'sqlite' | 'mysql';
  logFormat: 'json' | 'pretty';
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and validates the environment. Pure apart from reading/creating the development JWT secret. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (`LOG_FORMAT=` in a copied .env.example) means "use the default".
  const parsed = schema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '?');
        const got = env[key];
        // Never echo secrets: not secret variables, nor a password inside a URL ("mysql://user:pw@host").
        const shown = key.match(/SECRET|TOKEN|PASSWORD|KEY/)
          ? '…'
          : got?.replace(/\/\/([^:@/\s]*):[^@/\s]*@/, '//$1:…@');
        return `${key} ${i.message}${got !== undefined ? ` (got "${shown}")` : ''}`;
      }),
    );
  }
  const raw = parsed.data;
  const problems: string[] = [];
  if (raw.NODE_ENV === 'production' && !raw.JWT_SECRET)
    problems.push('JWT_SECRET is required in production (32+ random characters)');
  if (raw.NODE_ENV === 'production') problems.push(...productionSecretProblems(raw));
  if (raw.STRIPE_SECRET_KEY && !raw.STRIPE_WEBHOOK_SECRET)
    problems.push('STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set');
  if (raw.TWILIO_ACCOUNT_SID && !raw.TWILIO_AUTH_TOKEN)
    problems.push('TWILIO_AUTH_TOKEN is required when TWILIO_ACCOUNT_SID is set');
  if (raw.SLACK_BOT_TOKEN && !raw.SLACK_SIGNING_SECRET && !raw.SLACK_APP_TOKEN)
    problems.push('SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) is required when SLACK_BOT_TOKEN is set');
  problems.push(...operationsProblems(raw));
  if (problems.length) throw new ConfigError(problems);

  const production = raw.NODE_ENV === 'production';
  return {
    ...raw,
    SEED_DEMO: raw.SEED_DEMO ?? !production,
    MIGRATE_ON_START: raw.MIGRATE_ON_START ?? !production,
    METRICS_PORT: raw.METRICS_PORT ?? (production ? 9464 : 0),
    JWT_SECRET: raw.JWT_SECRET ?? developmentJwtSecret(raw.DATA_DIR, raw.NODE_ENV),
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ''),
    databaseKind: raw.DATABASE_URL.startsWith('mysql:') ? 'mysql' : 'sqlite',
    logFormat: raw.LOG_FORMAT ?? (raw.NODE_ENV === 'production' ? 'json' : 'pretty'),
  };
}

function withoutEmptyValues(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
}

/** Keys whose value signs tokens: a guessable one lets anyone forge an admin's or any traveller's token. */
const SIGNING_SECRETS = ['JWT_SECRET', 'DIRECTLINE_SECRET'] as const;
/** Credentials from a provider: their format is the provider's, but never a documentation placeholder. */
const PROVIDER_SECRETS = [
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'TWILIO_AUTH_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'MICROSOFT_APP_PASSWORD',
  'OPENAI_API_KEY',
] as const;

/** Production refuses weak signing secrets and example values, naming the variable but never its value. */
function productionSecretProblems(raw: Raw): string[] {
  const problems: string[] = [];
  for (const key of SIGNING_SECRETS) {
    const value = raw[key];
    const weakness = value === undefined ? null : secretWeakness(value);
    if (weakness) problems.push(`${key} ${weakness} (for example: openssl rand -hex 32)`);
  }
  for (const key of PROVIDER_SECRETS) {
    const value = raw[key];
    if (value !== undefined && isExampleValue(value))
      problems.push(`${key} is the example value from the documentation; use the real credential`);
  }
  return problems;
}

/** Development keeps one generated secret in DATA_DIR so sign-ins survive restarts; tests get a fresh one. */
function developmentJwtSecret(dataDir: string, nodeEnv: string): string {
  if (nodeEnv === 'test') return randomBytes(32).toString('hex');
  const file = resolve(join(dataDir, 'jwt-secret'));
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
