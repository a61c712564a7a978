import { understand } from './helpers';

// Questions on things no help article covers (the aircraft, food, transport) are 'general': the FAQ search
// reads their words.
describe('help topics', () => {
  test.each([
    ['is there a shuttle to downtown', 'general'],
    ['what type of aircraft is it', 'general'],
    ['is it a dreamliner or an embraer', 'general'],
    ['do we get a meal', 'general'],
    ['what are the fare restrictions', 'fare_rules'],
    ['can i bring my dog', 'general'],
  ])('%s -> help about %s', (text, topic) => {
    expect(understand(text)).toMatchObject({ intent: 'help', helpTopic: topic });
  });

  test('a flight search that names "any airport" of a city is a search, not a question about airports', () => {
    expect(understand('find me a flight from boston to any airport in the new york city area').intent).toBe(
      'search_flights',
    );
  });
});
