import type { TurnContext } from 'botbuilder';
import { todayIn } from '../../api/domain/time';
import type { ExpectedSlot, Understanding } from '../nlu';
import type { DialogDeps } from './deps';
import { timeZoneOf } from './deps';

const CACHE = Symbol('jetway.understanding');

/**
 * Understands the current message once per turn and expectation (the interruption check and the
 * active step both ask; with the OpenAI recognizer that would otherwise be two model calls).
 */
export async function understand(
  deps: DialogDeps,
  ctx: TurnContext,
  opts: { expect?: ExpectedSlot; departDate?: string } = {},
): Promise<Understanding> {
  const cache =
    (ctx.turnState.get(CACHE) as Map<string, Understanding> | undefined) ?? new Map<string, Understanding>();
  ctx.turnState.set(CACHE, cache);
  const key = `${opts.expect ?? ''}|${opts.departDate ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const timeZone = timeZoneOf(ctx);
  const u = await deps.recognizer.recognize(ctx.activity.text ?? '', {
    today: todayIn(timeZone, deps.clock.now()),
    timeZone,
    expect: opts.expect,
    departDate: opts.departDate,
  });
  cache.set(key, u);
  return u;
}
