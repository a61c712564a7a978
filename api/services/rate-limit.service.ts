import { DomainError } from '../errors';
import type { OpsRepository } from '../repositories/ops.repository';
import type { Clock } from './clock';

export interface LimitRule {
  /** Name of the limit, e.g. "login". */
  bucket: string;
  limit: number;
  windowMs: number;
}

/**
 * Fixed-window rate limits kept in the database, so that they hold across app instances and restarts.
 * Used by HTTP routes (per IP, per email) and by the chat (per conversation) alike.
 */
export class RateLimitService {
  constructor(
    private readonly opsRepo: OpsRepository,
    private readonly clock: Clock,
  ) {}

  /** Counts a hit; throws `rate_limited` (with retryAfterSeconds) once the window's limit is passed. */
  async consume(rule: LimitRule, key: string): Promise<void> {
    const now = this.clock.now();
    const bucket = `${rule.bucket}:${key}`.slice(0, 190);
    // The window's end is read only when it is needed: for the answer to a caller over the limit.
    const hits = await this.opsRepo.count(bucket, rule.windowMs, now);
    if (hits > rule.limit) {
      const resetAt = (await this.opsRepo.windowEnd(bucket)) ?? new Date(now.getTime() + rule.windowMs);
      const retryAfterSeconds = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
      throw new DomainError(
        'rate_limited',
        'rate_limited',
        `Too many attempts. Please wait ${humanWait(retryAfterSeconds)} and try again.`,
        {
          retryAfterSeconds,
        },
      );
    }
  }

  /** Forgets a key's count (a successful sign-in clears its failures). */
  async reset(rule: LimitRule, key: string): Promise<void> {
    await this.opsRepo.resetKey(`${rule.bucket}:${key}`.slice(0, 190));
  }
}

function humanWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
