import { slots } from '../../../dialogs/book-flight/choose-seats.dialog';
import { emptyDraft } from '../../../dialogs/state';
import { fare, nonstop, segment } from '../cards/fixtures';

/** The seat step asks for seat maps in the journey's one currency and for the passenger each seat is for. */
describe('seat slots of a draft', () => {
  const back = {
    ...nonstop,
    id: 'o2',
    segments: [segment(102, 'BA112', 'JFK', 'LHR', '2026-12-05T19:00:00-05:00', '2026-12-06T07:00:00+00:00', 420)],
    // The return's own search quotes it where it departs; the journey is still sold in pounds.
    fares: [{ ...fare('standard', 400), price: { amount: 50_000, currency: 'USD' } }],
  };
  const draft = {
    ...emptyDraft({ passengers: { adults: 2, children: 0, infants: 1 } }),
    outbound: { offer: nonstop, fare: nonstop.fares[1]! },
    inbound: { offer: back, fare: back.fares[0]! },
  };

  it('quotes every flight, the return too, in the currency the journey is sold in', () => {
    expect(slots(draft).map((s) => [s.flightId, s.currency])).toEqual([
      [101, 'GBP'],
      [101, 'GBP'],
      [102, 'GBP'],
      [102, 'GBP'],
    ]);
  });

  it('knows which adult holds the lap infant', () => {
    expect(slots(draft).map((s) => s.holdsInfant)).toEqual([true, false, true, false]);
  });
});
