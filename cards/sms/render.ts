import { SMS_FLAVOUR } from '../plain/flavour';
import { plainBlocks } from '../plain/render';
import type { RenderOptions } from '../shared/options';
import type { BotMessage } from '../types';
import { toGsmFriendly } from './gsm';

/** Longest SMS body we send (Twilio's limit; the carrier splits it into segments). */
export const SMS_MAX_CHARS = 1600;

/** Splits one over-long line at spaces (or hard, for a single huge word). */
function splitLine(line: string, max: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(' ', max);
    const at = cut > max / 2 ? cut : max;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Packs paragraphs (arrays of lines) into messages of at most `max` characters: paragraphs stay
 * together when they fit, otherwise they are split at line boundaries, and only a single over-long
 * line is split at spaces.
 */
export function packMessages(blocks: string[][], max = SMS_MAX_CHARS): string[] {
  const messages: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) messages.push(current.trim());
    current = '';
  };
  const add = (piece: string, sep: string) => {
    if (!current) current = piece;
    else if (current.length + sep.length + piece.length <= max) current += sep + piece;
    else {
      flush();
      current = piece;
    }
  };
  for (const block of blocks) {
    const whole = block.join('\n');
    if (whole.length <= max) {
      add(whole, '\n\n');
      continue;
    }
    let sep = '\n\n';
    for (const line of block.flatMap((l) => splitLine(l, max))) {
      add(line, sep);
      sep = '\n';
    }
  }
  flush();
  return messages;
}

/**
 * SMS rendering: compact lines ("1) 08:20-11:15 LHR-JFK nonstop BA101 £467"), numbered choices
 * ending with "Reply 1-5", GSM-7 friendly characters, split into messages of ≤ 1,600 characters.
 */
export function renderSms(message: BotMessage, opts: RenderOptions = {}): string[] {
  const blocks = plainBlocks(message, SMS_FLAVOUR, opts).map((b) => b.map((line) => toGsmFriendly(line).trimEnd()));
  return packMessages(blocks);
}
