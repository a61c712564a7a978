import { type Activity, ActivityTypes, type TurnContext } from 'botbuilder';
import { numberedChoices } from '../cards/shared/choices';
import type { BotMessage, Choice, Submission } from '../cards/types';

/**
 * Sending channel-neutral messages and reading replies. A message travels in
 * `channelData.jetway`; each channel renders it at the edge (cards, Block Kit, numbered text).
 */

export function messageActivity(m: BotMessage): Partial<Activity> {
  return { type: ActivityTypes.Message, text: m.text, channelData: { jetway: m } };
}

export async function say(ctx: TurnContext, m: BotMessage | string): Promise<void> {
  await ctx.sendActivity(messageActivity(typeof m === 'string' ? { text: m } : m));
}

/** The BotMessage an activity carries (for channels and tests). */
export function messageOf(a: Partial<Activity>): BotMessage {
  const m = (a.channelData as { jetway?: BotMessage } | undefined)?.jetway;
  return m ?? { text: a.text ?? '' };
}

export interface Reply {
  /** What the traveller typed (empty for a pure card submission). */
  text: string;
  /** What a card or form submitted, if anything. */
  value: Submission | null;
}

export function replyOf(ctx: TurnContext): Reply {
  const a = ctx.activity;
  const v = a.value as Record<string, unknown> | undefined;
  let value: Submission | null = null;
  if (v && typeof v === 'object') {
    if (typeof v.choice === 'string') value = { choice: v.choice };
    else if (v.form === 'passenger')
      value = {
        form: 'passenger',
        firstName: str(v.firstName),
        lastName: str(v.lastName),
        dateOfBirth: str(v.dateOfBirth),
      };
    else if (v.form === 'contact') value = { form: 'contact', email: str(v.email), phone: str(v.phone) };
  }
  return { text: (a.text ?? '').trim(), value };
}

const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() !== '' ? x.trim() : undefined);
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Which of the offered choices a reply picks: a card button's value, the number shown in text
 * channels ("2", "#2", "option 2"), the label or value typed, or a unique label containing the words.
 * `shown` is the message the choices were offered in: its numbering is what "2" means.
 */
export function matchChoice(reply: Reply, shown: BotMessage): Choice | null {
  const choices = numberedChoices(shown);
  const picked = reply.value && 'choice' in reply.value ? reply.value.choice : null;
  if (picked !== null) return choices.find((c) => c.value === picked) ?? null;
  const t = norm(reply.text);
  if (!t) return null;
  const num = /^(?:option |number |no |#)?(\d{1,2})(?:st|nd|rd|th)?$/.exec(t);
  if (num) return choices[Number(num[1]) - 1] ?? null;
  const exact = choices.find((c) => norm(c.label) === t || norm(c.value) === t);
  if (exact) return exact;
  if (t.length < 3) return null;
  const partial = choices.filter((c) => norm(c.label).includes(t));
  return partial.length === 1 ? partial[0]! : null;
}
