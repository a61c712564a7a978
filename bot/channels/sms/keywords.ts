/**
 * SMS compliance keywords (CTIA / carrier rules, the same list Twilio's Advanced Opt-Out uses). They are
 * answered by the channel itself and never reach the bot. A keyword counts only as the WHOLE message
 * (case-insensitive, trimmed, trailing punctuation allowed): "cancel" opts out, "cancel my booking" is
 * for the dialogs. Plain requests to stop the texts ("stop texting me") opt out too.
 */
export type SmsKeyword =
  /** Stop all messages to this number. */
  | 'opt_out'
  /** START / UNSTOP: messages again. */
  | 'opt_in'
  /** YES: an opt-in only for an opted-out number, otherwise an ordinary answer for the dialogs. */
  | 'yes'
  /** HELP / INFO: who we are, how to reach support, how to opt out. */
  | 'help';

const OPT_OUT = new Set([
  'STOP',
  'STOPALL',
  'STOP ALL',
  'UNSUBSCRIBE',
  'END',
  'QUIT',
  'CANCEL',
  'OPTOUT',
  'OPT OUT',
  'REVOKE',
]);
const OPT_IN = new Set(['START', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);

/** "stop texting me", "please stop messaging me", "unsubscribe me", "don't text me anymore" … */
const PLAIN_OPT_OUT = [
  new RegExp(
    '^(?:please )?(?:stop|quit) ' +
      '(?:texting|messaging|txting|sms(?:ing)?|contacting|sending (?:me )?(?:texts|messages|sms|these))' +
      '(?: me)?(?: (?:now|please|thanks|thank you))?$',
  ),
  new RegExp(
    '^(?:please )?unsubscribe(?: me)?' +
      '(?: (?:from (?:this|these|your|the) (?:texts|messages|sms|list)|now|please|thanks|thank you))?$',
  ),
  /^(?:please )?(?:don ?t|do not) (?:text|message|sms|txt) me(?: (?:again|anymore|any more|please))?$/,
];

/** Upper-cased, trimmed, without surrounding quotes, trailing punctuation or repeated spaces; hyphens as spaces. */
function normalise(body: string): string {
  return body
    .normalize('NFKC')
    .trim()
    .replace(/^["'“‘]+|["'”’]+$/g, '')
    .replace(/[\s.!?,;:…]+$/u, '')
    .replace(/[-_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

/** Which compliance keyword a whole inbound message is, or null for an ordinary message. */
export function smsKeyword(body: string): SmsKeyword | null {
  const k = normalise(body);
  if (!k) return null;
  if (OPT_OUT.has(k)) return 'opt_out';
  if (OPT_IN.has(k)) return 'opt_in';
  if (HELP.has(k)) return 'help';
  if (k === 'YES') return 'yes';
  const words = k.toLowerCase().replace(/[’']/g, ' ').replace(/\s+/g, ' ').trim();
  if (PLAIN_OPT_OUT.some((re) => re.test(words))) return 'opt_out';
  return null;
}

/** What the channel answers to the keywords. */
export interface KeywordTexts {
  optedOut: string;
  optedIn: string;
  help: string;
}

export function keywordTexts(brand: { name: string; supportEmail: string; supportPhone: string }): KeywordTexts {
  return {
    optedOut: `You're unsubscribed from ${brand.name} texts and won't get more messages. Reply START to resubscribe.`,
    optedIn: `You're subscribed to ${brand.name} texts. Reply HELP for help, STOP to unsubscribe.`,
    help:
      `${brand.name}: book and manage flights by text. Support: ${brand.supportEmail} or ${brand.supportPhone}. ` +
      `Reply STOP to unsubscribe, START to resubscribe. Msg & data rates may apply.`,
  };
}
