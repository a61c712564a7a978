import { renderSms } from '../../../cards/sms/render';
import { renderText } from '../../../cards/text/render';
import { MainDialog } from '../../../dialogs/main.dialog';
import { pax, seatMapSeats } from '../../helpers/api-helpers';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import {
  Chat,
  dialogDeps,
  freeSeat,
  hold,
  pay,
  type Traveller,
  traveller,
  type Turn,
} from '../../unit/dialogs/manage-booking.harness';

/**
 * Special requests in the chat (meals, wheelchair, a pet in the cabin), under the main dialog: each path's
 * replies checked in the text and the SMS renderings (what a Web Chat, Slack or SMS traveller reads).
 */
describe('special requests in the chat (sqlite)', () => {
  let t: TestApp;
  let ada: Traveller;
  beforeAll(async () => {
    t = await createTestApp({ days: 20, env: { PETS_IN_CABIN_PER_FLIGHT: '1' } });
    ada = await traveller(t);
  }, 60_000);
  afterAll(() => t.close());

  const chat = () => {
    const env = dialogDeps(t);
    return new Chat(env, new MainDialog(env.deps), {}, ada.identity);
  };
  const requestsOf = async (pnr: string) =>
    (await t.services.specialRequests.list(pnr, ada.actor)).requests.map((r) => `${r.passenger}:${r.code}`).sort();

  it('adds wheelchair assistance after an explicit yes, and the booking shows it', async () => {
    const b = await hold(t, ada, { days: 9 });
    const c = chat();
    const ask = await c.send(`I need a wheelchair at the airport for booking ${b.pnr}`);
    expectBoth(ask, 'Add a wheelchair to the aircraft door, can climb steps (WCHR) for Ada Lovelace on');
    expectBoth(ask, 'Shall I go ahead?');
    expect(await requestsOf(b.pnr)).toEqual([]);
    const done = await c.send('yes');
    expectBoth(done, 'Done. Added a wheelchair to the aircraft door, can climb steps (WCHR) for Ada Lovelace');
    expect(done.cards).toEqual(['booking']);
    expectBoth(done, '(WCHR)');
    expect(await requestsOf(b.pnr)).toEqual(['0:WCHR']);
  });

  it('asks whom a meal is for, takes "everyone", and a no leaves the booking as it was', async () => {
    const b = await hold(t, ada, { days: 10, extra: [pax('Byron', 'Lovelace', '1990-02-02')] });
    const c = chat();
    const who = await c.send(`can I get a vegetarian meal on ${b.pnr}?`);
    expectBoth(who, 'Who is it for?');
    expectBoth(who, 'Everyone');
    const confirm = await c.send('for everyone');
    expectBoth(confirm, 'Add a vegetarian meal, vegan (VGML) for Ada Lovelace');
    expectBoth(confirm, 'Add a vegetarian meal, vegan (VGML) for Byron Lovelace');
    expectBoth(await c.send('yes'), 'Done.');
    expect(await requestsOf(b.pnr)).toEqual(['0:VGML', '1:VGML']);
    // A second meal replaces the first (one meal per passenger and flight), and saying no changes nothing.
    const again = chat();
    await again.send(`kosher meal please for ${b.pnr}`);
    const swap = await again.send('Byron');
    expectBoth(swap, 'Add a kosher meal (KSML) for Byron Lovelace on');
    expectBoth(swap, 'instead of a vegetarian meal, vegan (VGML)');
    expectBoth(await again.send('no'), 'OK, your special requests stay as they are.');
    expect(await requestsOf(b.pnr)).toEqual(['0:VGML', '1:VGML']);
  });

  it('removes a meal request', async () => {
    const b = await hold(t, ada, { days: 11 });
    const flightId = b.flights[0]!.flightId;
    await t.services.specialRequests.replace(b.pnr, ada.actor, [{ passenger: 0, flightId, code: 'GFML' }]);
    const c = chat();
    const confirm = await c.send(`remove the meal request from ${b.pnr}`);
    expectBoth(confirm, 'Remove a gluten-free meal (GFML) for Ada Lovelace');
    expectBoth(await c.send('yes, go ahead'), 'Done. Removed a gluten-free meal (GFML)');
    expect(await requestsOf(b.pnr)).toEqual([]);
    const nothing = await chat().send(`remove the meal request from ${b.pnr}`);
    expectBoth(nothing, 'There is no meal request on booking');
  });

  it('explains a full pet cabin and offers an agent or keeping the booking', async () => {
    const other = await hold(t, ada, { days: 12 });
    const flightId = other.flights[0]!.flightId;
    await t.services.specialRequests.replace(other.pnr, ada.actor, [{ passenger: 0, flightId, code: 'PETC' }]);
    const b = await hold(t, ada, { days: 12 });
    expect(b.flights[0]!.flightId).toBe(flightId);
    const c = chat();
    expectBoth(await c.send(`I'm travelling with my cat, booking ${b.pnr}`), 'Add a pet in the cabin (PETC)');
    const refused = await c.send('yes');
    expectBoth(refused, 'the pet places in the cabin of');
    expectBoth(refused, 'one of our team can look at moving you');
    expectBoth(refused, 'Talk to an agent');
    expectBoth(await c.send('Keep booking as is'), 'OK, your special requests stay as they are.');
    expect(await requestsOf(b.pnr)).toEqual([]);
    // The other way forward: a person. The case is opened with what the traveller says about it.
    const toAgent = chat();
    await toAgent.send(`we are flying with our dog, booking ${b.pnr}`);
    await toAgent.send('yes');
    expectBoth(await toAgent.send('Talk to an agent'), 'what do you need help with?');
    expectBoth(await toAgent.send('the dog must come in the cabin'), 'passed your request on to our support team');
  });

  it('offers a seat change for a wheelchair on an exit-row seat, then adds it', async () => {
    const days = 13;
    const probe = await hold(t, ada, { days });
    const flightId = probe.flights[0]!.flightId;
    const exit = (await seatMapSeats(t, flightId)).find((s) => s.tier === 'exit_row' && s.available)!;
    const b = await hold(t, ada, { days, seat: exit.designator });
    await pay(t, ada, b.pnr);
    const c = chat();
    await c.send(`I use a wheelchair, booking ${b.pnr}`);
    const refused = await c.send('yes');
    expectBoth(refused, `Ada Lovelace is in an exit-row seat (${exit.designator})`);
    expectBoth(refused, 'Change seat');
    const seatQuestion = await c.send('Change seat');
    expect(seatQuestion.text).toMatch(/seat/i);
    const free = await freeSeat(t, b);
    let turn = await c.send(free);
    for (let i = 0; i < 2 && !turn.text.includes('Shall I go ahead?'); i++) turn = await c.send('yes');
    expectBoth(turn, `now in ${free}`);
    expectBoth(turn, 'Add a wheelchair to the aircraft door');
    expectBoth(await c.send('yes'), 'Done. Added a wheelchair');
    expect(await requestsOf(b.pnr)).toEqual(['0:WCHR']);
  });

  it('is on the booking menu, with a choice of meals', async () => {
    const b = await hold(t, ada, { days: 14 });
    const c = chat();
    expectBoth(await c.send(`show me booking ${b.pnr}`), 'Special requests');
    const what = await c.send('Special requests');
    expectBoth(what, 'Which special request would you like?');
    expectBoth(await c.send('Another meal'), 'Which meal would you like?');
    expectBoth(await c.send('Kosher meal'), 'Add a kosher meal (KSML) for Ada Lovelace');
    expectBoth(await c.send('yes'), 'Done. Added a kosher meal (KSML)');
  });

  it('while booking a trip, says the request is added once the seats are held, and goes on', async () => {
    const c = chat();
    const first = await c.send('Heathrow to Paris one way');
    const aside = await c.send('I need a wheelchair');
    expectBoth(aside, 'added to a booking once its seats are held');
    expect(aside.text).toContain(first.messages[first.messages.length - 1]!.text.split('\n')[0]!);
  });
});

/** The reply, as a text channel (Web Chat's text, Slack) and SMS show it, carries `part`. */
function expectBoth(turn: Turn, part: string): void {
  const text = turn.messages.map((m) => renderText(m)).join('\n');
  const sms = turn.messages.flatMap((m) => renderSms(m)).join('\n');
  expect(`${turn.text}\n${text}`).toContain(part);
  expect(sms.replace(/\s+/g, ' ')).toContain(part.replace(/\s+/g, ' '));
}
