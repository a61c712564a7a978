import type * as AC from 'adaptivecards';
import { ADAPTIVE_CARD_CONTENT_TYPE, adaptiveCard, renderAdaptive } from '../../../cards';
import type { AdaptiveCardJson } from '../../../cards/adaptive/schema';
import type { BotMessage, CardView } from '../../../cards/types';
import { AdaptiveCards, adaptiveCardProblems, parsedActions } from './adaptive-lib';
import { narrowBody, wideBody } from './fixtures';
import { MESSAGES } from './messages';

const cardOf = (m: BotMessage): AdaptiveCardJson => {
  const r = renderAdaptive(m, { now: new Date('2026-11-01T10:05:00Z') });
  expect(r.attachments).toHaveLength(1);
  expect(r.attachments[0]!.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
  return r.attachments[0]!.content as AdaptiveCardJson;
};

const submits = (json: object): Record<string, unknown>[] =>
  parsedActions(json)
    .filter((a): a is AC.SubmitAction => a.getJsonTypeName() === 'Action.Submit')
    .map((a) => a.data as Record<string, unknown>);

const withCard = Object.entries(MESSAGES).filter(([, m]) => m.card);

describe.each(withCard)('%s', (_name, message) => {
  const json = cardOf(message);

  test('parses and validates with the adaptivecards library without a single problem', () => {
    expect(adaptiveCardProblems(json)).toEqual([]);
  });

  test('declares a version Web Chat 4.18 renders (≤ 1.5)', () => {
    expect(json.version).toBe('1.5');
    const parsed = new AdaptiveCards.AdaptiveCard();
    parsed.parse(json);
    expect(parsed.version.major).toBe(1);
    expect(parsed.version.minor).toBeLessThanOrEqual(5);
  });

  test('every Action.Submit sends a choice or a form, nothing else', () => {
    for (const data of submits(json)) {
      const keys = Object.keys(data).sort();
      expect([['choice'], ['form']]).toContainEqual(keys);
      if ('choice' in data) expect(typeof data.choice).toBe('string');
    }
  });

  test('every ToggleVisibility target exists in the card', () => {
    const parsed = new AdaptiveCards.AdaptiveCard();
    parsed.parse(json);
    for (const a of parsed.getAllActions()) {
      if (!(a instanceof AdaptiveCards.ToggleVisibilityAction)) continue;
      for (const id of Object.keys(a.targetElements)) expect(parsed.getElementById(id)).toBeDefined();
    }
  });
});

describe('choices', () => {
  test('flight list: a Select per offer with its choice, and More flights', () => {
    const data = submits(cardOf(MESSAGES.flight_list!)).map((d) => d.choice);
    expect(data.sort()).toEqual(['more', 'offer:o1', 'offer:o2', 'offer:o3']);
  });

  test('message choices the card does not show become imBack suggested actions', () => {
    const r = renderAdaptive(MESSAGES.flight_list!);
    expect(r.suggestedActions?.actions).toEqual([{ type: 'imBack', title: 'Other dates', value: 'Other dates' }]);
    expect(renderAdaptive(MESSAGES.text_only!)).toMatchObject({
      attachments: [],
      suggestedActions: { actions: [{ title: 'Book a flight' }, { title: 'Manage a booking' }] },
    });
  });

  test('review: "Confirm and pay" and "Change something" are buttons in the card, not suggestions', () => {
    const r = renderAdaptive(MESSAGES.review!);
    expect(submits(r.attachments[0]!.content as object)).toEqual([{ choice: 'confirm' }, { choice: 'change' }]);
    expect(r.suggestedActions).toBeUndefined();
    expect((r.attachments[0]!.content as AdaptiveCardJson).actions?.[0]).toMatchObject({
      title: 'Confirm and pay',
      style: 'positive',
    });
  });

  test('price calendar: only dates with a choice are buttons', () => {
    const data = submits(cardOf(MESSAGES.price_calendar!));
    expect(data).toHaveLength(6);
    expect(data).toContainEqual({ choice: 'date:2026-12-01' });
    expect(data).not.toContainEqual({ choice: 'date:2026-12-03' });
  });

  test('fare options: one Select per fare; "3 seats left" shown when low', () => {
    const json = cardOf(MESSAGES.fare_options!);
    expect(submits(json)).toEqual([{ choice: 'fare:basic' }, { choice: 'fare:standard' }, { choice: 'fare:flex' }]);
    expect(JSON.stringify(json)).toContain('3 seats left');
    expect(JSON.stringify(json)).toContain('£467');
  });
});

describe('seat map', () => {
  const seatView = (seatMap: typeof narrowBody, chosen: string[]): CardView => ({
    kind: 'seat_map',
    seatMap,
    flightLabel: seatMap.flightNumber,
    passengerName: 'Ada Lovelace',
    chosen,
    cabin: 'economy',
  });

  test.each([
    ['3-3', narrowBody, ['12A']],
    ['3-4-3', wideBody, ['35C']],
  ] as const)('%s: exactly the free seats are actionable; taken and chosen seats are not', (_n, map, chosen) => {
    const json = adaptiveCard(seatView(map, [...chosen]));
    expect(adaptiveCardProblems(json)).toEqual([]);
    const actionable = submits(json).map((d) => d.choice);
    const cabin = map.cabins.find((c) => c.cabin === 'economy')!;
    const seats = cabin.rows.flatMap((r) => r.seats);
    const free = seats
      .filter((s) => s.available && !(chosen as readonly string[]).includes(s.designator))
      .map((s) => `seat:${s.designator}`);
    expect(actionable.sort()).toEqual(free.sort());
    for (const s of seats.filter((x) => !x.available)) expect(actionable).not.toContain(`seat:${s.designator}`);
    for (const c of chosen) expect(actionable).not.toContain(`seat:${c}`);
  });

  test('every row lines up: one column per seat letter or aisle, plus the row number', () => {
    const json = adaptiveCard(seatView(wideBody, []));
    const text = JSON.stringify(json);
    const rows = [...text.matchAll(/"columns":\[\{"type":"Column","width":3/g)];
    expect(rows.length).toBeGreaterThan(29); // 29 rows + a header per section
    const parsed = new AdaptiveCards.AdaptiveCard();
    parsed.parse(json);
    const section = parsed.getElementById('seat-rows-1') as AC.Container;
    const sets = [...Array(section.getItemCount()).keys()]
      .map((i) => section.getItemAt(i))
      .filter((e): e is AC.ColumnSet => e instanceof AdaptiveCards.ColumnSet);
    const grid = sets.filter((s) => s.getItemCount() === 13); // row number + 10 seats + 2 aisles
    expect(grid.length).toBeGreaterThanOrEqual(10);
  });

  test('long cabins are split into sections of at most 12 rows, one visible, switched by tabs', () => {
    const json = adaptiveCard(seatView(wideBody, []));
    const sections = json.body.filter((e) => e.type === 'Container' && e.id?.startsWith('seat-rows-'));
    expect(sections).toHaveLength(3); // 29 rows → 10 + 10 + 9
    expect(sections.filter((s) => s.isVisible !== false)).toHaveLength(1);
    const toggles = parsedActions(json).filter((a) => a instanceof AdaptiveCards.ToggleVisibilityAction);
    expect(toggles).toHaveLength(6); // each section links to the two others
  });

  test('the section with the chosen seat is the one shown first', () => {
    const json = adaptiveCard(seatView(wideBody, ['50A']));
    const visible = json.body.find(
      (e) => e.type === 'Container' && e.id?.startsWith('seat-rows-') && e.isVisible !== false,
    );
    expect(visible?.id).toBe('seat-rows-3');
  });

  test('the legend names each tier with its price; the card stays well under the activity size limit', () => {
    const json = adaptiveCard(seatView(wideBody, []));
    const text = JSON.stringify(json);
    for (const label of ['Standard free', 'Preferred £12', 'Extra legroom £45', 'Exit row £45', 'Taken'])
      expect(text).toContain(label);
    expect(text.length).toBeLessThan(120_000);
  });
});

describe('forms', () => {
  test('passenger form: required inputs with ids, values, error in red, submit { form: "passenger" }', () => {
    const json = cardOf(MESSAGES.passenger_form!);
    const parsed = new AdaptiveCards.AdaptiveCard();
    parsed.parse(json);
    const inputs = parsed.getAllInputs();
    expect(inputs.map((i) => i.id)).toEqual(['firstName', 'lastName', 'dateOfBirth']);
    for (const i of inputs) {
      expect(i.isRequired).toBe(true);
      expect(i.errorMessage).toBeTruthy();
    }
    expect((inputs[0] as AC.TextInput).defaultValue).toBe('Byron');
    expect(inputs[2]).toBeInstanceOf(AdaptiveCards.DateInput);
    expect((inputs[2] as AC.DateInput).defaultValue).toBe('2018-05-01');
    expect(json.body).toContainEqual(
      expect.objectContaining({ type: 'TextBlock', text: 'Please enter the last name.', color: 'attention' }),
    );
    expect(submits(json)).toEqual([{ form: 'passenger' }]);
    expect(JSON.stringify(json)).toContain('Passenger 2 of 2');
  });

  test('contact form: email and phone inputs, submit { form: "contact" }', () => {
    const json = cardOf(MESSAGES.contact_form!);
    const parsed = new AdaptiveCards.AdaptiveCard();
    parsed.parse(json);
    expect(parsed.getAllInputs().map((i) => i.id)).toEqual(['email', 'phone']);
    expect(submits(json)).toEqual([{ form: 'contact' }]);
    expect(json.body).toContainEqual(
      expect.objectContaining({ text: 'That email address looks incomplete.', color: 'attention' }),
    );
  });
});

describe('links and content', () => {
  const openUrls = (json: object) =>
    parsedActions(json).filter((a): a is AC.OpenUrlAction => a instanceof AdaptiveCards.OpenUrlAction);

  test('payment link: "Pay now" opens the URL; the expiry is in words', () => {
    const json = cardOf(MESSAGES.payment_link!);
    expect(openUrls(json).map((a) => [a.title, a.url])).toEqual([['Pay now', 'https://pay.example.com/p/abc']]);
    expect(JSON.stringify(json)).toContain('expires in 25 minutes');
  });

  test('confirmation: PNR, ticket numbers and the e-ticket download', () => {
    const json = cardOf(MESSAGES.confirmation!);
    const text = JSON.stringify(json);
    expect(text).toContain('K7QX2M');
    expect(text).toContain('125-2400000001');
    expect(text).toContain('19:00–07:05 +1');
    expect(openUrls(json).map((a) => a.title)).toEqual(['Download e-ticket (PDF)']);
  });

  test('review: itinerary per direction, seats, conditions and the price breakdown', () => {
    const text = JSON.stringify(cardOf(MESSAGES.review!));
    for (const part of [
      'Outbound · Tue 1 Dec',
      'Return · Tue 8 Dec',
      'BA117 12A, BA118 31A',
      'Changes £60 per passenger',
      'Taxes and fees',
      '£249.40',
      '£1,304.40',
    ]) {
      expect(text).toContain(part);
    }
  });
});
