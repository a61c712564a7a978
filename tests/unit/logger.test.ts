import { Writable } from 'node:stream';
import winston from 'winston';
import { createLogger, logContext, scrub, scrubText } from '../../api/logger';

describe('scrubText', () => {
  it.each([
    ['card 4242 4242 4242 4242 declined', 'card [redacted-number] declined'],
    ['card 4242-4242-4242-4242', 'card [redacted-number]'],
    ['pan=4242424242424242;', 'pan=[redacted-number];'],
    ['amex 378282246310005', 'amex [redacted-number]'],
    ['19 digits 6011000990139424123', '19 digits [redacted-number]'],
    ['Authorization: Bearer abc.def-ghi_jkl', 'Authorization: Bearer [redacted]'],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJlX2hlcmU', 'token [redacted-jwt]'],
    ['key sk_live_51HabcDEF and whsec_test_xyz123', 'key [redacted-key] and [redacted-key]'],
    ['slack xoxb-1234-5678-abcdef', 'slack [redacted-key]'],
  ])('%p → %p', (input, output) => {
    expect(scrubText(input)).toBe(output);
  });

  it.each([
    'PNR XK7PQR for 2 passengers',
    'order 123456789012', // 12 digits: not a card
    'call +44 20 7946 0000',
    'flight BA117 on 2031-06-15 at 08:20',
    'total 107064 GBP',
  ])('leaves ordinary text alone: %p', (text) => {
    expect(scrubText(text)).toBe(text);
  });
});

describe('scrub', () => {
  it('drops values under secret-looking keys, at any depth', () => {
    const out = scrub({
      email: 'ada@example.com',
      password: 'correct horse battery staple',
      body: { refreshToken: 'rt_abc', nested: [{ accessToken: 'x', cardNumber: '4242', cvc: '123', pnr: 'XK7PQR' }] },
      headers: { authorization: 'Bearer abc', cookie: 'sid=1', 'x-api-key': 'k', 'x-request-id': 'r1' },
      STRIPE_SECRET_KEY: 'sk_live_x',
      newPassword: 'x',
      otp: '123456',
      codeHash: 'abc',
    });
    expect(out).toEqual({
      email: 'ada@example.com',
      password: '[redacted]',
      body: {
        refreshToken: '[redacted]',
        nested: [{ accessToken: '[redacted]', cardNumber: '[redacted]', cvc: '[redacted]', pnr: 'XK7PQR' }],
      },
      headers: { authorization: '[redacted]', cookie: '[redacted]', 'x-api-key': '[redacted]', 'x-request-id': 'r1' },
      STRIPE_SECRET_KEY: '[redacted]',
      newPassword: '[redacted]',
      otp: '[redacted]',
      codeHash: '[redacted]',
    });
  });

  it('scrubs card-like numbers and tokens inside strings, arrays and errors', () => {
    const err = new Error('charge failed for 4000 0000 0000 0002');
    const out = scrub({ note: 'paid with 4111111111111111', list: ['Bearer abc123'], err }) as Record<string, unknown>;
    expect(out.note).toBe('paid with [redacted-number]');
    expect(out.list).toEqual(['Bearer [redacted]']);
    expect(out.err).toMatchObject({ name: 'Error', message: 'charge failed for [redacted-number]' });
    expect(JSON.stringify(out)).not.toMatch(/4000 0000 0000 0002|4111111111111111/);
  });

  it('scrubs a card number logged as a number', () => {
    expect(JSON.stringify(scrub({ pan: 4242424242424242, amount: 107064 }))).toBe(
      '{"pan":"[redacted-number]","amount":107064}',
    );
  });

  it('keeps other values and stops at a depth limit', () => {
    expect(scrub({ n: 1, ok: true, none: null, when: 'x' })).toEqual({ n: 1, ok: true, none: null, when: 'x' });
    const deep = { a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } };
    expect(JSON.stringify(scrub(deep))).toContain('[deep]');
  });
});

/** A transport that keeps every formatted line. */
function capture(): { transport: winston.transport; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    objectMode: true,
    write(info: Record<string | symbol, unknown>, _enc, done) {
      lines.push(String(info[Symbol.for('message')]));
      done();
    },
  });
  return { transport: new winston.transports.Stream({ stream }), lines };
}

describe('createLogger', () => {
  it('redacts what reaches the transports and adds the request context', () => {
    const log = createLogger({ level: 'debug', format: 'json' });
    const { transport, lines } = capture();
    log.clear().add(transport);
    logContext.run({ requestId: 'req-1' }, () => {
      log.info('login for ada@example.com with card 4242 4242 4242 4242', {
        password: 'correct horse battery staple',
        body: { token: 'rt_secret' },
        pnr: 'XK7PQR',
      });
      log.error('failed', { err: new Error('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlXzE') });
    });
    const out = lines.join('\n');
    expect(out).not.toMatch(/correct horse|rt_secret|4242 4242|eyJhbGci/);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({
      level: 'info',
      password: '[redacted]',
      body: { token: '[redacted]' },
      pnr: 'XK7PQR',
      requestId: 'req-1',
    });
    expect(first.message).toBe('login for ada@example.com with card [redacted-number]');
  });
});
