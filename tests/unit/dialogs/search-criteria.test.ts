import { NO_DISRUPTIONS } from '../../helpers/fake-disruptions';
import { type Activity, ActivityTypes, ConversationState, MemoryStorage, TestAdapter, UserState } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import { ManualClock } from '../../../api/services/clock';
import type { BotMessage } from '../../../cards/types';
import { SearchCriteriaDialog, type SearchCriteriaOptions } from '../../../dialogs/book-flight/search-criteria.dialog';
import type { DialogDeps } from '../../../dialogs/core/deps';
import type { ConversationMemory } from '../../../dialogs/core/memory';
import { messageOf } from '../../../dialogs/messages';
import { type RecognizeOptions, type Recognizer, type Understanding } from '../../../dialogs/nlu';
import { seedGazetteer } from '../../../dialogs/nlu/default-gazetteer';
import { OfflineRecognizer } from '../../../dialogs/nlu/offline-recognizer';
import type { ChatIdentity, TravelApi } from '../../../dialogs/ports';
import type { SearchCriteria } from '../../../dialogs/state';

/**
 * The search-criteria step on its own, with a recognizer that reads ISO dates literally (the real one
 * rolls dates that have passed forward, so past dates and early returns cannot reach the step
 * through it): dates that have passed, returns before the departure, parties too big, asked again.
 */

const TODAY = '2026-11-30';
const offline = new OfflineRecognizer(seedGazetteer());

/** The offline recognizer, except that a bare ISO date is taken as given, as the slot asked for. */
const literalDates: Recognizer = {
  name: 'literal-dates',
  async recognize(text: string, o?: RecognizeOptions): Promise<Understanding> {
    const u = await offline.recognize(text, o);
    const iso = /^\s*(\d{4}-\d\d-\d\d)\s*$/.exec(text)?.[1];
    if (!iso) return u;
    return o?.expect === 'returnDate'
      ? { ...u, intent: 'search_flights', departDate: null, returnDate: iso }
      : { ...u, intent: 'search_flights', departDate: iso, returnDate: null };
  },
};

class Step {
  private readonly adapter: TestAdapter;
  result: SearchCriteria | undefined;

  constructor(options: SearchCriteriaOptions) {
    const storage = new MemoryStorage();
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    const deps: DialogDeps = {
      api: { findArticles: async () => [] } as unknown as TravelApi,
      disruptions: NO_DISRUPTIONS,
      recognizer: literalDates,
      clock: new ManualClock(new Date(`${TODAY}T10:00:00Z`)),
      identity: userState.createProperty<ChatIdentity>('identity'),
      memory: conversationState.createProperty<ConversationMemory>('memory'),
      brand: {
        name: 'jetway',
        supportEmail: 'support@example.com',
        supportPhone: '+1 555 0100',
        publicUrl: 'http://localhost',
      },
      pageSize: 5,
    };
    const dialogs = new DialogSet(conversationState.createProperty('dialogState'));
    const dialog = new SearchCriteriaDialog(deps);
    dialogs.add(dialog);
    let started = false;
    this.adapter = new TestAdapter(async (ctx) => {
      ctx.activity.localTimezone = 'Europe/London';
      const dc = await dialogs.createContext(ctx);
      const r = started ? await dc.continueDialog() : await dc.beginDialog(dialog.id, options);
      started = true;
      if (r.status === DialogTurnStatus.complete) this.result = r.result as SearchCriteria;
      await conversationState.saveChanges(ctx);
    });
  }

  /** Sends a message; returns what the step said. */
  async say(text: string): Promise<string> {
    await this.adapter.receiveActivity({ type: ActivityTypes.Message, text } as Partial<Activity>);
    const out: BotMessage[] = [];
    while (this.adapter.activeQueue.length) out.push(messageOf(this.adapter.getNextReply()));
    return out.map((m) => m.text).join('\n');
  }
}

const LHR = { code: 'LHR', label: 'London LHR' };
const CDG = { code: 'CDG', label: 'Paris CDG' };

describe('the search-criteria step', () => {
  it.each<[string, SearchCriteriaOptions, string, RegExp]>([
    [
      'a departure that has passed',
      { criteria: { origin: LHR, destination: CDG } },
      '2026-11-23',
      /^Mon 23 Nov has already passed\. When would you like to leave\?$/,
    ],
    [
      'beyond a year',
      { criteria: { origin: LHR, destination: CDG } },
      '2027-12-24',
      /^I can book up to a year ahead\. When would you like to leave\?$/,
    ],
    [
      'a return before the departure',
      {
        criteria: { origin: LHR, destination: CDG, departDate: '2026-12-10', tripType: 'round_trip' },
        askReturn: true,
      },
      '2026-12-05',
      /^The return \(Sat 5 Dec\) is before the departure \(Thu 10 Dec\)\. When are you coming back\?$/,
    ],
    [
      'a return that has passed',
      {
        criteria: { origin: LHR, destination: CDG, departDate: '2026-12-10', tripType: 'round_trip' },
        askReturn: true,
      },
      '2026-11-01',
      /^Sun 1 Nov has already passed\. When are you coming back\?$/,
    ],
    [
      'the same place twice',
      { criteria: { origin: LHR } },
      'Heathrow',
      /^You're already in London LHR\. Where would you like to go\?$/,
    ],
    [
      'too many travellers while asked the date',
      { criteria: { origin: LHR, destination: CDG } },
      '12 adults',
      /^I can book up to 9 seated travellers at a time\. How many are travelling\?/,
    ],
    [
      'an unknown place after "from"',
      { criteria: {} },
      'from Atlantis to Paris',
      /^I don't know a place called "Atlantis"\. Did you mean Atlanta ATL\? Where are you flying from\?$/,
    ],
    [
      'an unknown place after "to"',
      { criteria: { origin: LHR } },
      'fly to Narnia tomorrow',
      /^I don't know a place called "Narnia"\. Did you mean Tokyo NRT\? Where would you like to go\?$/,
    ],
    [
      'a made-up place with nothing like it',
      { criteria: { origin: LHR } },
      'fly to Xyzzyq tomorrow',
      /^I don't know a place called "Xyzzyq" \(try a city or an airport code, like London or LHR\)\. Where would you like to go\?$/,
    ],
    [
      'a real place we do not serve',
      { criteria: { origin: LHR } },
      'fly to Nairobi, Kenya tomorrow',
      /^We don't fly to Nairobi yet\. Please choose another city we fly to\. Where would you like to go\?$/,
    ],
    [
      'a real place we do not serve, near places we do',
      { criteria: {} },
      'from Albuquerque to Denver tomorrow',
      /^We don't fly from Albuquerque yet\. The nearest airports we fly from: Phoenix PHX, Denver DEN and Las Vegas LAS\. Where are you flying from\?$/,
    ],
    [
      'an abbreviation it does not know',
      { criteria: { origin: LHR } },
      'fly to LV on friday',
      /^I don't know a place called "LV"\. Did you mean Las Vegas LAS\? Where would you like to go\?$/,
    ],
  ])('%s is said, and asked again', async (_name, options, said, expected) => {
    const step = new Step(options);
    await step.say('start');
    expect(await step.say(said)).toMatch(expected);
    expect(step.result).toBeUndefined();
  });

  it('criteria that cannot be searched as given: said before the first question', async () => {
    const step = new Step({ criteria: { origin: LHR, destination: CDG }, note: 'Mon 23 Nov has already passed.' });
    expect(await step.say('start')).toBe('Mon 23 Nov has already passed. When would you like to leave?');
  });

  it('asked how many are travelling: a bare number is adults; then the question that was missing', async () => {
    const step = new Step({
      criteria: { origin: LHR, destination: CDG, departDate: '2026-12-10' },
      note: 'I can book up to 9 seated travellers at a time.',
      askParty: true,
    });
    expect(await step.say('start')).toMatch(
      /^I can book up to 9 seated travellers at a time\. How many are travelling\?/,
    );
    expect(await step.say('lots')).toMatch(/^Sorry, I didn't get how many are travelling\./);
    expect(await step.say('4')).toBe('');
    expect(step.result).toMatchObject({ passengers: { adults: 4, children: 0, infants: 0 } });
  });

  it('a departure moved past the return asks the return again', async () => {
    const step = new Step({
      criteria: { origin: LHR, destination: CDG, tripType: 'round_trip', returnDate: '2026-12-05' },
    });
    await step.say('start');
    expect(await step.say('2026-12-10')).toBe(
      'The return (Sat 5 Dec) is before the departure (Thu 10 Dec). When are you coming back?',
    );
    expect(await step.say('2026-12-12')).toBe('');
    expect(step.result).toMatchObject({ departDate: '2026-12-10', returnDate: '2026-12-12', tripType: 'round_trip' });
  });
});
