import type { Choice } from '../types';
import {
  ADAPTIVE_CARD_VERSION,
  type AcAction,
  type AcColumn,
  type AcElement,
  type AcFactSet,
  type AcSubmitAction,
  type AcTextBlock,
  type AdaptiveCardJson,
} from './schema';

/** Small builders for Adaptive Card JSON. */

/** A wrapping TextBlock. */
export function text(value: string, extra: Omit<Partial<AcTextBlock>, 'type' | 'text'> = {}): AcTextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...extra };
}

/** A heading TextBlock (rendered as a heading for screen readers). */
export function heading(value: string, size: AcTextBlock['size'] = 'medium'): AcTextBlock {
  return text(value, { style: 'heading', size, weight: 'bolder' });
}

/** A subtle, smaller line. */
export function subtle(value: string, extra: Omit<Partial<AcTextBlock>, 'type' | 'text'> = {}): AcTextBlock {
  return text(value, { isSubtle: true, spacing: 'none', ...extra });
}

/** A red error line under a field. */
export function errorText(value: string): AcTextBlock {
  return text(value, { color: 'attention', size: 'small', spacing: 'small' });
}

/** A FactSet from label/value pairs. */
export function facts(rows: { label: string; value: string }[]): AcFactSet {
  return { type: 'FactSet', facts: rows.map((r) => ({ title: r.label, value: r.value })) };
}

/** An Action.Submit that sends `{ choice }`. */
export function submitChoice(title: string, choice: string, style?: AcSubmitAction['style']): AcSubmitAction {
  return { type: 'Action.Submit', title, data: { choice }, ...(style ? { style } : {}) };
}

/** One Action.Submit per choice (the first styled positive when asked). */
export function choiceActions(choices: Choice[], firstPositive = false): AcSubmitAction[] {
  return choices.map((c, i) => submitChoice(c.label, c.value, firstPositive && i === 0 ? 'positive' : undefined));
}

/** A column with items. */
export function column(
  items: AcElement[],
  width: AcColumn['width'] = 'stretch',
  extra: Omit<Partial<AcColumn>, 'type' | 'items' | 'width'> = {},
): AcColumn {
  return { type: 'Column', width, items, ...extra };
}

/** A row with a label on the left and a value on the right. */
export function labelValue(label: string, value: string, bold = false): AcElement {
  const weight = bold ? 'bolder' : 'default';
  return {
    type: 'ColumnSet',
    spacing: 'small',
    columns: [
      column([text(label, { weight })]),
      column([text(value, { weight, horizontalAlignment: 'right' })], 'auto'),
    ],
  };
}

/** The card envelope. */
export function card(body: AcElement[], actions: AcAction[] = [], fallbackText?: string): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    body,
    ...(actions.length ? { actions } : {}),
    ...(fallbackText ? { fallbackText } : {}),
  };
}
