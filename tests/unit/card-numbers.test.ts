import { CARD_REMOVED, redactCardNumbers, redactCardNumbersDeep } from '../../api/domain/card-numbers';
import { CARD_FORMATS, CARDS, digitsOf, NOT_CARDS } from '../fixtures/card-corpus';
import { scrubText } from '../../api/logger';

describe('card-like numbers are removed whatever separates them', () => {
  it('has a corpus of at least 40 formats', () => expect(CARD_FORMATS.length).toBeGreaterThanOrEqual(40));

  it.each(CARD_FORMATS)('%s', (_label, text, digits) => {
    const r = redactCardNumbers(text);
    expect(r.found).toBe(true);
    expect(r.text).toContain(CARD_REMOVED);
    expect(digitsOf(r.text)).not.toContain(digits);
    for (const card of Object.values(CARDS)) expect(digitsOf(r.text)).not.toContain(card);
  });

  it.each(CARD_FORMATS)('never logged: %s', (_label, text, digits) => {
    expect(digitsOf(scrubText(`traveller said ${text}`))).not.toContain(digits);
  });

  it.each(NOT_CARDS)('keeps "%s"', (text) => {
    expect(redactCardNumbers(text)).toEqual({ text, found: false });
  });

  it('keeps the words around a card', () => {
    expect(redactCardNumbers('pay with 4242 4242 4242 4242 please').text).toBe(`pay with ${CARD_REMOVED} please`);
    expect(redactCardNumbers('card4242424242424242exp').text).toBe(`card${CARD_REMOVED}exp`);
  });

  it('cleans every string of a nested value, leaving identifiers alone', () => {
    const r = redactCardNumbersDeep({
      action: 'pay',
      card: { number: CARDS.visa, notes: [`also ${CARDS.mastercard}`] },
      messageSid: CARDS.visa,
      count: 4,
    });
    expect(r.found).toBe(true);
    expect(r.value).toEqual({
      action: 'pay',
      card: { number: CARD_REMOVED, notes: [`also ${CARD_REMOVED}`] },
      messageSid: CARDS.visa,
      count: 4,
    });
  });
});
