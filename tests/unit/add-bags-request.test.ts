import { asksToAddBags, bagCountIn } from '../../dialogs/manage-booking/add-bags-request';

describe('asksToAddBags', () => {
  it.each([
    ['add a bag', true, 1],
    ['I need to check two suitcases', true, 2],
    ['can I add an extra bag to my booking?', true, 1],
    ['I want to buy 2 more checked bags', true, 2],
    ['I need an extra suitcase', true, 1],
    ['please add luggage', true, undefined],
    ['how much is a checked bag?', false, 1],
    ['how many bags can I take?', false, undefined],
    ['can I bring my suitcase?', false, undefined],
    ['what is the baggage allowance', false, undefined],
    ['can I check in my bag online', false, undefined],
    ['I want to change my seat', false, undefined],
  ] as const)('%s', (text, asks, count) => {
    expect(asksToAddBags(text)).toBe(asks);
    expect(bagCountIn(text)).toBe(count);
  });
});
