/**
 * Prints the effective configuration (environment, then .env, then defaults) with secrets masked,
 * and exits non-zero when a value is bad: run it before starting or deploying.
 */
import { loadConfig } from '../api/config/config';
import { describeConfig, describeParts } from '../api/config/config-report';
import { loadEnvFile } from '../api/config/env-file';
import { EXIT, parseCli, runScript } from './lib/cli';

const HELP = `
Usage: npm run config:check

Reads the configuration the way the server does (environment variables win over .env, or the file
named by ENV_FILE), prints every variable's effective value with secrets masked, and what is switched on.

Exit codes: 0 valid · 78 a bad value (each problem is printed, naming the variable)
`;

async function main(): Promise<number> {
  parseCli(HELP, {});
  const file = loadEnvFile();
  console.log(file ? `read ${file} (the environment wins over it)` : 'no .env file; environment and defaults only');
  const config = loadConfig(); // a bad value: runScript prints the problems and exits 78
  const lines = describeConfig(config, process.env);
  const width = Math.max(...lines.map((l) => l.key.length));
  for (const l of lines)
    console.log(`  ${l.key.padEnd(width)}  ${l.value}${l.source === 'default' ? '  (default)' : ''}`);
  console.log('');
  for (const part of describeParts(config)) console.log(`  ${part}`);
  console.log('configuration is valid');
  return EXIT.ok;
}

runScript('config:check', main);
