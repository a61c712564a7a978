/**
 * Language understanding for the dialogs. Build one recognizer at start-up and call
 * `recognizer.recognize(text, { today, timeZone })` for every message.
 */
import { Gazetteer } from './gazetteer';
import { OfflineRecognizer } from './offline-recognizer';
import { OpenAIRecognizer } from './openai-recognizer';
import type { Recognizer } from './recognizer';

export * from './recognizer';
export type { TripLeg, TripLegs } from './trip-legs';
export { Gazetteer, type GazetteerData } from './gazetteer';
export { OfflineRecognizer } from './offline-recognizer';
export { OpenAIRecognizer, type OpenAIRecognizerOptions } from './openai-recognizer';
export { toBenchmarkJson, type BenchmarkJson } from './benchmark-format';

export interface RecognizerSettings {
  gazetteer: Gazetteer;
  /** From config: OPENAI_API_KEY, OPENAI_MODEL, OPENAI_BASE_URL, OPENAI_TIMEOUT_MS. No key, no model. */
  openai?: { apiKey?: string; model: string; baseURL?: string; timeoutMs: number };
  onFallback?: (reason: string) => void;
}

/** The OpenAI recognizer (with the offline one as fallback) when a key is configured, else the offline one. */
export function createRecognizer(settings: RecognizerSettings): Recognizer {
  const offline = new OfflineRecognizer(settings.gazetteer);
  const o = settings.openai;
  if (!o?.apiKey) return offline;
  return new OpenAIRecognizer({
    apiKey: o.apiKey,
    model: o.model,
    baseURL: o.baseURL,
    timeoutMs: o.timeoutMs,
    fallback: offline,
    gazetteer: settings.gazetteer,
    onFallback: settings.onFallback,
  });
}
