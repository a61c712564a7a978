import { renderSlack, SLACK_LIMITS, type SlackBlock } from '../../../cards';
import type { SlackElement } from '../../../cards/slack/blocks';
import type { BotMessage } from '../../../cards/types';
import { nonstop } from './fixtures';
import { MESSAGES } from './messages';

const elements = (blocks: SlackBlock[]): SlackElement[] =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements : b.type === 'section' && b.accessory ? [b.accessory] : []));

const texts = (blocks: SlackBlock[]): string[] =>
  blocks.flatMap((b) => {
    if (b.type === 'section') return [...(b.text ? [b.text.text] : []), ...(b.fields ?? []).map((f) => f.text)];
    if (b.type === 'header') return [b.text.text];
    if (b.type === 'context') return b.elements.map((e) => e.text);
    return [];
  });

/** Every Block Kit limit these messages can hit. */
function expectWithinLimits(blocks: SlackBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const b of blocks) {
    if (b.type === 'actions') {
      expect(b.elements.length).toBeGreaterThan(0);
      expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
    }
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    if (b.type === 'section' && b.fields) expect(b.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
    if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
  }
  for (const t of texts(blocks)) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  const ids = new Set<string>();
  for (const e of elements(blocks)) {
    expect(ids.has(e.action_id)).toBe(false);
    ids.add(e.action_id);
    if (e.type === 'button') {
      expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
      expect(e.value !== undefined || e.url !== undefined).toBe(true);
    } else {
      expect(e.placeholder.text.length).toBeLessThanOrEqual(SLACK_LIMITS.placeholder);
      const options = e.option_groups.flatMap((g) => g.options);
      expect(options.length).toBeGreaterThan(0);
      expect(options.length).toBeLessThanOrEqual(SLACK_LIMITS.selectOptions);
      for (const g of e.option_groups) expect(g.label.text.length).toBeLessThanOrEqual(SLACK_LIMITS.optionText);
      for (const o of options) expect(o.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.optionText);
    }
  }
}

describe.each(Object.entries(MESSAGES))('%s', (_name, message) => {
  const r = renderSlack(message, { now: new Date('2026-11-01T10:05:00Z') });

  test('respects the Block Kit limits', () => expectWithinLimits(r.blocks));

  test('has a fallback text and offers every choice as a button value', () => {
    expect(r.text).toBe(message.text);
    const values = elements(r.blocks).flatMap((e) => (e.type === 'button' && e.value ? [e.value] : []));
    for (const c of message.choices ?? []) expect(values).toContain(c.value);
  });
});

describe('seat maps', () => {
  test.each(['seat_map_narrow', 'seat_map_wide'])(
    '%s: a monospace grid and selects with exactly the free seats',
    (name) => {
      const message = MESSAGES[name]!;
      const view = message.card!;
      if (view.kind !== 'seat_map') throw new Error('not a seat map');
      const { blocks } = renderSlack(message);
      expect(texts(blocks).some((t) => t.startsWith('```') && t.includes('×'))).toBe(true);
      const offered = elements(blocks)
        .flatMap((e) =>
          e.type === 'static_select' ? e.option_groups.flatMap((g) => g.options.map((o) => o.value)) : [],
        )
        .sort();
      const cabin = view.seatMap.cabins.find((c) => c.cabin === 'economy')!;
      const free = cabin.rows.flatMap((r) => r.seats).filter((s) => s.available && !view.chosen.includes(s.designator));
      expect(offered).toEqual(free.map((s) => `seat:${s.designator}`).sort());
      expect(blocks.length).toBeLessThan(15);
    },
  );

  test('options are grouped by tier with the price in the group label', () => {
    const { blocks } = renderSlack(MESSAGES.seat_map_wide!);
    const labels = elements(blocks).flatMap((e) =>
      e.type === 'static_select' ? e.option_groups.map((g) => g.label.text) : [],
    );
    expect(labels).toEqual(
      expect.arrayContaining(['Standard · free', 'Preferred · £12', 'Extra legroom · £45', 'Exit row · £45']),
    );
  });
});

describe('limits under pressure', () => {
  test('60 offers and 40 choices still fit 50 blocks and 25 elements per actions block', () => {
    const message: BotMessage = {
      text: 'Lots',
      card: {
        kind: 'flight_list',
        direction: 'outbound',
        from: 'LHR',
        to: 'JFK',
        date: '2026-12-01',
        cabin: 'economy',
        passengers: 1,
        offers: Array.from({ length: 60 }, (_, i) => ({ offer: nonstop, choice: `offer:${i}` })),
        total: 200,
        more: 'more',
      },
      choices: Array.from({ length: 40 }, (_, i) => ({
        value: `c${i}`,
        label: `A rather long label number ${i} `.repeat(4),
      })),
    };
    const { blocks } = renderSlack(message);
    expectWithinLimits(blocks);
    const values = elements(blocks).flatMap((e) => (e.type === 'button' && e.value ? [e.value] : []));
    expect(values).toContain('c39');
  });

  test('a long article body is split into sections of at most 3,000 characters', () => {
    const body = Array.from({ length: 200 }, (_, i) => `Line ${i}: ${'x'.repeat(60)}`).join('\n');
    const { blocks } = renderSlack({ text: 'Read this', card: { kind: 'article', title: 'T'.repeat(200), body } });
    expectWithinLimits(blocks);
    expect(texts(blocks).join('\n')).toContain('Line 199');
  });
});

test('review: Confirm and pay is the primary button; payment link is a URL button', () => {
  const review = elements(renderSlack(MESSAGES.review!).blocks);
  expect(review[0]).toMatchObject({
    type: 'button',
    text: { text: 'Confirm and pay' },
    value: 'confirm',
    style: 'primary',
  });
  const pay = elements(renderSlack(MESSAGES.payment_link!).blocks);
  expect(pay).toEqual([
    expect.objectContaining({
      type: 'button',
      url: 'https://pay.example.com/p/abc',
      text: expect.objectContaining({ text: 'Pay now' }),
    }),
  ]);
});

test('forms are typed: the prompt says what to type and flags the error', () => {
  const t = texts(renderSlack(MESSAGES.passenger_form!).blocks).join('\n');
  expect(t).toContain('Type the second passenger');
  expect(t).toContain(':warning: Please enter the last name.');
});

test('text is escaped for mrkdwn', () => {
  const { blocks } = renderSlack({ text: 'Fish & <chips>' });
  expect(texts(blocks)).toEqual(['Fish &amp; &lt;chips&gt;']);
});

test('without message text the notification text falls back to the card', () => {
  expect(renderSlack({ text: '', card: MESSAGES.payment_link!.card }).text).toBe('Pay £1,304.40 for booking K7QX2M:');
});
