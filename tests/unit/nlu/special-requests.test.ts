import { readSpecialRequest } from '../../../dialogs/nlu/special-requests';
import { understand } from './helpers';

describe('special requests in a message', () => {
  test.each([
    ['I need a wheelchair at the airport', 'WCHR', false],
    ['I use a wheelchair', 'WCHR', false],
    ["my mother can't climb stairs, she needs a wheelchair", 'WCHS', false],
    ['he cannot walk, we need assistance to his seat', 'WCHC', false],
    ['can I get a vegetarian meal?', 'VGML', false],
    ['an asian vegetarian meal please', 'AVML', false],
    ['gluten-free meal please', 'GFML', false],
    ['we would like kosher meals', 'KSML', false],
    ["I'm travelling with my cat", 'PETC', false],
    ['my dog is coming too', 'PETC', false],
    ['we no longer need the wheelchair', 'WCHR', true],
    ['remove the vegetarian meal', 'VGML', true],
  ])('%s → %s (remove: %s)', (text, code, remove) => {
    expect(readSpecialRequest(text)).toMatchObject({ code, remove });
    expect(understand(text).intent).toBe('special_request');
  });

  test('a request named by its kind only, to drop or to choose', () => {
    expect(readSpecialRequest('remove the meal request')).toMatchObject({ code: null, kind: 'meal', remove: true });
    expect(readSpecialRequest('I want to add a special request')).toMatchObject({ code: null, kind: null });
  });

  test('whom and which flight, when said', () => {
    expect(readSpecialRequest('vegetarian meals for everyone on the way back please')).toMatchObject({
      everyone: true,
      flights: 'inbound',
    });
    expect(readSpecialRequest('add a kosher meal both ways')).toMatchObject({ flights: 'all', everyone: false });
  });

  test.each([
    ['can I bring my dog?', 'help'],
    ['do we get a meal', 'help'],
    ['I want to request a refund', 'help'],
    // With a trip it is an aside to the booking being started (added once the seats are held).
    ['Heathrow to Madrid on Friday, I use a wheelchair', 'help'],
    ['cancel my booking', 'cancel_booking'],
  ])('not a special request: %s → %s', (text, intent) => {
    expect(understand(text).intent).toBe(intent);
  });
});
