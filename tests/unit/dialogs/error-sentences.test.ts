import { ERROR_CODES } from '../../../api/errors';
import { ERROR_SENTENCES, errorSentence, sayableMessage } from '../../../dialogs/error-sentences';

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

describe('a service message shown to a traveller', () => {
  it.each([
    ['departAfter must be earlier than departBefore', 'invalid_request'],
    ['passengers[0].dateOfBirth: Invalid date', 'invalid_passengers'],
    ['Flight not found: flight_id 12', 'invalid_flights'],
    ['invalid input', 'invalid_request'],
    ['The request body is not JSON.', 'invalid_json'],
  ] as const)('"%s" is replaced by the sentence for %s', (message, code) => {
    expect(sayableMessage({ code, message })).toBe(errorSentence(code));
  });

  it.each([
    ['Children cannot sit in exit row 12.', 'invalid_seat'],
    ['BA330 has no more seats available in this cabin.', 'sold_out'],
    ['Too many attempts. Please wait 4 minutes and try again.', 'rate_limited'],
  ] as const)('"%s" (%s) reads as prose and is kept: it says more than the sentence', (message, code) => {
    expect(sayableMessage({ code, message })).toBe(message);
  });
});
