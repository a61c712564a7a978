/**
 * Shortcuts for the dialog tests: a chat over the real bot with a fixed time zone and its own user,
 * which can switch bot runtimes mid-conversation (a restart); dates relative to the test clock in that
 * zone; the emailed code; payment links; and a plain booking driven to the review by text alone.
 */
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { DateTime } from 'luxon';
import { ConsoleAdapter } from '../../bot/console.adapter';
import type { BotRuntime } from '../../bot/runtime';
import { renderAdaptive } from '../../cards/adaptive/render';
import { renderSms } from '../../cards/sms/render';
import { renderText } from '../../cards/text/render';
import type { BotMessage } from '../../cards/types';
import { numberedChoices } from '../../cards/shared/choices';
import { messageOf } from '../../dialogs/messages';
import type { BotHarness } from './bot-harness';
import { drain } from './payment-flow';
import type { TestApp } from './test-app';

/** The traveller's zone in every dialog test (never the machine's). */
export const ZONE = 'Europe/London';

/** A fixed start: the next Monday at 10:00 UTC, so weekday words and times of day read the same on every run. */
export function fixedNow(from = new Date()): Date {
  const d = DateTime.fromJSDate(from, { zone: 'UTC' }).startOf('day').plus({ days: 1 });
  return d
    .plus({ days: (8 - d.weekday) % 7 })
    .set({ hour: 10 })
    .toJSDate();
}

export interface Chat {
  /** Sends text (or a card submission) and returns the turn's replies as a text channel shows them. */
  say(text: string, value?: Record<string, unknown>): Promise<string>;
  /** The messages of the last turn. */
  readonly messages: BotMessage[];
  /** The last turn as the SMS channel sends it (texts of at most 1600 characters, joined). */
  sms(): string;
  /** The last turn as Web Chat receives it (text, suggested actions and Adaptive Cards, as JSON). */
  web(): string;
  /** The numbered choices of the last turn's last message, as "1. …" in a text channel. */
  choices(): string[];
  /** What arrived since the last call outside any turn (proactive messages), as text. */
  drain(): string;
  /** Later turns go to this runtime (another bot instance on the same database). */
  use(runtime: BotRuntime): void;
  readonly conversationId: string;
  /** What support cases and proactive messages know the conversation by ("channel:conversation"). */
  readonly key: string;
  readonly userId: string;
  /** An email of this traveller's own (codes are limited per address and hour). */
  readonly email: string;
}

let chats = 0;

/** One traveller's conversation with the harness's bot (or `runtime`), in `zone`. */
export function chat(h: BotHarness, opts: { runtime?: BotRuntime; zone?: string } = {}): Chat {
  const n = ++chats;
  const conversationId = `dialog-test-${n}-${randomUUID()}`;
  const userId = `traveller-${n}`;
  const inbox: BotMessage[] = [];
  let last: BotMessage[] = [];
  let runtime = opts.runtime ?? h.runtime;
  const adapter = new ConsoleAdapter((a: Partial<Activity>) => inbox.push(messageOf(a)), `dlg${n}`);
  adapter.onTurnError = async (_ctx, err) => {
    throw err;
  };
  adapter.use({
    onTurn: async (ctx, next) => {
      ctx.activity.localTimezone = opts.zone ?? ZONE;
      ctx.activity.conversation = { ...ctx.activity.conversation, id: conversationId };
      ctx.activity.from = { id: userId, name: 'Traveller' };
      await next();
    },
  });
  const register = (r: BotRuntime) =>
    r.channels.register(adapter.channelId, { continue: (ref, logic) => adapter.continueConversation(ref, logic) });
  register(runtime);
  const render = (ms: BotMessage[]) => ms.map((m) => renderText(m, { now: h.t.clock.now() })).join('\n---\n');
  return {
    conversationId,
    key: `dlg${n}:${conversationId}`,
    userId,
    email: `ada.${n}@example.com`,
    get messages() {
      return last;
    },
    sms() {
      return last.flatMap((m) => renderSms(m, { now: h.t.clock.now() })).join('\n---\n');
    },
    web() {
      return JSON.stringify(last.map((m) => renderAdaptive(m, { now: h.t.clock.now() })));
    },
    async say(text, value) {
      inbox.length = 0;
      await adapter.receiveActivity(text, value, (ctx) => runtime.bot.run(ctx));
      last = [...inbox];
      inbox.length = 0;
      return render(last);
    },
    choices() {
      const m = last[last.length - 1];
      return m ? numberedChoices(m).map((c, i) => `${i + 1}. ${c.label}`) : [];
    },
    drain() {
      const out = render(inbox);
      inbox.length = 0;
      return out;
    },
    use(r) {
      runtime = r;
      register(r);
    },
  };
}

/** The traveller's calendar date `days` after the test clock's now. */
export function dateIn(t: TestApp, days: number, zone = ZONE): string {
  return DateTime.fromJSDate(t.clock.now(), { zone }).plus({ days }).toISODate()!;
}

/** "Tue 1 Dec", as the bot writes dates. */
export function shown(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).toFormat('ccc d LLL');
}

/** "1 December 2026", a date anyone can type. */
export function spoken(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).toFormat('d LLLL yyyy');
}

/** The last 6-digit code emailed (to `email`, if given). */
export async function lastCode(t: TestApp, email?: string): Promise<string> {
  const mails = (await t.services.repos.outbox.mailByKind('otp')).filter((m) => !email || m.toAddress === email);
  const body = mails[mails.length - 1]?.bodyText ?? '';
  const code = /\b(\d{6})\b/.exec(body)?.[1];
  if (!code) throw new Error('no code was emailed');
  return code;
}

export const pnrIn = (text: string): string => {
  const m = /Booking reference ([2-9A-HJKMNP-Z]{6})/.exec(text);
  if (!m) throw new Error(`no booking reference in:\n${text}`);
  return m[1]!;
};

export const payUrlIn = (text: string): string => {
  const m = /(http\S+\/pay\/sandbox\/\S+)/.exec(text);
  if (!m) throw new Error(`no payment link in:\n${text}`);
  return m[1]!;
};

/** Pays (or tries to) on the sandbox payment page, then delivers the resulting events (and their messages). */
export async function payOnPage(t: TestApp, url: string, card = '4242424242424242'): Promise<number> {
  const r = await t.http.post(new URL(url).pathname).type('form').send({ card, action: 'pay' });
  await drain(t);
  return r.status;
}

/** Ends holds that ran out and delivers what follows (the proactive "hold ended"). */
export async function sweepHolds(t: TestApp): Promise<void> {
  await t.services.sweeper.sweep();
  await drain(t);
}

/** Reads a booking as staff would (status, seats), straight from the service. */
export function bookingOf(t: TestApp, pnr: string) {
  return t.services.bookings.view(pnr, false);
}

export interface Traveller {
  name: string;
  born: string;
}

export const ADA: Traveller = { name: 'Ada Lovelace', born: '1990-12-10' };

/**
 * Drives a one-way booking for one adult from the first message to the review by typing only: the
 * first flight, `fare`, seat choice `seat`, the traveller, the email and its code. Returns the review
 * text. With `skipTo: 'fare'` the chat has already picked its flight and is asked for the fare.
 */
export async function toReview(
  c: Chat,
  t: TestApp,
  opts: { request?: string; fare?: string; seat?: string; traveller?: Traveller; days?: number; skipTo?: 'fare' } = {},
): Promise<string> {
  const who = opts.traveller ?? ADA;
  const steps: [string, RegExp][] = [
    ...(opts.skipTo === 'fare'
      ? []
      : ([
          [opts.request ?? `Heathrow to Paris on ${spoken(dateIn(t, opts.days ?? 7))} one way`, /LHR → Paris/],
          ['1', /Which fare/],
        ] as [string, RegExp][])),
    [opts.fare ?? 'standard', /Choose a seat/],
    [opts.seat ?? 'skip', /Passenger 1 of 1/],
    [`${who.name} ${who.born}`, /Which email/],
  ];
  for (const [text, expected] of steps) expectReply(await c.say(text), expected, text);
  const asked = await c.say(c.email);
  if (/check everything/i.test(asked)) return asked; // already verified in this conversation
  expectReply(asked, /6-digit code/, c.email);
  const review = await c.say(await lastCode(t, c.email));
  expectReply(review, /check everything/i, 'the code');
  return review;
}

/** Fails with the whole reply when it does not match (easier to read than a bare regex mismatch). */
export function expectReply(reply: string, expected: RegExp, said: string): void {
  if (!expected.test(reply)) throw new Error(`after "${said}" expected ${expected} but the bot said:\n${reply}`);
}

/** One step of a booking by chat: what the traveller says and what the bot asks next. */
export interface Rung {
  /** The question the bot is waiting on after this step (for tables). */
  at: string;
  say: (t: TestApp, c: Chat) => string | Promise<string>;
  asks: RegExp;
}

/**
 * A whole one-way booking, one answer per question, typed only; `LADDER[i].asks` is the question after step i. (A
 * party too large for one booking is asked again on the way, so that the flights stay the sixth rung.)
 */
export const LADDER: Rung[] = [
  { at: 'origin', say: () => 'I want to book a flight', asks: /Where are you flying from\?/ },
  { at: 'destination', say: () => 'Heathrow', asks: /Where would you like to go\?/ },
  { at: 'date', say: () => 'Paris', asks: /When would you like to leave\?/ },
  {
    at: 'party',
    say: () => 'for 12 adults',
    asks: /How many are travelling\?/,
  },
  { at: 'date after the party', say: () => '1 adult, one way', asks: /When would you like to leave\?/ },
  { at: 'flights', say: (t) => spoken(dateIn(t, 7)), asks: /LHR → Paris \(any airport\)/ },
  { at: 'fare', say: () => '1', asks: /Which fare would you like\?/ },
  { at: 'seat', say: () => 'standard', asks: /Choose a seat for passenger 1/ },
  { at: 'passenger', say: () => 'skip', asks: /Passenger 1 of 1, adult/ },
  { at: 'contact', say: () => `${ADA.name} ${ADA.born}`, asks: /Which email should the confirmation/ },
  { at: 'code', say: (_t, c) => c.email, asks: /sent a 6-digit code to a•••@example\.com/ },
  { at: 'review', say: (t, c) => lastCode(t, c.email), asks: /Please check everything/ },
];

/** Climbs the ladder up to and including rung `to` (the bot then waits on `LADDER[to].asks`). */
export async function climb(c: Chat, t: TestApp, to: number, from = 0): Promise<string> {
  let reply = '';
  for (let i = from; i <= to; i++) {
    const said = await LADDER[i]!.say(t, c);
    reply = await c.say(said);
    expectReply(reply, LADDER[i]!.asks, said);
  }
  return reply;
}
