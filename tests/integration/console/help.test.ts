import { expectError } from '../../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

describe.each(DB_TARGETS)('console: help articles (%s)', (target) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let traveller: string;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 3, env: { ACCESS_TOKEN_MINUTES: '1440' } });
    [admin, agent, traveller] = await Promise.all([t.token('admin'), t.token('agent'), t.token('traveller')]);
  }, 60_000);
  afterAll(() => t.close());

  const call = (method: 'get' | 'post' | 'put' | 'delete', token: string, path: string, body?: object) =>
    t.http[method](`/api/v1/console${path}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body ?? {});
  const draft = {
    topic: 'sports',
    question: 'Can I bring my theremin?',
    answer: 'A theremin travels as a fragile item; call {supportPhone} to add one.',
    keywords: ['theremin'],
  };

  test('only admins read and change help articles', async () => {
    for (const [token, code] of [
      [traveller, 'not_an_agent'],
      [agent, 'forbidden'],
    ] as const) {
      expectError(await call('get', token, '/help'), 403, code);
      expectError(await call('put', token, '/help/theremin/draft', draft), 403, code);
      expectError(await call('post', token, '/help/theremin/publish'), 403, code);
      expectError(await call('get', token, '/help-insights'), 403, code);
    }
    expectError(await call('put', admin, '/help/Not A Slug/draft', draft), 400, 'invalid_request');
    expectError(await call('put', admin, '/help/theremin/draft', { ...draft, answer: 'x' }), 400, 'invalid_request');
  });

  test('a draft is previewed, travellers read it only once published, and every version is kept', async () => {
    const preview = await call('post', admin, '/help/theremin/preview', draft);
    expect(preview.status).toBe(200);
    expect(preview.body.answer).not.toContain('{supportPhone}');

    expect((await call('put', admin, '/help/theremin/draft', draft)).body.draft).toMatchObject({
      question: draft.question,
    });
    expect((await t.services.faq.ask('my theremin', null, 'webchat')).map((a) => a.slug)).not.toContain('theremin');
    const list = (await call('get', admin, '/help')).body.items;
    expect(list).toContainEqual(expect.objectContaining({ slug: 'theremin', version: null }));

    const v1 = await call('post', admin, '/help/theremin/publish');
    expect(v1.body).toMatchObject({ slug: 'theremin', version: 1 });
    expect((await t.services.faq.ask('my theremin', null, 'webchat'))[0]?.slug).toBe('theremin');
    expectError(await call('post', admin, '/help/theremin/publish'), 404, 'article_not_found');

    await call('put', admin, '/help/theremin/draft', { ...draft, question: 'Can I bring a theremin or two?' });
    expect((await t.services.faq.get('theremin')).question).toBe(draft.question);
    const v2 = await call('post', admin, '/help/theremin/publish');
    expect(v2.body).toMatchObject({ version: 2, question: 'Can I bring a theremin or two?' });
    const detail = (await call('get', admin, '/help/theremin')).body;
    expect(detail.draft).toBeNull();
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const audit = await t.services.repos.ops.auditFor('faq_article', 'theremin');
    expect(audit.map((a) => a.action)).toEqual([
      'help.draft_saved',
      'help.published',
      'help.draft_saved',
      'help.published',
    ]);
    expect(audit[1]!.data).toMatchObject({ services: [{ action: 'faq.created' }] });
  });

  test('discarding a draft leaves the published text', async () => {
    await call('put', admin, '/help/theremin/draft', { ...draft, question: 'A change I do not want' });
    expect((await call('delete', admin, '/help/theremin/draft')).status).toBe(204);
    expect((await call('get', admin, '/help/theremin')).body.draft).toBeNull();
    expectError(await call('delete', admin, '/help/theremin/draft'), 404, 'article_not_found');
  });

  test('insights: the articles asked for most, and the questions nothing answered (without numbers)', async () => {
    await t.services.faq.ask('my theremin comes too', null, 'webchat');
    await t.services.faq.ask('zebra crossing permit 4111111111111111', null, 'sms');
    await t.services.faq.ask('zebra crossing permit', null, 'webchat');
    const today = t.clock.now().toISOString().slice(0, 10);
    const body = (await call('get', admin, `/help-insights?from=${today}&to=${today}`)).body;
    expect(body.mostAsked).toContainEqual({ slug: 'theremin', question: 'Can I bring a theremin or two?', asks: 2 });
    expect(body.unanswered).toContainEqual({ words: 'zebra cross permit', asks: 2 });
    expect(JSON.stringify(body)).not.toContain('4111');
  });
});
