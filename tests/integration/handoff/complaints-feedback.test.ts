import { createBotHarness, type BotHarness } from '../../helpers/bot-harness';
import { DB_TARGETS } from '../../helpers/test-app';

/**
 * Complaints become support cases whose progress agents note; travellers can ask for their case's status;
 * ratings (1–5, optional comment) are stored for reporting.
 */
describe.each(DB_TARGETS)('complaints and feedback (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target });
  }, 60_000);
  afterAll(() => h.close());

  it('a complaint opens a case; the traveller hears its status as agents update it', async () => {
    const c = h.conversation();
    await c.say('this is ridiculous, I was charged twice and nobody helps');
    // No agents' channel here: the complaint is its own reason, and the contact is asked first.
    expect(c.lastText()).toMatch(/How can our team reach you\?/);
    await c.say('skip');
    expect(c.lastText()).toMatch(/sorry[\s\S]*case #\d+/i);
    const caseId = Number(/case #(\d+)/.exec(c.lastText())![1]);
    const kase = await h.t.services.support.get(caseId);
    expect(kase).toMatchObject({ kind: 'complaint', status: 'queued' });
    await c.say("what's the status of my complaint?");
    expect(c.lastText()).toMatch(new RegExp(`complaint #${caseId} .* is waiting for an agent`));
    const agent = await h.t.services.auth.createUser({
      email: 'sam.agent@example.com',
      password: 'a long agent password',
      firstName: 'Sam',
      lastName: 'Agent',
      role: 'agent',
    });
    await h.t.services.support.setProgress(
      caseId,
      { kind: 'user', userId: agent.id, role: 'agent' },
      'refund of the duplicate charge requested from the bank',
    );
    await c.say('any news on my case?');
    expect(c.lastText()).toMatch(/Latest from our team: refund of the duplicate charge requested from the bank/);
  });

  it('a traveller with no case is told so', async () => {
    const c = h.conversation();
    await c.say('status of my complaint');
    expect(c.lastText()).toMatch(/can't find a support case/);
  });

  it('a rating (and a comment) after a resolved case is stored for reporting', async () => {
    const c = h.conversation();
    await c.say('I want to talk to a person');
    await c.say('I need help with a refund');
    await c.say('kim.traveller@example.com');
    const caseId = Number(/case #(\d+)/.exec(c.lastText())![1]);
    const agent = await h.t.services.auth.createUser({
      email: `agent${caseId}@example.com`,
      password: 'a long agent password',
      firstName: 'Kim',
      lastName: 'Agent',
      role: 'agent',
    });
    const actor = { kind: 'user' as const, userId: agent.id, role: 'agent' as const };
    await h.runtime.handoff.takeOver(caseId, actor, 'Kim');
    await h.runtime.handoff.resolve(caseId, actor, 'Kim');
    expect(
      c
        .drain()
        .map((m) => m.text)
        .join('\n'),
    ).toMatch(/rate the help you got, from 1 \(poor\) to 5/);
    await c.say('4');
    expect(c.lastText()).toMatch(/Anything you would like to add/);
    await c.say('Kim was quick and kind');
    expect(c.lastText()).toMatch(/Thanks for your feedback/);
    const rows = await h.t.services.repos.support.feedback('case');
    expect(rows.find((f) => f.subject === `case:${caseId}`)).toMatchObject({
      rating: 4,
      comment: 'Kim was quick and kind',
    });
  });
});
