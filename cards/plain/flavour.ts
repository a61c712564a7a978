/** How a plain rendering reads: the terminal and fallback text, or compact SMS. */
export interface Flavour {
  sms: boolean;
  /** "Type" (terminal) or "Reply" (SMS). */
  verb: string;
  /** Arrow between airports and dash between times. */
  arrow: string;
  dash: string;
  /** "1." or "1)". */
  num(n: number): string;
}

/** The terminal / fallback text flavour. */
export const TEXT_FLAVOUR: Flavour = { sms: false, verb: 'Type', arrow: '→', dash: '–', num: (n) => `${n}.` };

/** The SMS flavour: compact lines, GSM-7 friendly punctuation. */
export const SMS_FLAVOUR: Flavour = { sms: true, verb: 'Reply', arrow: '-', dash: '-', num: (n) => `${n})` };

/** Number of a choice value in the message's numbered choices (1-based), or undefined. */
export type Numbers = ReadonlyMap<string, number>;

/** "3. label" when the value is numbered, else the label indented to line up. */
export function numbered(f: Flavour, numbers: Numbers, value: string | undefined, label: string): string {
  const n = value === undefined ? undefined : numbers.get(value);
  return n === undefined ? `${f.sms ? '' : '   '}${label}` : `${f.num(n)} ${label}`;
}
