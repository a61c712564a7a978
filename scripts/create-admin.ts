/**
 * Creates a staff account (the first admin, or agents). The password never goes on the command line:
 * it is read from stdin (--password-stdin) or typed at a hidden prompt.
 */
import { buildRepositories } from '../api/container';
import type { Role } from '../api/domain/types';
import { AuthService, checkPassword } from '../api/services/auth.service';
import { systemClock } from '../api/services/clock';
import {
  connect,
  describeDatabase,
  EXIT,
  parseCli,
  promptHidden,
  readStdin,
  RefusedError,
  runScript,
  scriptConfig,
  UsageError,
} from './lib/cli';

const HELP = `
Usage: npm run create-admin -- --email EMAIL --first-name NAME --last-name NAME
                               [--role admin|agent] [--password-stdin] [--promote]

Creates a staff account in DATABASE_URL (default sqlite:data/jetway.sqlite, migrating it first).
The password is typed at a hidden prompt, or read from stdin with --password-stdin; it is never
accepted as an argument (that would put it in your shell history).

Options:
  --email EMAIL        the account's email (sign-in name)
  --first-name NAME    given name
  --last-name NAME     family name
  --role ROLE          admin (default) or agent
  --password-stdin     read the password from stdin (e.g. from a secret manager)
  --promote            if the email already has an account, give it ROLE instead of refusing
                       (the password and names are left as they are)
  -h, --help           show this help

Examples:
  npm run create-admin -- --email ops@example.com --first-name Ada --last-name Lovelace
  printf '%s' "$ADMIN_PASSWORD" | npm run -s create-admin -- --email ops@example.com \\
      --first-name Ada --last-name Lovelace --password-stdin
  npm run create-admin -- --email agent@example.com --first-name Sam --last-name Lee --role agent
  npm run create-admin -- --email existing@example.com --promote

Exit codes: 0 done · 1 failed · 2 bad usage · 3 the email already has an account · 78 bad configuration
`;

const STAFF_ROLES: Role[] = ['admin', 'agent'];

async function main(): Promise<number> {
  const args = parseCli(HELP, {
    email: { type: 'string' },
    'first-name': { type: 'string' },
    'last-name': { type: 'string' },
    role: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    promote: { type: 'boolean' },
    password: { type: 'string' },
  });
  if (args.password !== undefined)
    throw new UsageError(
      '--password is not accepted (it would be kept in your shell history); use --password-stdin or the prompt',
    );
  const email = args.email?.trim().toLowerCase();
  if (!email) throw new UsageError('--email is required');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new UsageError(`--email must be an email address (got "${args.email}")`);
  const role = (args.role ?? 'admin') as Role;
  if (!STAFF_ROLES.includes(role)) throw new UsageError(`--role must be admin or agent (got "${args.role}")`);

  const config = scriptConfig();
  const where = describeDatabase(config.DATABASE_URL);
  const db = await connect(config);
  try {
    const repos = buildRepositories(db);
    const existing = await repos.users.findByEmail(email);
    if (existing) {
      if (!args.promote)
        throw new RefusedError(
          `${email} already has an account (${existing.role}) in ${where}; pass --promote to make it ${role}`,
        );
      if (existing.role === role) {
        console.log(`${email} is already ${role}; nothing to do`);
        return EXIT.ok;
      }
      await repos.users.update(existing.id, { role });
      console.log(`${email} (user ${existing.id}) is now ${role} (was ${existing.role}) in ${where}`);
      return EXIT.ok;
    }

    const firstName = args['first-name']?.trim();
    const lastName = args['last-name']?.trim();
    if (!firstName || !lastName) throw new UsageError('--first-name and --last-name are required for a new account');
    const password = args['password-stdin'] ? await readStdin() : await askPassword(email);
    checkPassword(password, email);

    const auth = new AuthService(
      repos.users,
      {
        jwtSecret: config.JWT_SECRET,
        accessTokenMinutes: config.ACCESS_TOKEN_MINUTES,
        refreshTokenDays: config.REFRESH_TOKEN_DAYS,
      },
      systemClock,
    );
    const user = await auth.createUser({ email, password, firstName, lastName, role, verified: true });
    console.log(`created ${role} ${user.email} (user ${user.id}) in ${where}`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

async function askPassword(email: string): Promise<string> {
  const password = await promptHidden(`Password for ${email}: `);
  // Check before asking again, so a weak password is caught at once.
  checkPassword(password, email);
  const again = await promptHidden('Repeat the password: ');
  if (again !== password) throw new UsageError('the passwords do not match');
  return password;
}

runScript('create-admin', main);
