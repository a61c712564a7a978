import { salvageCriteria } from '../../../dialogs/core/recovery';

/** What is kept of a booking when its saved dialog state can no longer be run. */
describe('salvageCriteria', () => {
  const stack = (criteria: unknown) => ({
    dialogStack: [
      {
        id: 'main',
        state: { dialogs: { dialogStack: [{ id: 'bookFlight', state: { options: { draft: { criteria } } } }] } },
      },
    ],
  });

  it('keeps every field that still reads right, nested at any depth', () => {
    const criteria = {
      origin: { code: 'LHR', label: 'Heathrow' },
      destination: { code: 'PAR', label: 'Paris (any airport)' },
      departDate: '2026-12-18',
      returnDate: '2026-12-22',
      tripType: 'round_trip',
      cabin: 'business',
      passengers: { adults: 2, children: 1, infants: 0 },
    };
    expect(salvageCriteria(stack(criteria))).toEqual(criteria);
  });

  it.each([
    [
      'a place of another shape',
      { origin: 'LHR', destination: { code: 'PAR', label: 'Paris' } },
      { destination: { code: 'PAR', label: 'Paris' } },
    ],
    ['a date of another format', { departDate: '18/12/2026', cabin: 'economy' }, { cabin: 'economy' }],
    [
      'an unknown cabin and a broken party',
      { cabin: 'sleeper', passengers: { adults: -1 }, tripType: 'one_way' },
      { tripType: 'one_way' },
    ],
  ])('drops %s and keeps the rest', (_what, criteria, kept) => {
    expect(salvageCriteria(stack(criteria))).toEqual(kept);
  });

  it.each([
    ['no booking in the state', { dialogStack: [{ id: 'manageBooking', state: {} }] }],
    ['nothing usable in the booking', stack({ origin: 42 })],
    ['not an object at all', 'garbage'],
    ['nothing', undefined],
  ])('null when there is %s', (_what, state) => {
    expect(salvageCriteria(state)).toBeNull();
  });
});
