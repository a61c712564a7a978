/** Parses and validates Adaptive Card JSON with the adaptivecards library (the build Web Chat bundles). */
import type * as AC from 'adaptivecards';

// The package's main entry needs a browser; its UMD bundle loads in Node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require('adaptivecards/dist/adaptivecards.js') as typeof AC;

/** Every parse warning and validation failure of a card, as messages (empty when the card is clean). */
export function adaptiveCardProblems(json: object): string[] {
  const card = new lib.AdaptiveCard();
  const context = new lib.SerializationContext(lib.Versions.v1_5);
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of card.validateProperties().validationEvents)
    problems.push(`validate: ${lib.ValidationEvent[e.event]}: ${e.message}`);
  return problems;
}

/** The library's view of the card: every action it parsed (including select actions), each once. */
export function parsedActions(json: object): AC.Action[] {
  const card = new lib.AdaptiveCard();
  card.parse(json, new lib.SerializationContext(lib.Versions.v1_5));
  // getAllActions() lists an ActionSet's actions twice when the set sits directly in a Container.
  return [...new Set(card.getAllActions())];
}

export { lib as AdaptiveCards };
