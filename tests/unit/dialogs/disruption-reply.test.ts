import { disruptionMessage } from '../../../cards/shared/disruption';
import type { Disruption } from '../../../cards/types';
import { offerReplied, timesIn } from '../../../dialogs/manage-booking/disruption-reply';
import type { Reply } from '../../../dialogs/messages';

const flight = (n: string, at: string) => ({
  flightNumber: n,
  from: 'LHR',
  to: 'CDG',
  departureTime: `2026-12-10T${at}:00+00:00`,
  arrivalTime: `2026-12-10T${at.replace(/^1/, '2')}:00+01:00`,
});
const delay: Disruption = {
  pnr: 'ABC234',
  kind: 'delay',
  flight: flight('BA304', '10:00'),
  newDepartureTime: '2026-12-10T15:40:00+00:00',
  newArrivalTime: null,
  offers: [
    { id: 'accept', kind: 'keep' },
    { id: 'rebook-1', kind: 'rebook', flights: [flight('BA306', '12:45')], seats: ['12A'] },
    { id: 'rebook-2', kind: 'rebook', flights: [flight('BA308', '18:05')], seats: ['14C'] },
    { id: 'refund', kind: 'refund', amount: { amount: 20732, currency: 'GBP' } },
  ],
  offersExpireAt: null,
  chosen: null,
};
const shown = disruptionMessage(delay);
const said = (text: string) => offerReplied({ text } as Reply, delay, shown);
const id = (text: string) => {
  const r = said(text);
  return r && 'offer' in r ? r.offer.id : r;
};

describe('replies to the offers for a disrupted flight', () => {
  test.each([
    ['the first one', 'rebook-1'],
    ['2', 'rebook-2'],
    ['take the 18:05', 'rebook-2'],
    ['the 6.05pm please', 'rebook-2'],
    ['BA306', 'rebook-1'],
    ["I'll take the refund", 'refund'],
    ['can I just get my money back', 'refund'],
    ["that's fine, keep me on it", 'accept'],
    ["I'll wait", 'accept'],
    ['the later one', 'rebook-2'],
  ])('"%s" picks %s', (text, offer) => expect(id(text)).toBe(offer));

  test.each(['can I have a later one?', 'anything later?', 'none of these'])('"%s" asks for later flights', (text) =>
    expect(said(text)).toEqual({ later: true }),
  );

  it('understands nothing else as a pick', () => {
    expect(said('hmm')).toBeNull();
    expect(said('what about my bags')).toBeNull();
  });

  it('reads times of day as travellers write them', () => {
    expect(timesIn('the 18:05 or 6pm or 7.30 am, not 12 people')).toEqual(['18:05', '18:00', '07:30']);
  });

  it('shows the situation with its offset, then the offers as choices', () => {
    expect(shown.text).toContain('is delayed: it now leaves at 15:40 UTC on Thu 10 Dec');
    expect(shown.choices?.map((c) => c.label)).toEqual(['BA306 12:45', 'BA308 18:05', 'Keep my flight', 'Full refund']);
  });
});
