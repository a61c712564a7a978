import { keywordTexts, smsKeyword } from '../../../bot/channels/sms/keywords';
import { smsEncoding } from '../../../cards/sms/gsm';

describe('smsKeyword', () => {
  test.each([
    'STOP',
    'stop',
    'Stop',
    '  stop  ',
    'STOP.',
    'stop!',
    'Stop!!',
    'stop?',
    '"STOP"',
    'STOPALL',
    'stop all',
    'UNSUBSCRIBE',
    'unsubscribe.',
    'END',
    'end',
    'QUIT',
    'quit!',
    'CANCEL',
    'cancel',
    'OPTOUT',
    'opt-out',
    'opt out',
    'REVOKE',
    'revoke',
  ])('%j opts out', (body) => expect(smsKeyword(body)).toBe('opt_out'));

  test.each([
    'stop texting me',
    'Stop texting me!',
    'please stop texting me',
    'stop messaging me',
    'Stop messaging me please',
    'stop sending me texts',
    'stop sending me messages',
    'unsubscribe me',
    'Unsubscribe me please.',
    'unsubscribe me from these texts',
    "don't text me",
    'Don’t text me anymore',
    'do not message me again',
  ])('the plain request %j opts out', (body) => expect(smsKeyword(body)).toBe('opt_out'));

  test.each(['START', 'start', 'Start.', 'UNSTOP', 'unstop!'])('%j opts in', (body) =>
    expect(smsKeyword(body)).toBe('opt_in'),
  );
  test.each(['HELP', 'help', 'Help?', 'INFO', 'info.'])('%j asks for help', (body) =>
    expect(smsKeyword(body)).toBe('help'),
  );
  test.each(['YES', 'yes', 'Yes!', ' yes. '])('%j is a YES (an opt-in only for an opted-out number)', (body) =>
    expect(smsKeyword(body)).toBe('yes'),
  );

  test.each([
    'cancel my booking',
    'Cancel booking ABC234',
    'I want to cancel',
    'stop over in Amsterdam',
    'nonstop',
    'end of March',
    'quit my job',
    'help me change my seat',
    'information about baggage',
    'start over',
    'yes please',
    'yes, the first one',
    'stopping in Dubai',
    'stop texting my wife',
    '',
    '   ',
    '1',
    'London to Paris tomorrow',
  ])('%j is an ordinary message', (body) => expect(smsKeyword(body)).toBeNull());
});

describe('keywordTexts', () => {
  const texts = keywordTexts({ name: 'jetway', supportEmail: 'support@jetway.example', supportPhone: '+1 555 0100' });

  test('the opt-out confirmation is the one the product asked for', () => {
    expect(texts.optedOut).toBe(
      "You're unsubscribed from jetway texts and won't get more messages. Reply START to resubscribe.",
    );
  });

  test('HELP names the brand, support and how to opt out', () => {
    expect(texts.help).toContain('jetway');
    expect(texts.help).toContain('support@jetway.example');
    expect(texts.help).toContain('+1 555 0100');
    expect(texts.help).toMatch(/STOP/);
  });

  test('each answer is one GSM-7 segment or two at most', () => {
    for (const t of Object.values(texts)) {
      expect(smsEncoding(t).encoding).toBe('GSM-7');
      expect(smsEncoding(t).segments).toBeLessThanOrEqual(2);
    }
  });
});
