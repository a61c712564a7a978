import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Loads `.env` (or the file named by ENV_FILE) into the environment with Node's own parser (the one
 * behind process.loadEnvFile). Variables already set win, so a process manager or container can
 * override any line of the file. A missing .env is fine (every setting has a default); returns the file
 * read, if any.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const file = resolve(env.ENV_FILE || '.env');
  if (!existsSync(file)) {
    if (env.ENV_FILE) throw new Error(`ENV_FILE names ${file}, which does not exist`);
    return null;
  }
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, 'utf8'))))
    if (env[key] === undefined) env[key] = value;
  return file;
}
