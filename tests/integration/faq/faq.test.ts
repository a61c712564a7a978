import { bearer, countRows, expectError } from '../../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

describe.each(DB_TARGETS)('help articles (%s)', (target) => {
  let t: TestApp;
  let admin: string;
  let traveller: string;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 2 });
    admin = await t.token('admin');
    traveller = await t.token('traveller');
  }, 60_000);
  afterAll(() => t.close());

  const article = {
    topic: 'baggage',
    question: 'Can I take a musical instrument?',
    answer: 'Small instruments fit as your cabin bag; a cello needs its own seat.',
    keywords: ['violin', 'guitar', 'cello', 'instrument'],
  };

  it('the demo seed loads at least 15 articles, and seeding again changes nothing', async () => {
    const r = await t.http.get('/api/v1/faq');
    expect(r.status).toBe(200);
    expect(r.body.articles.length).toBeGreaterThanOrEqual(15);
    expect(new Set(r.body.articles.map((a: { topic: string }) => a.topic))).toEqual(
      new Set([
        'baggage',
        'check_in',
        'changes',
        'refund',
        'payment',
        'seats',
        'children',
        'assistance',
        'contact',
        'tickets',
        'privacy',
      ]),
    );
    const before = await countRows(t, 'faq_articles');
    expect(await t.services.seeder.seedFaq()).toBe(0);
    await t.services.seeder.seedReference();
    expect(await countRows(t, 'faq_articles')).toBe(before);
  });

  it('searches publicly by question and by topic', async () => {
    const r = await t.http.get('/api/v1/faq').query({ q: 'how many bags can I take' });
    expect(r.status).toBe(200);
    expect(r.body.articles[0]).toMatchObject({
      slug: 'baggage-allowance',
      topic: 'baggage',
      question: expect.any(String),
      answer: expect.stringContaining('Flex'),
    });
    const topic = await t.http.get('/api/v1/faq').query({ topic: 'check_in' });
    expect(topic.body.articles.map((a: { slug: string }) => a.slug)).toEqual(['online-check-in', 'airport-times']);
    const hold = await t.http.get('/api/v1/faq/seat-hold');
    expect(hold.status).toBe(200);
    expect(hold.body.answer).toContain(`${t.services.config.HOLD_MINUTES} minutes`);
  });

  it('refuses bad queries and unknown slugs', async () => {
    expectError(await t.http.get('/api/v1/faq').query({ query: 'bags' }), 400, 'invalid_request');
    expectError(await t.http.get('/api/v1/faq').query({ topic: 'Baggage!' }), 400, 'invalid_request');
    expectError(await t.http.get('/api/v1/faq/Not_A_Slug'), 400, 'invalid_request');
    expectError(await t.http.get('/api/v1/faq/no-such-article'), 404, 'article_not_found');
  });

  it('only admins write: anonymous 401, travellers 403', async () => {
    expectError(await t.http.put('/api/v1/faq/instruments').send(article), 401, 'sign_in_required');
    expectError(await t.http.put('/api/v1/faq/instruments').set(bearer(traveller)).send(article), 403, 'forbidden');
    expectError(await t.http.delete('/api/v1/faq/baggage-allowance').set(bearer(traveller)), 403, 'forbidden');
    expect((await t.http.get('/api/v1/faq/baggage-allowance')).status).toBe(200);
  });

  it('validates article bodies strictly (400)', async () => {
    const put = (body: object) => t.http.put('/api/v1/faq/instruments').set(bearer(admin)).send(body);
    expectError(await put({ ...article, extra: true }), 400, 'invalid_request');
    expectError(await put({ ...article, answer: 'short' }), 400, 'invalid_request');
    expectError(await put({ ...article, topic: 'Bag Gage' }), 400, 'invalid_request');
    expectError(await put({ question: article.question }), 400, 'invalid_request');
  });

  it('admins create, update and delete articles; each change is audited and searchable at once', async () => {
    const created = await t.http.put('/api/v1/faq/instruments').set(bearer(admin)).send(article);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'instruments', topic: 'baggage', keywords: article.keywords });
    expect((await t.http.get('/api/v1/faq').query({ q: 'can I bring my guitar' })).body.articles[0].slug).toBe(
      'instruments',
    );

    const updated = await t.http
      .put('/api/v1/faq/instruments')
      .set(bearer(admin))
      .send({ ...article, question: 'Can I fly with a musical instrument?', position: 9 });
    expect(updated.status).toBe(200);
    expect((await t.http.get('/api/v1/faq/instruments')).body).toMatchObject({
      question: 'Can I fly with a musical instrument?',
      position: 9,
    });

    expect((await t.http.delete('/api/v1/faq/instruments').set(bearer(admin))).status).toBe(204);
    expectError(await t.http.get('/api/v1/faq/instruments'), 404, 'article_not_found');
    expectError(await t.http.delete('/api/v1/faq/instruments').set(bearer(admin)), 404, 'article_not_found');
    const audit = await t.services.repos.ops.auditFor('faq_article', 'instruments');
    expect(audit.map((a) => a.action)).toEqual(['faq.created', 'faq.updated', 'faq.deleted']);
    expect(audit.every((a) => a.actorRole === 'admin' && a.actorUserId !== null)).toBe(true);
  });

  it("re-seeding keeps an admin's edit of a seeded article", async () => {
    await t.http.put('/api/v1/faq/pets').set(bearer(admin)).send({
      topic: 'assistance',
      question: 'Can I bring my pet?',
      answer: 'Only assistance dogs, and only in the cabin.',
    });
    await t.services.seeder.seedReference();
    expect((await t.http.get('/api/v1/faq/pets')).body.answer).toBe('Only assistance dogs, and only in the cabin.');
  });

  it('/help lists every article by topic with anchors, escaped, under the page CSP', async () => {
    await t.http.put('/api/v1/faq/odd-characters').set(bearer(admin)).send({
      topic: 'contact',
      question: 'Is <b>this</b> escaped?',
      answer: 'Yes: <script>alert(1)</script> stays text.',
    });
    const r = await t.http.get('/help');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    const all = (await t.http.get('/api/v1/faq')).body.articles as { slug: string }[];
    for (const a of all) expect(r.text).toContain(`id="${a.slug}"`);
    expect(r.text).toContain('<h2>Baggage</h2>');
    expect(r.text.indexOf('id="baggage-allowance"')).toBeLessThan(r.text.indexOf('id="online-check-in"'));
    expect(r.text).toContain('<strong>Basic</strong>');
    expect(r.text).not.toContain('<script>');
    expect(r.text).toContain('&lt;script&gt;');
    expect(r.text).toContain(t.services.config.SUPPORT_EMAIL);
  });
});
