import type { Submission } from '../types';

/**
 * The subset of the Adaptive Card 1.5 schema these cards use, typed strictly. Web Chat 4.18 renders
 * with adaptivecards 3.0.x (schema up to 1.6); 1.5 is the newest version also rendered by Teams and
 * the other Bot Framework hosts, so cards declare "1.5".
 */

export const ADAPTIVE_CARD_VERSION = '1.5';
/** Attachment content type of an Adaptive Card. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Spacing above an element. */
export type AcSpacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
/** Container styles (Web Chat's host config gives each a background colour). */
export type AcContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
/** Text colours. */
export type AcColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
/** Text sizes. */
export type AcSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
/** Column width: auto, stretch, a weight or pixels. */
export type AcWidth = 'auto' | 'stretch' | number | `${number}px`;

interface AcElementBase {
  id?: string;
  spacing?: AcSpacing;
  separator?: boolean;
  isVisible?: boolean;
}

/** TextBlock element. */
export interface AcTextBlock extends AcElementBase {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: AcSize;
  weight?: 'lighter' | 'default' | 'bolder';
  color?: AcColor;
  isSubtle?: boolean;
  horizontalAlignment?: 'left' | 'center' | 'right';
  fontType?: 'default' | 'monospace';
  style?: 'default' | 'heading';
  maxLines?: number;
}

/** FactSet element (label/value pairs). */
export interface AcFactSet extends AcElementBase {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}

/** Column of a ColumnSet. */
export interface AcColumn extends AcElementBase {
  type: 'Column';
  items: AcElement[];
  width?: AcWidth;
  style?: AcContainerStyle;
  selectAction?: AcSelectAction;
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
  bleed?: boolean;
}

/** Column of a ColumnSet. */
export interface AcColumnSet extends AcElementBase {
  type: 'ColumnSet';
  columns: AcColumn[];
  style?: AcContainerStyle;
  selectAction?: AcSelectAction;
}

/** Container element. */
export interface AcContainer extends AcElementBase {
  type: 'Container';
  items: AcElement[];
  style?: AcContainerStyle;
  selectAction?: AcSelectAction;
  bleed?: boolean;
}

/** ActionSet element (buttons inside the body). */
export interface AcActionSet extends AcElementBase {
  type: 'ActionSet';
  actions: AcAction[];
}

interface AcInputBase extends AcElementBase {
  id: string;
  label: string;
  isRequired?: boolean;
  errorMessage?: string;
}

/** Input.Text element. */
export interface AcInputText extends AcInputBase {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  style?: 'text' | 'email' | 'tel' | 'url';
  maxLength?: number;
  regex?: string;
}

/** Input.Date element (value YYYY-MM-DD). */
export interface AcInputDate extends AcInputBase {
  type: 'Input.Date';
  value?: string;
  min?: string;
  max?: string;
}

/** Any body element these cards use. */
/** Image element (the boarding pass barcode). */
export interface AcImage extends AcElementBase {
  type: 'Image';
  url: string;
  altText: string;
  size?: 'auto' | 'stretch' | 'small' | 'medium' | 'large';
}

export type AcElement =
  AcTextBlock | AcFactSet | AcColumnSet | AcContainer | AcActionSet | AcInputText | AcInputDate | AcImage;

/** Action.Submit; `data` is always a Submission. */
export interface AcSubmitAction {
  type: 'Action.Submit';
  title: string;
  data: Submission;
  style?: 'default' | 'positive' | 'destructive';
  tooltip?: string;
}

/** Action.OpenUrl. */
export interface AcOpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
  style?: 'default' | 'positive' | 'destructive';
}

/** Action.ToggleVisibility (client-side show/hide). */
export interface AcToggleVisibilityAction {
  type: 'Action.ToggleVisibility';
  title: string;
  targetElements: { elementId: string; isVisible: boolean }[];
}

/** Actions allowed as buttons. */
export type AcAction = AcSubmitAction | AcOpenUrlAction;
/** Actions allowed as a selectAction. */
export type AcSelectAction = AcSubmitAction | AcOpenUrlAction | AcToggleVisibilityAction;

/** An Adaptive Card payload. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: typeof ADAPTIVE_CARD_VERSION;
  body: AcElement[];
  actions?: AcAction[];
  /** Shown by hosts that cannot render the card. */
  fallbackText?: string;
  speak?: string;
}
