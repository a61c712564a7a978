import { isDomainError } from '../../../api/errors';
import type { EmailVerificationService } from '../../../api/services/email-verification.service';
import { countRows, MINUTE } from '../../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/** The DomainError code a promise rejects with. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isDomainError(err)) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'no error';
}

describe.each(DB_TARGETS)('email verification by one-time code (%s)', (target) => {
  let t: TestApp;
  let otp: EmailVerificationService;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 1 });
    otp = t.services.emailVerification;
  }, 60_000);
  afterAll(() => t.close());

  /** A fresh address and conversation, so rate limits of other tests do not interfere. */
  const fresh = () => {
    n++;
    return { email: `otp${n}.${target}@example.com`, conversation: `test:conv-${target}-${n}` };
  };
  /** The code in the latest OTP mail to `email` (read from the durable outbox). */
  const mailedCode = async (email: string, requestId: string) => {
    const mail = (await t.services.repos.outbox.mailByKind('otp')).filter(
      (m) => m.toAddress === email && m.dedupeKey === `otp:${requestId}`,
    );
    expect(mail).toHaveLength(1);
    return /\b(\d{6})\b/.exec(mail[0]!.bodyText)![1]!;
  };

  it('sends a 6-digit code through the outbox, storing only a hash of it', async () => {
    const { email, conversation } = fresh();
    const { requestId } = await otp.send(`  ${email.toUpperCase()} `, conversation);
    const code = await mailedCode(email, requestId);
    expect(code).toMatch(/^\d{6}$/);
    const [row] = await t.services.db.dataSource.query('SELECT * FROM email_codes WHERE id = ?', [requestId]);
    expect(row.email).toBe(email);
    expect(row.conversation_key).toBe(conversation);
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(new Date(row.expires_at).getTime() - t.clock.now().getTime()).toBe(10 * MINUTE);
  });

  it('a right code signs in a new passwordless traveller once, and the same account next time', async () => {
    const { email, conversation } = fresh();
    const first = await otp.send(email, conversation);
    const who = await otp.verify(first.requestId, await mailedCode(email, first.requestId), {
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
    expect(who).toEqual({ userId: expect.any(Number), role: 'traveller', email, firstName: 'Ada' });
    const user = await t.services.repos.users.findById(who.userId);
    expect(user).toMatchObject({
      passwordHash: null,
      firstName: 'Ada',
      lastName: 'Lovelace',
      emailVerifiedAt: expect.any(Date),
    });

    const second = await otp.send(email, conversation);
    const again = await otp.verify(second.requestId, await mailedCode(email, second.requestId), {
      firstName: 'Someone',
      lastName: 'Else',
    });
    expect(again.userId).toBe(who.userId);
    expect(again.firstName).toBe('Ada');
    expect(await countRows(t, 'users', 'email = ?', [email])).toBe(1);
  });

  it('names that are not names become "Traveller"', async () => {
    const { email, conversation } = fresh();
    const { requestId } = await otp.send(email, conversation);
    const who = await otp.verify(requestId, await mailedCode(email, requestId), { firstName: 'R2D2' });
    expect(who.firstName).toBe('Traveller');
  });

  it('an existing account (registered with a password) is found, keeping its role', async () => {
    const { email, conversation } = fresh();
    const agent = await t.services.auth.createUser({
      email,
      password: 'correct horse battery staple',
      firstName: 'Grace',
      lastName: 'Hopper',
      role: 'agent',
    });
    const { requestId } = await otp.send(email, conversation);
    expect(await otp.verify(requestId, await mailedCode(email, requestId), {})).toEqual({
      userId: agent.id,
      role: 'agent',
      email,
      firstName: 'Grace',
    });
  });

  it('a wrong code is refused; five tries per code, then it is locked even for the right code', async () => {
    const { email, conversation } = fresh();
    const { requestId } = await otp.send(email, conversation);
    const code = await mailedCode(email, requestId);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await codeOf(otp.verify(requestId, wrong, {}))).toBe('code_invalid: That code is not right.');
    for (let i = 0; i < 3; i++) expect(await codeOf(otp.verify(requestId, 'abc', {}))).toMatch(/^code_invalid/);
    expect(await codeOf(otp.verify(requestId, wrong, {}))).toMatch(/^code_invalid/);
    expect(await codeOf(otp.verify(requestId, code, {}))).toMatch(/^code_locked/);
    expect(await countRows(t, 'users', 'email = ?', [email])).toBe(0);
  });

  it('four wrong tries still leave the fifth for the right code', async () => {
    const { email, conversation } = fresh();
    const { requestId } = await otp.send(email, conversation);
    const code = await mailedCode(email, requestId);
    for (let i = 0; i < 4; i++) await codeOf(otp.verify(requestId, code === '123456' ? '654321' : '123456', {}));
    expect((await otp.verify(requestId, ` ${code.slice(0, 3)} ${code.slice(3)} `, {})).email).toBe(email);
  });

  it('a code expires after 10 minutes', async () => {
    const { email, conversation } = fresh();
    const { requestId } = await otp.send(email, conversation);
    const code = await mailedCode(email, requestId);
    t.clock.advance(10 * MINUTE + 1);
    try {
      expect(await codeOf(otp.verify(requestId, code, {}))).toMatch(/^code_expired/);
    } finally {
      t.clock.advance(-(10 * MINUTE + 1));
    }
    expect(await codeOf(otp.verify('not-a-request', code, {}))).toMatch(/^code_expired/);
    expect(await codeOf(otp.verify('00000000-0000-4000-8000-000000000000', code, {}))).toMatch(/^code_expired/);
  });

  it('a code works once', async () => {
    const { email, conversation } = fresh();
    const { requestId } = await otp.send(email, conversation);
    const code = await mailedCode(email, requestId);
    await otp.verify(requestId, code, {});
    expect(await codeOf(otp.verify(requestId, code, {}))).toMatch(/^code_used/);
    const races = await Promise.allSettled(
      [0, 1, 2].map(async () => {
        const r = await otp.send(email, `${conversation}-race`);
        const c = await mailedCode(email, r.requestId);
        return Promise.allSettled([otp.verify(r.requestId, c, {}), otp.verify(r.requestId, c, {})]);
      }),
    );
    for (const r of races) {
      if (r.status !== 'fulfilled') throw r.reason;
      expect(r.value.filter((v) => v.status === 'fulfilled')).toHaveLength(1);
    }
  });

  it('rate limits codes per address and per conversation, with a clear message', async () => {
    const { email, conversation } = fresh();
    for (let i = 0; i < 5; i++) await otp.send(email, `${conversation}-${i}`);
    expect(await codeOf(otp.send(email, `${conversation}-x`))).toMatch(
      /^rate_limited: Too many codes have been sent to this address\. Please wait \d+ minutes/,
    );

    const other = fresh();
    for (let i = 0; i < 5; i++) await otp.send(`${i}.${other.email}`, other.conversation);
    expect(await codeOf(otp.send(`x.${other.email}`, other.conversation))).toMatch(
      /^rate_limited: Too many codes have been sent in this conversation/,
    );
    t.clock.advance(61 * MINUTE);
    try {
      expect((await otp.send(`y.${other.email}`, other.conversation)).requestId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      t.clock.advance(-61 * MINUTE);
    }
  });

  it('refuses something that is not an email address', async () => {
    expect(await codeOf(otp.send('not an email', 'test:bad'))).toMatch(/^invalid_email/);
  });
});
