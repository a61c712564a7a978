/**
 * A chat harness for the manage-booking dialog: botbuilder's TestAdapter with memory state, the
 * offline recognizer, and the real TravelApi adapter (bot/travel-api.ts) over a test app's services.
 */
import {
  type Activity,
  ActivityTypes,
  ConversationState,
  MemoryStorage,
  TestAdapter,
  type TurnContext,
  UserState,
} from 'botbuilder';
import { type Dialog, DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import type { BookingView } from '../../../api/services/booking-view';
import { ConversationRefRepository } from '../../../bot/conversation-refs.repository';
import { recordingAgentDesk } from '../../../bot/handoff/agent-desks';
import { buildBotPorts } from '../../../bot/service-ports';
import { createTravelApi } from '../../../bot/travel-api';
import { numberedChoices } from '../../../cards/shared/choices';
import type { BotMessage } from '../../../cards/types';
import type { DialogDeps } from '../../../dialogs/core/deps';
import { type ConversationMemory, emptyMemory } from '../../../dialogs/core/memory';
import { messageActivity, messageOf } from '../../../dialogs/messages';
import { seedGazetteer } from '../../../dialogs/nlu/default-gazetteer';
import { OfflineRecognizer } from '../../../dialogs/nlu/offline-recognizer';
import type { ChatIdentity, DisruptionApi, TravelApi } from '../../../dialogs/ports';
import { createDisruptionApi } from '../../../bot/disruption-api';
import { bookingBody, nonstopFlight, pax } from '../../helpers/api-helpers';
import type { TestApp } from '../../helpers/test-app';

const recognizer = new OfflineRecognizer(seedGazetteer());

/** What the bot said in one turn. */
export interface Turn {
  messages: BotMessage[];
  /** All texts with their numbered choices (as a text channel shows them), joined by newlines. */
  text: string;
  /** Card kinds shown, in order. */
  cards: string[];
}

/** The dialog deps over a test app; `wrap` may change the API (to simulate failures). */
export function dialogDeps(
  t: TestApp,
  wrap: (api: TravelApi) => TravelApi = (a) => a,
  disruptions?: DisruptionApi,
): { deps: DialogDeps; userState: UserState; conversationState: ConversationState } {
  const s = t.services;
  const { support, feedback } = buildBotPorts(s);
  const brand = { supportEmail: s.config.SUPPORT_EMAIL, supportPhone: s.config.SUPPORT_PHONE };
  const api = wrap(
    createTravelApi({
      services: s,
      support,
      refs: new ConversationRefRepository(s.db),
      faq: s.faq,
      codes: s.emailVerification,
      desk: recordingAgentDesk({ support, brand }),
      limitLookup: async () => undefined,
      feedback,
    }),
  );
  const storage = new MemoryStorage();
  const userState = new UserState(storage);
  const conversationState = new ConversationState(storage);
  const deps: DialogDeps = {
    api,
    disruptions: disruptions ?? createDisruptionApi(s.disruptions, async () => undefined),
    recognizer,
    clock: t.clock,
    identity: userState.createProperty<ChatIdentity>('identity'),
    memory: conversationState.createProperty<ConversationMemory>('memory'),
    brand: {
      name: 'jetway',
      supportEmail: s.config.SUPPORT_EMAIL,
      supportPhone: s.config.SUPPORT_PHONE,
      publicUrl: s.config.publicUrl,
    },
    pageSize: 5,
  };
  return { deps, userState, conversationState };
}

let conversations = 0;

/** One conversation with `dialog` at its root, started with `options`, as `identity` (signed in or not). */
export class Chat {
  private readonly adapter: TestAdapter;
  private pending: object | null;
  /** What the root dialog ended with, once it has. */
  result: unknown;
  ended = false;

  /** The next turn is the bot speaking first (see `notice`), not the traveller. */
  private speakFirst: ((ctx: TurnContext) => Promise<void>) | null = null;

  constructor(
    private readonly env: ReturnType<typeof dialogDeps>,
    dialog: Dialog,
    options: object,
    private readonly identity: ChatIdentity | null = null,
  ) {
    this.pending = options;
    const dialogs = new DialogSet(env.conversationState.createProperty('dialogState'));
    dialogs.add(dialog);
    const id = `conv-${++conversations}`;
    this.adapter = new TestAdapter(
      async (ctx) => {
        if (this.identity) await env.deps.identity.set(ctx, this.identity);
        if (this.speakFirst) {
          await this.speakFirst(ctx);
          this.speakFirst = null;
          await env.conversationState.saveChanges(ctx);
          return;
        }
        const dc = await dialogs.createContext(ctx);
        let r = await dc.continueDialog();
        if (r.status === DialogTurnStatus.empty && this.pending) {
          r = await dc.beginDialog(dialog.id, this.pending);
          this.pending = null;
        }
        if (r.status === DialogTurnStatus.complete) Object.assign(this, { ended: true, result: r.result });
        await env.conversationState.saveChanges(ctx);
        await env.userState.saveChanges(ctx);
      },
      {
        channelId: 'test',
        conversation: { id, isGroup: false, conversationType: 'personal', name: id },
        user: { id: `user-${id}`, name: 'traveller' },
      } as Partial<Activity> as never,
    );
  }

  /**
   * The bot speaks first in this conversation (a proactive notice, as bot/proactive.ts's Messenger does): the
   * message, and `update` of the conversation's memory in the same turn. Returns what the traveller was sent.
   */
  async notice(message: BotMessage, update?: (m: ConversationMemory) => void): Promise<Turn> {
    this.speakFirst = async (ctx) => {
      await ctx.sendActivity(messageActivity(message));
      const m = await this.env.deps.memory.get(ctx, emptyMemory());
      update?.(m);
      await this.env.deps.memory.set(ctx, m);
    };
    await this.adapter.receiveActivity({ type: ActivityTypes.Event, name: 'notice' });
    return this.replies();
  }

  /** Sends a message (or a card submission `{ choice }`) and returns what the bot answered. */
  async send(text: string | { choice: string }): Promise<Turn> {
    const activity: Partial<Activity> =
      typeof text === 'string'
        ? { type: ActivityTypes.Message, text }
        : { type: ActivityTypes.Message, text: '', value: text };
    await this.adapter.receiveActivity(activity);
    return this.replies();
  }

  private replies(): Turn {
    const messages: BotMessage[] = [];
    while (this.adapter.activeQueue.length) {
      const a = this.adapter.getNextReply();
      if (a.type === ActivityTypes.Message) messages.push(messageOf(a));
    }
    const said = messages
      .map((m) => [m.text, ...numberedChoices(m).map((c, i) => `${i + 1}. ${c.label}`)].join('\n'))
      .join('\n');
    return { messages, text: said, cards: messages.flatMap((m) => (m.card ? [m.card.kind] : [])) };
  }
}

export interface Traveller {
  identity: ChatIdentity;
  actor: { kind: 'user'; userId: number; role: 'traveller' };
}

let travellers = 0;

/** A signed-in traveller (as the chat knows them after a verified email). */
export async function traveller(t: TestApp, firstName = 'Ada'): Promise<Traveller> {
  const email = `chat${++travellers}.${Date.now()}@example.com`;
  const u = await t.services.auth.createUser({
    email,
    password: null,
    verified: true,
    firstName,
    lastName: 'Lovelace',
    role: 'traveller',
  });
  return {
    identity: { userId: u.id, role: 'traveller', email, firstName },
    actor: { kind: 'user', userId: u.id, role: 'traveller' },
  };
}

/** A held booking for `who` on a nonstop LHR–CDG flight `days` ahead, Ada Lovelace (and more) on board. */
export async function hold(
  t: TestApp,
  who: Traveller,
  opts: { fareFamily?: string; seat?: string; days?: number; extra?: ReturnType<typeof pax>[] } = {},
): Promise<BookingView> {
  const flightId = await nonstopFlight(t, 'LHR', 'CDG', opts.days ?? 9);
  const body = bookingBody(
    [flightId],
    [pax('Ada', 'Lovelace', '1985-06-15', opts.seat ? { [flightId]: opts.seat } : undefined), ...(opts.extra ?? [])],
    {
      fareFamily: opts.fareFamily ?? 'standard',
      contact: { email: who.identity.email! },
    },
  );
  return t.services.bookings.createHold(who.actor, body as Parameters<typeof t.services.bookings.createHold>[1]);
}

/** Pays a held booking on the sandbox page, as a traveller would. */
export async function pay(t: TestApp, who: Traveller, pnr: string): Promise<void> {
  const link = await t.services.payments.createLink(pnr, who.actor);
  const res = await t.http
    .post(new URL(link.url).pathname)
    .type('form')
    .send({ card: '4242 4242 4242 4242', action: 'pay' });
  if (res.status !== 200) throw new Error(`sandbox payment failed: ${res.status}`);
}

/** A free seat of the booking's first flight, other than those listed, with the given price (0 = free). */
export async function freeSeat(
  t: TestApp,
  b: BookingView,
  opts: { paid?: boolean; not?: string[] } = {},
): Promise<string> {
  const f = b.flights[0]!;
  const map = await t.services.seatMaps.seatMap(f.flightId, { fareFamily: f.fareFamily, cabin: f.cabin });
  const seat = map.cabins
    .flatMap((c) => c.rows.flatMap((r) => r.seats))
    .find(
      (s) =>
        s.available &&
        s.cabin === f.cabin &&
        s.tier !== 'exit_row' &&
        (opts.paid ? s.price.amount > 0 : s.price.amount === 0) &&
        !(opts.not ?? []).includes(s.designator),
    );
  if (!seat) throw new Error('no free seat');
  return seat.designator;
}
