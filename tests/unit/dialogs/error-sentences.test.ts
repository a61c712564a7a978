import { ERROR_CODES } from '../../../api/errors';
import { ERROR_SENTENCES, errorSentence } from '../../../dialogs/error-sentences';

/** What gives away text written for developers rather than travellers. */
const NOT_PROSE: [string, RegExp][] = [
  ['a snake_case token', /\b[a-z0-9]+_[a-z0-9_]+\b/i],
  ['a camelCase field name', /\b[a-z]+[A-Z][A-Za-z]*\b/],
  ['a brace, bracket or backtick', /[{}[\]`<>]/],
  ['an HTTP status or code word', /\b(4\d\d|5\d\d|null|undefined|id|API|JSON|HTTP|PNR|slug|token)\b/],
  ['a technical term', /\b(request body|endpoint|payload|header|parameter|field|schema|webhook)\b/i],
];

describe('traveller sentences for error codes', () => {
  it.each(ERROR_CODES)('%s: a plain sentence and a way forward', (code) => {
    const { says, next } = ERROR_SENTENCES[code];
    for (const part of [says, next]) {
      expect({ code, part }).toEqual({ code, part: expect.stringMatching(/^[A-Z"].*[.!?]$/) });
      expect({ code, part }).toEqual({ code, part: expect.stringMatching(/^[^\n]{10,120}$/) });
      for (const [what, re] of NOT_PROSE)
        expect({ code, part, what, found: re.exec(part)?.[0] }).toEqual({
          code,
          part,
          what,
          found: undefined,
        });
    }
    expect(errorSentence(code)).toBe(`${says} ${next}`);
  });

  it('covers exactly the codes of the catalogue', () => {
    expect(Object.keys(ERROR_SENTENCES).sort()).toEqual([...ERROR_CODES].sort());
  });
});
