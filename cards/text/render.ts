import { TEXT_FLAVOUR } from '../plain/flavour';
import { plainBlocks } from '../plain/render';
import type { RenderOptions } from '../shared/options';
import type { BotMessage } from '../types';

/**
 * Plain text for the terminal and as every channel's fallback: the message, the card as lines
 * (flight list, seat grid, forms as instructions) and numbered choices ("1. …").
 */
export function renderText(message: BotMessage, opts: RenderOptions = {}): string {
  return plainBlocks(message, TEXT_FLAVOUR, opts)
    .map((b) => b.join('\n'))
    .join('\n\n');
}
