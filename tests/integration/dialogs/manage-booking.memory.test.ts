import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { chat, expectReply, fixedNow } from '../../helpers/dialog-helpers';
import { drain } from '../../helpers/payment-flow';
import { DB_TARGETS } from '../../helpers/test-app';
import { hold, pay, type Traveller, traveller } from '../../unit/dialogs/manage-booking.harness';

/**
 * Manage booking as travellers talk: a booking found once stays found for the rest of the conversation,
 * the reference and the last name come in any order among other words, "where's my refund?" is answered
 * from the booking, and "ok yes cancel it" confirms.
 */
describe.each(DB_TARGETS)('manage booking, remembered (%s)', (target) => {
  let h: BotHarness;
  let ada: Traveller;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
    ada = await traveller(h.t);
  }, 60_000);
  afterAll(() => h.close());

  const ASKS_FOR_REFERENCE = /booking reference and last name|6-character booking reference|last name of a passenger/;

  // A reference typed in lower case is told from a word by its digits (an all-letter one must be in capitals).
  const typed = (p: string) => (/\d/.test(p) ? p.toLowerCase() : p);
  it.each([
    ['sorry typo, {pnr} lovelace', typed],
    ['Lovelace {pnr}', (p: string) => p],
    ['the name is lovelace and the reference is {pnr}', (p: string) => p],
    ['ok here it is: {pnr}, surname Lovelace, thanks', (p: string) => p],
    ['my booking ref {pnr} under Lovelace please', typed],
    ['oops I meant {pnr} Lovelace', (p: string) => p],
  ])('"%s" finds the booking', async (said, written) => {
    const b = await hold(h.t, ada);
    const c = chat(h);
    expect(await c.say('check my booking')).toMatch(ASKS_FOR_REFERENCE);
    const text = said.replace('{pnr}', written(b.pnr));
    expectReply(await c.say(text), new RegExp(`${b.pnr}[\\s\\S]*Cancel booking`), text);
    expect(c.sms()).toContain(b.pnr);
  });

  it.each([
    ['cancel my booking', /Cancel booking [2-9A-HJKMNP-Z]{6}\?|refund|cancel/i],
    ['I want to change my seat', /seat/i],
    ['show me my booking again', /Cancel booking/],
  ])('found once, "%s" later in the conversation does not ask for the reference again', async (said, expected) => {
    const b = await hold(h.t, ada);
    const c = chat(h);
    await c.say('I want to check my booking');
    await c.say(`${b.pnr} Lovelace`);
    expect(await c.say('Done')).toMatch(/Anything else/);
    const reply = await c.say(said);
    expect(reply).not.toMatch(ASKS_FOR_REFERENCE);
    expect(reply).toMatch(expected);
  });

  it('"ok yes cancel it" confirms a cancellation; "where\'s my refund?" then answers from the booking', async () => {
    const b = await hold(h.t, ada);
    await pay(h.t, ada, b.pnr);
    await drain(h.t);
    const c = chat(h);
    await c.say(`cancel my booking ${b.pnr}`);
    expect(await c.say('Lovelace')).toMatch(/refund/i);
    expect(await c.say('ok yes cancel it')).toMatch(/^Cancelled\. A refund of/);
    await drain(h.t);
    const refund = await c.say("where's my refund?");
    expect(refund).toMatch(new RegExp(`^Booking ${b.pnr}: A refund of \\S+ (is on its way|has been paid back)`));
    expect(refund).not.toMatch(ASKS_FOR_REFERENCE);
  });

  it.each(["where's my refund?", 'has my refund come through yet?', 'what is the status of my refund'])(
    '"%s" in a new conversation asks for the booking, then answers with its refund',
    async (said) => {
      const b = await hold(h.t, ada);
      const c = chat(h);
      expect(await c.say(said)).toMatch(ASKS_FOR_REFERENCE);
      expect(await c.say(`${b.pnr} Lovelace`)).toMatch(
        new RegExp(`^Booking ${b.pnr} is held, so there is no refund on it\\.`),
      );
    },
  );

  it('"what\'s the refund policy?" is still the help article, not a booking', async () => {
    expect(await chat(h).say("what's the refund policy?")).toMatch(/How much do I get back if I cancel\?/);
  });
});
