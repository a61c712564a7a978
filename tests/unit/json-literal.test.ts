import { jsonLiteral } from '../../api/db/mysql-batch';

describe('jsonLiteral (a JSON text as a MySQL string literal)', () => {
  const json = JSON.stringify({ name: `O'Brien "Zoë" \\ 😀`, note: 'a\nb\u0000c\x1a', odd: '\u2028' });

  it('escapes backslashes and single quotes, and leaves double quotes as they are', () => {
    const sql = jsonLiteral(json).toSqlString();
    expect(sql.startsWith("'") && sql.endsWith("'")).toBe(true);
    expect(sql).toContain(`O\\'Brien \\\\"Zo`); // the JSON's \" becomes \\" (an escaped backslash, then the quote)
    expect([...sql].some((c) => '\n\r\0\x1a'.includes(c))).toBe(false);
    // Undoing MySQL's escapes gives the JSON back.
    const unescaped = sql
      .slice(1, -1)
      .replace(/\\(.)/g, (_m, c: string) => ({ '0': '\0', n: '\n', r: '\r', Z: '\x1a' })[c] ?? c);
    expect(unescaped).toBe(json);
  });

  it('only doubles single quotes under NO_BACKSLASH_ESCAPES', () => {
    expect(jsonLiteral(`{"a":"it's \\\\ "}`).toSqlString({ noBackslashEscapes: true })).toBe(`'{"a":"it''s \\\\ "}'`);
  });
});
