/**
 * `npm run chat [-- --channel sms]`: talk to the bot in the terminal, with the plain-text rendering
 * (or the SMS one). It runs the whole app in this process on the configured database, and serves the
 * HTTP side (payment pages, ticket links) on PORT when that port is free.
 */
import { createInterface } from 'node:readline';
import type { Activity } from 'botbuilder';
import { prepareInventory } from '../api/bootstrap';
import { ConfigError, loadConfig } from '../api/config/config';
import { buildApiServices } from '../api/container';
import { openDatabase } from '../api/db/data-source';
import { createHttpApp } from '../api/http/app';
import { createLogger } from '../api/logger';
import { systemClock } from '../api/services/clock';
import { startWorkers } from '../api/workers';
import { ConsoleAdapter } from '../bot/console.adapter';
import { BOT_ENTITIES } from '../bot/entities';
import { createBotRuntime } from '../bot/runtime';
import { renderSms } from '../cards/sms/render';
import { renderText } from '../cards/text/render';
import { messageOf } from '../dialogs/messages';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(
    'Usage: npm run chat [-- --channel text|sms]\nTalk to the jetway bot in the terminal. Type "quit" to leave.',
  );
  process.exit(0);
}
const channel = args[args.indexOf('--channel') + 1] === 'sms' && args.includes('--channel') ? 'sms' : 'text';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: 'warn', format: 'pretty' });
  const db = await openDatabase(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL_SIZE,
    entities: BOT_ENTITIES,
  });
  const services = buildApiServices(config, db, log, systemClock);
  await prepareInventory(services);
  const runtime = createBotRuntime(services, { faq: services.faq, emailCodes: services.emailVerification });

  const print = (a: Partial<Activity>) => {
    const m = messageOf(a);
    const now = services.clock.now();
    if (channel === 'sms')
      for (const part of renderSms(m, { now })) console.log(`\n\x1b[36m[SMS ${part.length} chars]\x1b[0m\n${part}`);
    else console.log(`\n\x1b[36mjetway:\x1b[0m ${renderText(m, { now })}`);
  };
  const adapter = new ConsoleAdapter(print, channel === 'sms' ? 'console-sms' : 'console');
  adapter.onTurnError = async (_ctx, err) => console.error('turn failed:', err.message);
  runtime.channels.register(adapter.channelId, { continue: (ref, logic) => adapter.continueConversation(ref, logic) });

  const { app } = createHttpApp(services, { beforeBody: runtime.beforeBody, afterApi: runtime.afterApi });
  const server = app.listen(config.PORT);
  server.on('error', () =>
    console.log(`(port ${config.PORT} is in use: payment links are served by the app already running there)`),
  );
  const workers = startWorkers(services);

  console.log(`jetway chat (${channel} rendering). Type "quit" to leave.`);
  await adapter.receive(null, (ctx) => runtime.bot.run(ctx));
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '\n\x1b[33myou:\x1b[0m ' });
  rl.prompt();
  for await (const line of rl) {
    if (/^(quit|exit)$/i.test(line.trim())) break;
    if (line.trim()) await adapter.receive(line, (ctx) => runtime.bot.run(ctx));
    rl.prompt();
  }
  workers.stop();
  server.close();
  await runtime.close();
  await db.close();
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
