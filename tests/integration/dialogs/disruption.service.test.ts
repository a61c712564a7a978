import { renderSms } from '../../../cards/sms/render';
import { MainDialog } from '../../../dialogs/main.dialog';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { Chat, dialogDeps } from '../../unit/dialogs/manage-booking.harness';
import { paidOn, schedule, SYSTEM } from '../disruption/disruption-helpers';

/**
 * The disruption dialogs over the real disruption service (bot/disruption-api.ts): a cancelled flight's traveller
 * writes first, sees the service's offers with local times and offsets, confirms the same-day flight and gets the
 * reissued e-ticket; a delayed flight's traveller keeps it.
 */
describe('disruption dialogs over the disruption service (sqlite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ days: 6 });
  }, 60_000);
  afterAll(() => t.close());

  const chat = () => {
    const env = dialogDeps(t);
    return new Chat(env, new MainDialog(env.deps), {}, null);
  };

  it('a cancelled flight: offers from the service, rebooked on the chosen flight after a yes, new e-ticket', async () => {
    const s = await schedule(t);
    const b = await paidOn(t, s.disrupted);
    await t.services.disruptions.disrupt(SYSTEM, s.disrupted, { kind: 'cancelled', reason: 'crew shortage' });
    await t.services.disruptions.notifyDue();
    const c = chat();
    await c.send('my flight was cancelled, what now?');
    const offers = await c.send(`${b.pnr} Lovelace`);
    expect(offers.text).toMatch(/due to leave at 10:00 (UTC|\+\d\d:\d\d) on .*has been cancelled/);
    expect(offers.text).toMatch(/1\. BA\d+ \d\d:\d\d/);
    expect(offers.text).toContain('Full refund');
    const sms = offers.messages.flatMap((m) => renderSms(m)).join('\n');
    expect(sms).toMatch(/1\) BA\d+ /);
    const confirm = await c.send('the first one');
    expect(confirm.text).toContain(`To confirm: I'll move booking ${b.pnr}`);
    const done = await c.send('yes');
    expect(done.text).toContain(`Done: booking ${b.pnr} is now on`);
    expect(done.cards).toEqual(['confirmation']);
    const after = await t.services.disruptions.disruptionFor(SYSTEM, b.pnr);
    expect(after?.status).toBe('rebooked');
    expect(after?.choice?.kind).toBe('rebook');
  });

  it('a long delay: "that\'s fine, keep me on it" is confirmed and recorded as accepted', async () => {
    const s = await schedule(t, 3);
    const b = await paidOn(t, s.disrupted);
    await t.services.disruptions.disrupt(SYSTEM, s.disrupted, {
      kind: 'delayed',
      departureTime: '16:30',
      reason: 'fog',
    });
    await t.services.disruptions.notifyDue();
    const c = chat();
    const offers = await c.send(`is my flight delayed? ${b.pnr} Lovelace`);
    expect(offers.text).toMatch(/is delayed: it now leaves at 16:30/);
    expect(offers.text).toContain('Keep my flight');
    expect((await c.send("that's fine, keep me on it")).text).toContain('you stay on');
    expect((await c.send('yes')).text).toMatch(/OK, you stay on BA\d+, now leaving at 16:30/);
    expect((await t.services.disruptions.disruptionFor(SYSTEM, b.pnr))?.status).toBe('accepted');
  });
});
