/** Shared set-up for the NLU tests: one recognizer over the seed gazetteer, a fixed "today". */
import { seedGazetteer } from '../../../dialogs/nlu/default-gazetteer';
import { OfflineRecognizer } from '../../../dialogs/nlu/offline-recognizer';
import type { RecognizeOptions, Understanding } from '../../../dialogs/nlu/recognizer';

/** Tuesday. */
export const TODAY = '2026-11-24';

export const recognizer = new OfflineRecognizer(seedGazetteer());

/** Understands `text` as of TODAY (or the given options). */
export function understand(text: string, options: RecognizeOptions = {}): Understanding {
  return recognizer.recognizeSync(text, { today: TODAY, ...options });
}
