import { bearer, expectError } from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

/** GET /admin/feedback: admins only; count and average per kind, the latest ratings first. */
describe.each(DB_TARGETS)('feedback report (%s)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 2 });
  }, 60_000);
  afterAll(() => t.close());

  it('summarises ratings per kind for admins and refuses everyone else', async () => {
    const rate = (kind: 'booking' | 'case', rating: number) =>
      t.services.support.recordFeedback({
        conversationKey: `test:${rating}`,
        userId: null,
        kind,
        subject: 'X',
        rating,
      });
    await rate('booking', 5);
    await rate('booking', 4);
    await rate('case', 2);

    const [admin, agent, traveller] = await Promise.all([t.token('admin'), t.token('agent'), t.token('traveller')]);
    const r = await t.http.get('/api/v1/admin/feedback').set(bearer(admin));
    expect(r.status).toBe(200);
    expect(r.body.summary).toEqual([
      { kind: 'booking', count: 2, averageRating: 4.5 },
      { kind: 'cancellation', count: 0, averageRating: null },
      { kind: 'case', count: 1, averageRating: 2 },
      { kind: 'chat', count: 0, averageRating: null },
    ]);
    expect(r.body.items.map((i: { rating: number }) => i.rating)).toEqual([2, 4, 5]);

    for (const token of [agent, traveller])
      expectError(await t.http.get('/api/v1/admin/feedback').set(bearer(token)), 403, 'forbidden');
    expectError(await t.http.get('/api/v1/admin/feedback'), 401);
  });
});
