/**
 * Several real app processes (main.ts) on one database, for the start-up lock and the conversation lease:
 * started at the same moment, fed one conversation at once, then checked in the database itself.
 */
import { openDatabase } from '../../api/db/data-source';
import { AIRPORTS } from '../../api/seed/data/airports';
import { FAQ_ARTICLES } from '../../api/seed/data/faq';
import { BOT_ENTITIES } from '../../bot/entities';
import { DbStorage } from '../../bot/storage/db-storage';
import type { ConversationMemory } from '../../dialogs/core/memory';
import { MIGRATIONS } from '../../migrations';
import { openConversation, say, type ServerProcess, startServerProcess } from './server-process';

/** Starts one process per environment, all at once; if one fails, stops the others and throws its error. */
export async function startAll(envs: Record<string, string>[], readyTimeoutMs: number): Promise<ServerProcess[]> {
  const started = await Promise.allSettled(envs.map((env) => startServerProcess(env, { readyTimeoutMs })));
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()));
    throw failed.reason;
  }
  return servers;
}

const count = (rows: unknown) => Number(Object.values((rows as Record<string, unknown>[])[0]!)[0]);

/**
 * After N instances started together with SEED_DEMO=true on a fresh database (`url`: any node's): exactly one
 * of them seeded, every migration is recorded once, the reference data and help articles once each, and
 * nobody holds the start-up lock any more.
 */
export async function expectStartedOnce(servers: ServerProcess[], url: string): Promise<void> {
  const logs = servers.map((s) => s.output());
  expect(logs.filter((l) => l.includes('empty database: seeding the demo inventory'))).toHaveLength(1);
  expect(logs.filter((l) => /scheduled \d+ demo flights/.test(l))).toHaveLength(1);
  const db = await openDatabase(url, { migrate: false, poolSize: 2 });
  try {
    const q = (sql: string) => db.run((em) => em.query(sql));
    expect(count(await q('SELECT COUNT(*) AS n FROM migrations'))).toBe(MIGRATIONS.length);
    expect(count(await q('SELECT COUNT(DISTINCT name) AS n FROM migrations'))).toBe(MIGRATIONS.length);
    expect(count(await q('SELECT COUNT(*) AS n FROM airports'))).toBe(AIRPORTS.length);
    expect(count(await q('SELECT COUNT(*) AS n FROM faq_articles'))).toBe(FAQ_ARTICLES.length);
    expect(count(await q('SELECT COUNT(*) AS n FROM jetway_startup_lock'))).toBe(0);
  } finally {
    await db.close();
  }
}

/** Messages the bot answers without starting a flow (so each turn is one answer and one state change). */
const MESSAGES = ['help', 'what can you do', 'hello', 'help please', 'hi', 'what can you help with'];

/**
 * Opens a Direct Line conversation on the first server and posts its messages to the servers in turn, all at
 * once (no sticky sessions). Every message must be answered, and every turn's traveller line must be in the
 * saved conversation state (read from `url`): one turn overwriting another's state would drop a line.
 */
export async function expectEveryTurnKept(servers: ServerProcess[], url: string): Promise<void> {
  const conversation = await openConversation(servers[0]!.url);
  const answers = await Promise.all(
    MESSAGES.map((text, i) => say(servers[i % servers.length]!.url, conversation, text)),
  );
  if (answers.some((r) => r.status !== 200)) {
    // Say why in the failure itself: the servers' logs hold the error behind a 500 (CI shows only this output).
    const bodies = await Promise.all(answers.map((r) => r.text()));
    const logs = servers.map((s, i) => `server ${i}:\n${s.output().split('\n').slice(-40).join('\n')}`);
    throw new Error(`statuses ${answers.map((r) => r.status).join(',')}\n${bodies.join('\n')}\n${logs.join('\n')}`);
  }
  const posted = await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id));

  const last = servers[servers.length - 1]!;
  const log = (await (
    await fetch(`${last.url}/v3/directline/conversations/${conversation.conversationId}/activities`, {
      headers: { Authorization: `Bearer ${conversation.token}` },
    })
  ).json()) as { activities: { from: { role?: string }; replyToId?: string }[] };
  const answered = new Set(log.activities.filter((x) => x.from.role === 'bot').map((x) => x.replyToId));
  for (const id of posted) expect(answered).toContain(id);

  const db = await openDatabase(url, { migrate: false, poolSize: 2, entities: BOT_ENTITIES });
  try {
    // botbuilder's key for conversation state ends in a slash.
    const key = `directline/conversations/${conversation.conversationId}/`;
    const state = (await new DbStorage(db).read([key]))[key] as { memory: ConversationMemory };
    const said = state.memory.recent.filter((r) => r.from === 'traveller').map((r) => r.text);
    expect([...said].sort()).toEqual([...MESSAGES].sort());
  } finally {
    await db.close();
  }
}
