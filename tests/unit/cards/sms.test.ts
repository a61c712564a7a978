import { numberedChoices, renderSms, SMS_MAX_CHARS, smsEncoding, toGsmFriendly } from '../../../cards';
import type { BotMessage } from '../../../cards/types';
import { draft } from './fixtures';
import { MESSAGES } from './messages';

describe('smsEncoding (GSM 03.38)', () => {
  test.each([
    ['', 'GSM-7', 0, 0],
    ['a'.repeat(160), 'GSM-7', 1, 160],
    ['a'.repeat(161), 'GSM-7', 2, 161],
    ['a'.repeat(306), 'GSM-7', 2, 306],
    ['a'.repeat(307), 'GSM-7', 3, 307],
    ['€', 'GSM-7', 1, 2],
    ['€'.repeat(80), 'GSM-7', 1, 160],
    ['€'.repeat(81), 'GSM-7', 2, 162],
    ['£'.repeat(160), 'GSM-7', 1, 160],
    ['[]{}^~|\\', 'GSM-7', 1, 16],
    ['Ω'.repeat(160), 'GSM-7', 1, 160],
    ['ж'.repeat(70), 'UCS-2', 1, 70],
    ['ж'.repeat(71), 'UCS-2', 2, 71],
    ['ж'.repeat(134), 'UCS-2', 2, 134],
    ['ж'.repeat(135), 'UCS-2', 3, 135],
    ['✈', 'UCS-2', 1, 1],
    ['😀', 'UCS-2', 1, 2],
  ])('%j → %s, %i segments, %i units', (text, encoding, segments, units) => {
    expect(smsEncoding(text)).toEqual({ encoding, segments, units });
  });

  test('an escape pair is never split across segments', () => {
    // 152 basic + "€" = 154 septets: the € cannot start at septet 153 of segment one.
    expect(smsEncoding(`${'a'.repeat(152)}€${'a'.repeat(10)}`)).toEqual({ encoding: 'GSM-7', segments: 2, units: 164 });
  });

  test('a surrogate pair is never split across segments', () => {
    expect(smsEncoding(`${'ж'.repeat(66)}😀${'ж'.repeat(10)}`).segments).toBe(2);
  });
});

describe('toGsmFriendly', () => {
  test.each([
    ['“Hi” – it’s… 2×3 · ok', '"Hi" - it\'s... 2x3 - ok'],
    ['LHR→JFK', 'LHR->JFK'],
    ['£467 €10 ¥5 US$3', '£467 €10 ¥5 US$3'],
    ['₩1,234', 'KRW 1,234'],
    ['Zoë Łukasz Çelik José Müller', 'Zoe Lukasz Çelik José Müller'],
    ['a\u00a0b\u202fc', 'a b c'],
  ])('%j → %j', (input, output) => {
    expect(toGsmFriendly(input)).toBe(output);
    expect(smsEncoding(toGsmFriendly(input)).encoding).toBe('GSM-7');
  });

  test('leaves other scripts alone: a Greek name stays UCS-2', () => {
    expect(toGsmFriendly('Αλέξανδρος')).toBe('Αλέξανδρος');
    expect(smsEncoding(toGsmFriendly('Αλέξανδρος')).encoding).toBe('UCS-2');
  });
});

describe.each(Object.entries(MESSAGES))('%s', (_name, message) => {
  const sms = renderSms(message, { now: new Date('2026-11-01T10:05:00Z') });

  test('every message is at most 1,600 characters and GSM-7', () => {
    expect(sms.length).toBeGreaterThan(0);
    for (const part of sms) {
      expect(part.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
      expect(smsEncoding(part).encoding).toBe('GSM-7');
    }
  });

  test('numbered choices "1) …" end with "Reply 1-n"', () => {
    const n = numberedChoices(message).length;
    const all = sms.join('\n');
    for (let i = 1; i <= n; i++) expect(all).toMatch(new RegExp(`^${i}\\) `, 'm'));
    if (n > 0) expect(sms.at(-1)).toMatch(n === 1 ? /[Rr]eply 1$/ : new RegExp(`[Rr]eply 1-${n}$`));
  });
});

test('flight list: about one line per offer', () => {
  const [sms] = renderSms(MESSAGES.flight_list!);
  expect(sms).toContain('1) 18:30-21:25 LHR-JFK nonstop BA117 £467');
  expect(sms).toContain('2) 09:10-15:55 LHR-LAX 1 stop ORD AA87/AA1234 £512');
  expect(sms).toContain('3) 19:00-07:05 +1 JFK-LHR nonstop BA118 £398');
  expect(sms).toMatch(/Reply 1-5$/);
});

test('seat map: tiers, sample seats and how to reply with a designator', () => {
  const [sms] = renderSms(MESSAGES.seat_map_narrow!);
  expect(sms).toContain('Exit row £45: rows 11-12 (9 free)');
  expect(sms).toContain('Reply a seat like 8C, or WINDOW, AISLE or ANY.');
  expect(sms).toMatch(/Or reply 1-2$/);
});

test('a Greek passenger name really needs UCS-2, and the message is still split within the limit', () => {
  const greek: BotMessage = {
    text: 'Please check everything.',
    card: {
      kind: 'review',
      draft: {
        ...draft,
        passengers: draft.passengers.map((p) => ({ ...p, firstName: 'Αλέξανδρος', lastName: 'Παπαδόπουλος' })),
      },
    },
  };
  const sms = renderSms(greek);
  expect(sms.some((s) => smsEncoding(s).encoding === 'UCS-2')).toBe(true);
  for (const s of sms) expect(s.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
});

test('long content is split at line boundaries into several messages', () => {
  const body = Array.from(
    { length: 120 },
    (_, i) => `Rule ${i}: bags up to 23 kg are included on Standard fares.`,
  ).join('\n');
  const sms = renderSms({
    text: 'Baggage',
    card: { kind: 'article', title: 'Bags', body },
    choices: [{ value: 'more', label: 'More help' }],
  });
  expect(sms.length).toBeGreaterThan(3);
  for (const s of sms) {
    expect(s.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    for (const line of s.split('\n'))
      expect(line === '' || /^(Baggage|Bags|Rule \d+: .*fares\.|1\) More help|Reply 1)$/.test(line)).toBe(true);
  }
  expect(sms.join('\n')).toContain('Rule 119');
});

test('a single huge line is split at spaces', () => {
  const sms = renderSms({ text: 'word '.repeat(1000).trim() });
  expect(sms.length).toBe(4);
  for (const s of sms) {
    expect(s.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(s).toMatch(/^word( word)*$/);
  }
});
