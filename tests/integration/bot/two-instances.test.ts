import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../api/db/data-source';
import { BOT_ENTITIES } from '../../../bot/entities';
import { DbStorage } from '../../../bot/storage/db-storage';
import type { ConversationMemory } from '../../../dialogs/core/memory';
import { openConversation, say, type ServerProcess, startServerProcess } from '../../helpers/server-process';
import { DB_TARGETS, type DbTarget, testDatabaseUrl } from '../../helpers/test-app';

/**
 * Two real app processes on one database, with no sticky sessions: the same Direct Line conversation's
 * messages are posted to both at once. Every turn must be answered and every turn's change to the
 * conversation state must survive (without the conversation lease the instances overwrite each other).
 */
async function sharedDatabase(target: DbTarget): Promise<{ url: string; drop: () => Promise<void> }> {
  if (target === 'mysql') return testDatabaseUrl('mysql');
  const dir = mkdtempSync(join(tmpdir(), 'jetway-two-'));
  return { url: `sqlite:${join(dir, 'db.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

const STARTUP = 180_000;
const MESSAGES = ['help', 'what can you do', 'hello', 'help please', 'hi', 'what can you help with'];

describe.each(DB_TARGETS)('two instances serving one conversation (%s)', (target) => {
  let servers: ServerProcess[] = [];
  let url = '';
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    ({ url, drop } = await sharedDatabase(target));
    // Same signing secret, so a chat token from one instance is good on the other (as behind a load balancer).
    const env = { DATABASE_URL: url, JWT_SECRET: 'two-instances-test-secret-0123456789abcdef' };
    const started = await Promise.allSettled([0, 1].map(() => startServerProcess(env, { readyTimeoutMs: STARTUP })));
    servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  }, STARTUP + 10_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await drop();
  });

  it(
    'answers every message and keeps every turn in the conversation state',
    async () => {
      const [a, b] = servers as [ServerProcess, ServerProcess];
      const conversation = await openConversation(a.url);
      const answers = await Promise.all(MESSAGES.map((text, i) => say((i % 2 ? b : a).url, conversation, text)));
      expect(answers.map((r) => r.status)).toEqual(MESSAGES.map(() => 200));
      const posted = await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id));

      const log = (await (
        await fetch(`${b.url}/v3/directline/conversations/${conversation.conversationId}/activities`, {
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
    },
    STARTUP,
  );
});
