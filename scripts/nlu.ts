/**
 * Language-understanding CLI: one utterance per line on stdin, one JSON object per line on stdout
 * (the ATIS scorer's contract). Usage: npx tsx scripts/nlu.ts [--today YYYY-MM-DD] [--tz Zone] [--full]
 *   --full  print the whole Understanding instead of the scorer's fields.
 */
import { createInterface } from 'node:readline';
import { toBenchmarkJson } from '../dialogs/nlu/benchmark-format';
import { seedGazetteer } from '../dialogs/nlu/default-gazetteer';
import { OfflineRecognizer } from '../dialogs/nlu/offline-recognizer';
import { emptyUnderstanding, type Understanding } from '../dialogs/nlu/recognizer';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * `npm run -s nlu --today D` (no `--` before the flag, as the ATIS scorer appends it) keeps the flag
 * for npm (npm_config_today=true) and passes on only the date: take a lone date argument then.
 */
function npmToday(): string | undefined {
  if (process.env.npm_config_today !== 'true') return undefined;
  return process.argv.slice(2).find((a) => /^\d{4}-\d{2}-\d{2}$/.test(a));
}

const today = arg('today') ?? npmToday();
if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
  console.error('--today must be YYYY-MM-DD');
  process.exit(2);
}
const timeZone = arg('tz');
const full = process.argv.includes('--full');
const stats = process.argv.includes('--stats');
let lines = 0;
let busyMs = 0;
const recognizer = new OfflineRecognizer(seedGazetteer());

// Each line is answered as soon as it arrives (the scorer and interactive use both stream).
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
rl.on('line', (line) => {
  const started = performance.now();
  let u: Understanding;
  try {
    u = recognizer.recognizeSync(line, { today, timeZone });
  } catch (err) {
    // One bad line must not break the one-line-in, one-line-out contract.
    console.error(`nlu: ${String(err)} on: ${line}`);
    u = emptyUnderstanding();
  }
  const json = JSON.stringify(full ? u : toBenchmarkJson(u));
  // Time spent understanding, not waiting for a slow reader of stdout.
  busyMs += performance.now() - started;
  lines++;
  process.stdout.write(`${json}\n`);
});
rl.on('close', () => {
  if (stats) console.error(`nlu: ${lines} lines, ${(busyMs / Math.max(1, lines)).toFixed(3)} ms/line after start-up`);
});
