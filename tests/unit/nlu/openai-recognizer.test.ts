import nock from 'nock';
import { seedGazetteer } from '../../../dialogs/nlu/default-gazetteer';
import type { LlmUnderstanding } from '../../../dialogs/nlu/llm-schema';
import { OpenAIRecognizer } from '../../../dialogs/nlu/openai-recognizer';
import { createRecognizer, OfflineRecognizer } from '../../../dialogs/nlu';
import { TODAY, recognizer as offline } from './helpers';

const API = 'https://api.openai.com';
const PATH = '/v1/chat/completions';

function completion(content: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1764000000,
    model: 'gpt-4o-mini',
    choices: [
      { index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal: null } },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

const answer = (over: Partial<LlmUnderstanding> = {}): LlmUnderstanding => ({
  intent: 'search_flights',
  confidence: 0.9,
  helpTopic: null,
  origin: { text: 'Paris', code: 'CDG' },
  destination: { text: 'Tokyo', code: 'TYO' },
  departDate: '2026-12-03',
  returnDate: '2026-12-10',
  tripType: 'round_trip',
  cabin: 'business',
  nonStop: null,
  departTime: null,
  returnTime: null,
  airlineCode: 'AF',
  passengers: { adults: 2, children: 0, infants: 0 },
  sort: null,
  flexDays: null,
  pnr: null,
  ...over,
});

const fallbacks: string[] = [];
const make = (timeoutMs = 1000) =>
  new OpenAIRecognizer({
    apiKey: 'sk-test',
    model: 'gpt-4o-mini',
    timeoutMs,
    fallback: offline,
    gazetteer: seedGazetteer(),
    onFallback: (r) => fallbacks.push(r),
  });

const TEXT = 'paris to tokyo dec 3 to 10, 2 of us, business, on air france';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  fallbacks.length = 0;
});
afterAll(() => nock.enableNetConnect());

describe('OpenAIRecognizer', () => {
  test('uses the structured answer, checked against the gazetteer', async () => {
    let body: {
      model?: string;
      response_format?: { type?: string; json_schema?: { name?: string; strict?: boolean } };
    } = {};
    const scope = nock(API)
      .post(PATH, (b: typeof body) => {
        body = b;
        return true;
      })
      .matchHeader('authorization', 'Bearer sk-test')
      .reply(200, completion(JSON.stringify(answer())));
    const u = await make().recognize(TEXT, { today: TODAY });
    expect(scope.isDone()).toBe(true);
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'understanding', strict: true },
    });
    expect(u).toMatchObject({
      intent: 'search_flights',
      origin: { codes: ['CDG'] },
      destination: { codes: ['TYO', 'HND', 'NRT'], ambiguous: true },
      departDate: '2026-12-03',
      returnDate: '2026-12-10',
      cabin: 'business',
      airline: { code: 'AF', name: 'Air France' },
      passengers: { adults: 2, children: 0, infants: 0 },
    });
    expect(fallbacks).toEqual([]);
  });

  test('suggestions that fail the checks keep the offline values', async () => {
    nock(API)
      .post(PATH)
      .reply(
        200,
        completion(
          JSON.stringify(
            answer({
              origin: { text: 'Atlantis', code: 'XXX' },
              departDate: '2020-01-01',
              airlineCode: 'Q9',
              pnr: 'ZZZ999',
            }),
          ),
        ),
      );
    const u = await make().recognize(TEXT, { today: TODAY });
    const base = offline.recognizeSync(TEXT, { today: TODAY });
    expect(u.origin).toEqual(base.origin);
    expect(u.departDate).toBe(base.departDate);
    expect(u.airline).toEqual(base.airline);
    expect(u.pnr).toBeNull();
  });

  test.each([
    [
      'a timeout',
      () =>
        nock(API)
          .post(PATH)
          .delay(300)
          .reply(200, completion(JSON.stringify(answer()))),
    ],
    [
      'an HTTP 500',
      () =>
        nock(API)
          .post(PATH)
          .reply(500, { error: { message: 'boom', type: 'server_error' } }),
    ],
    [
      'an HTTP 429',
      () =>
        nock(API)
          .post(PATH)
          .reply(429, { error: { message: 'slow down', type: 'rate_limit' } }),
    ],
    ['garbage JSON', () => nock(API).post(PATH).reply(200, completion('{"intent": "search_fli'))],
    [
      'a schema mismatch',
      () =>
        nock(API)
          .post(PATH)
          .reply(200, completion(JSON.stringify({ ...answer(), intent: 'book_flight' }))),
    ],
    ['an empty answer', () => nock(API).post(PATH).reply(200, completion(''))],
    ['a connection error', () => nock(API).post(PATH).replyWithError('socket hang up')],
  ])('falls back to the offline recognizer on %s', async (_name, arrange) => {
    const scope = arrange();
    const started = Date.now();
    const u = await make(100).recognize(TEXT, { today: TODAY });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(u).toEqual(offline.recognizeSync(TEXT, { today: TODAY }));
    expect(fallbacks).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  test('an empty message never reaches the network', async () => {
    const u = await make().recognize('  ', { today: TODAY });
    expect(u.intent).toBe('none');
  });
});

describe('createRecognizer', () => {
  test('offline without a key, OpenAI with one', () => {
    const gazetteer = seedGazetteer();
    expect(createRecognizer({ gazetteer })).toBeInstanceOf(OfflineRecognizer);
    expect(createRecognizer({ gazetteer, openai: { model: 'gpt-4o-mini', timeoutMs: 4000 } })).toBeInstanceOf(
      OfflineRecognizer,
    );
    expect(
      createRecognizer({ gazetteer, openai: { apiKey: 'sk-x', model: 'gpt-4o-mini', timeoutMs: 4000 } }).name,
    ).toBe('openai');
  });
});
