import { truncate } from '../shared/format';

/** Minimal Block Kit types (what these messages use) and builders that keep within Slack's limits. */

/** Block Kit limits these renderers respect. */
export const SLACK_LIMITS = {
  blocks: 50,
  actionsElements: 25,
  buttonText: 75,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  selectOptions: 100,
  optionText: 75,
  placeholder: 150,
  value: 2000,
} as const;

/** plain_text composition object. */
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

/** mrkdwn composition object. */
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}

/** Button element (value for choices, url for links). */
export interface SlackButton {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
}

/** Option of a select. */
export interface SlackOption {
  text: PlainText;
  value: string;
}

/** static_select element with option groups. */
export interface SlackStaticSelect {
  type: 'static_select';
  action_id: string;
  placeholder: PlainText;
  option_groups: { label: PlainText; options: SlackOption[] }[];
}

/** Interactive elements these messages use. */
export type SlackElement = SlackButton | SlackStaticSelect;

/** section block. */
export interface SlackSection {
  type: 'section';
  text?: Mrkdwn | PlainText;
  fields?: (Mrkdwn | PlainText)[];
  accessory?: SlackElement;
}

/** actions block. */
export interface SlackActions {
  type: 'actions';
  elements: SlackElement[];
}

/** header block. */
export interface SlackHeader {
  type: 'header';
  text: PlainText;
}

/** context block. */
export interface SlackContext {
  type: 'context';
  elements: (Mrkdwn | PlainText)[];
}

/** divider block. */
export interface SlackDivider {
  type: 'divider';
}

/** image block (the boarding pass barcode). */
export interface SlackImage {
  type: 'image';
  image_url: string;
  alt_text: string;
}

/** Any block these messages use. */
export type SlackBlock = SlackSection | SlackActions | SlackHeader | SlackContext | SlackDivider | SlackImage;

/** Escapes &, < and > for mrkdwn. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** plain_text, truncated to `max` characters. */
export function plain(text: string, max: number = SLACK_LIMITS.buttonText): PlainText {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

/** mrkdwn text (already escaped), truncated to `max` characters. */
export function md(text: string, max: number = SLACK_LIMITS.sectionText): Mrkdwn {
  return { type: 'mrkdwn', text: truncate(text, max) };
}

/** A mrkdwn section (text already escaped), with an optional accessory. */
export function section(text: string, accessory?: SlackElement): SlackSection {
  return { type: 'section', text: md(text), ...(accessory ? { accessory } : {}) };
}

/** A section of label/value fields (at most 10). */
export function fieldsSection(rows: { label: string; value: string }[]): SlackSection {
  return {
    type: 'section',
    fields: rows
      .slice(0, SLACK_LIMITS.fields)
      .map((r) => md(`*${esc(r.label)}*\n${esc(r.value)}`, SLACK_LIMITS.fieldText)),
  };
}

/** A header block (≤ 150 characters). */
export function header(text: string): SlackHeader {
  return { type: 'header', text: plain(text, SLACK_LIMITS.headerText) };
}

/** A context block of mrkdwn lines (already escaped), at most 10. */
export function context(...texts: string[]): SlackContext {
  return {
    type: 'context',
    elements: texts
      .filter(Boolean)
      .slice(0, SLACK_LIMITS.contextElements)
      .map((t) => md(t)),
  };
}

/** Hands out action ids unique within one message ("choice:0", "choice:1", "seats:0"…). */
export class ActionIds {
  private readonly counters = new Map<string, number>();

  next(prefix: string): string {
    const n = this.counters.get(prefix) ?? 0;
    this.counters.set(prefix, n + 1);
    return `${prefix}:${n}`;
  }
}

/** A button carrying a choice value. */
export function choiceButton(ids: ActionIds, label: string, value: string, style?: SlackButton['style']): SlackButton {
  return {
    type: 'button',
    text: plain(label),
    action_id: ids.next('choice'),
    value: value.slice(0, SLACK_LIMITS.value),
    ...(style ? { style } : {}),
  };
}

/** A link button. */
export function linkButton(ids: ActionIds, label: string, url: string, style?: SlackButton['style']): SlackButton {
  return { type: 'button', text: plain(label), action_id: ids.next('link'), url, ...(style ? { style } : {}) };
}

/** Actions blocks holding the elements, at most 25 per block. */
export function actions(elements: SlackElement[]): SlackActions[] {
  const out: SlackActions[] = [];
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.actionsElements)
    out.push({ type: 'actions', elements: elements.slice(i, i + SLACK_LIMITS.actionsElements) });
  return out;
}

/** Sections of at most 3000 characters holding the lines (split at line boundaries); `code` wraps each in ```. */
export function textSections(lines: string[], code = false): SlackSection[] {
  const fence = code ? 6 + 2 : 0;
  const max = SLACK_LIMITS.sectionText - fence;
  const chunks: string[] = [];
  let current = '';
  for (const line of lines.map((l) => truncate(l, max))) {
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks.map((c) => section(code ? `\`\`\`\n${c}\n\`\`\`` : c));
}

/**
 * Keeps a message within 50 blocks: the trailing actions blocks (the choices) are kept and the
 * middle is cut, with a note.
 */
export function limitBlocks(blocks: SlackBlock[]): SlackBlock[] {
  if (blocks.length <= SLACK_LIMITS.blocks) return blocks;
  let tail = 0;
  while (tail < blocks.length && blocks[blocks.length - 1 - tail]?.type === 'actions') tail++;
  tail = Math.min(tail, 5);
  const head = blocks.slice(0, SLACK_LIMITS.blocks - tail - 1);
  return [...head, context('_More results are not shown._'), ...blocks.slice(blocks.length - tail)];
}
