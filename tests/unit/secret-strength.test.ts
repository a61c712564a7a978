import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../api/config/config';
import { secretWeakness } from '../../api/config/secret-strength';

const strong = 'q7Vh2kLx9PzR4mWn8TcY3bJf6GdS1aEu';
function refusal(env: Record<string, string>): string[] {
  try {
    loadConfig({ NODE_ENV: 'production', ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected start-up to be refused');
}

describe('production refuses weak secrets, naming the variable', () => {
  it.each([
    ['32 × "a"', 'a'.repeat(32)],
    ['a repeated word', 'secret'.repeat(6)],
    ['a repeated word with a suffix', 'password'.repeat(4) + '12'],
    ['two characters alternating', 'ab'.repeat(20)],
    ['consecutive characters', 'abcdefghijklmnopqrstuvwxyz0123456789'],
    ['few distinct characters', '0101101001011010011010010110100110010110'],
    ['an example value', 'replace-with-64-random-hex-characters-from-openssl-rand-hex-32'],
  ])('JWT_SECRET: %s', (_label, secret) => {
    const problems = refusal({ JWT_SECRET: secret });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^JWT_SECRET /);
    expect(problems[0]).not.toContain(secret);
  });

  it.each([
    ['one character', 'x'],
    ['short', 'hunter2hunter'],
    ['repetitive', 'z'.repeat(48)],
    ['an example value', 'change-me'],
  ])('DIRECTLINE_SECRET: %s', (_label, secret) => {
    const problems = refusal({ JWT_SECRET: strong, DIRECTLINE_SECRET: secret });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DIRECTLINE_SECRET /);
  });

  it('refuses every secret example shown in .env.example', () => {
    const text = readFileSync(join(__dirname, '../../.env.example'), 'utf8');
    const examples = [...text.matchAll(/(?:^|Example \(refused\): )([A-Z_]*(?:SECRET|TOKEN|PASSWORD|KEY))=(\S+)/gm)];
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const [, key, value] of examples) {
      const env = key === 'JWT_SECRET' ? { [key]: value } : { JWT_SECRET: strong, [key]: value };
      if (key === 'STRIPE_SECRET_KEY') Object.assign(env, { STRIPE_WEBHOOK_SECRET: `whsec_${strong}` });
      expect(refusal(env).some((p) => p.startsWith(`${key} `))).toBe(true);
    }
  });

  it('refuses a provider credential left at a placeholder', () => {
    const problems = refusal({ JWT_SECRET: strong, TWILIO_ACCOUNT_SID: 'AC123', TWILIO_AUTH_TOKEN: 'changeme' });
    expect(problems).toEqual([expect.stringMatching(/^TWILIO_AUTH_TOKEN is the example value/)]);
  });

  it('accepts random secrets of 32+ characters (hex, base64url) and a long passphrase', () => {
    for (let i = 0; i < 200; i++) {
      expect(secretWeakness(randomBytes(16).toString('hex'))).toBeNull();
      expect(secretWeakness(randomBytes(32).toString('base64url'))).toBeNull();
    }
    expect(secretWeakness('correct horse battery staple under a violet moon')).toBeNull();
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: strong, DIRECTLINE_SECRET: randomBytes(32).toString('hex') }),
    ).not.toThrow();
  });

  it('leaves development and tests alone (a generated secret is used when none is set)', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', DIRECTLINE_SECRET: 'x' })).not.toThrow();
  });
});
