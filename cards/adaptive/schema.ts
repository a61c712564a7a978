import type { Submission } from '../types';

/**
 * The subset of the Adaptive Card 1.5 schema these cards use, typed strictly. Web Chat 4.18 renders
 * with adaptivecards 3.0.x (schema up to 1.6); 1.5 is the newest version also rendered by Teams and
 * the other Bot Framework hosts, so cards declare "1.5".
 */

export const ADAPTIVE_CARD_VERSION = '1.5';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type AcSpacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
export type AcContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
export type AcColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type AcSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type AcWidth = 'auto' | 'stretch' | number | `${number}px`;

interface AcElementBase {
  id?: string;
  spacing?: AcSpacing;
  separator?: boolean;
  isVisible?: boolean;
}

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

export interface AcFactSet extends AcElementBase {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}

export interface AcColumn extends AcElementBase {
  type: 'Column';
  items: AcElement[];
  width?: AcWidth;
  style?: AcContainerStyle;
  selectAction?: AcSelectAction;
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
  bleed?: boolean;
}

export interface AcColumnSet extends AcElementBase {
  type: 'ColumnSet';
  columns: AcColumn[];
  style?: AcContainerStyle;
  selectAction?: AcSelectAction;
}

export interface AcContainer extends AcElementBase {
  type: 'Container';
  items: AcElement[];
  style?: AcContainerStyle;
  selectAction?: AcSelectAction;
  bleed?: boolean;
}

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

export interface AcInputText extends AcInputBase {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  style?: 'text' | 'email' | 'tel' | 'url';
  maxLength?: number;
  regex?: string;
}

export interface AcInputDate extends AcInputBase {
  type: 'Input.Date';
  value?: string;
  min?: string;
  max?: string;
}

export type AcElement = AcTextBlock | AcFactSet | AcColumnSet | AcContainer | AcActionSet | AcInputText | AcInputDate;

export interface AcSubmitAction {
  type: 'Action.Submit';
  title: string;
  data: Submission;
  style?: 'default' | 'positive' | 'destructive';
  tooltip?: string;
}

export interface AcOpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
  style?: 'default' | 'positive' | 'destructive';
}

export interface AcToggleVisibilityAction {
  type: 'Action.ToggleVisibility';
  title: string;
  targetElements: { elementId: string; isVisible: boolean }[];
}

export type AcAction = AcSubmitAction | AcOpenUrlAction;
export type AcSelectAction = AcSubmitAction | AcOpenUrlAction | AcToggleVisibilityAction;

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
