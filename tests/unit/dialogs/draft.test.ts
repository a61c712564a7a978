import type { Offer } from '../../../api/services/search.service';
import {
  applyChanges,
  citiesOf,
  criteriaChanges,
  criteriaProblems,
  dateToConfirm,
  datesMeant,
  missingCriterion,
  needsCityChoice,
  placeChoice,
  saysChange,
  searchWindow,
} from '../../../dialogs/book-flight/draft';
import { referredItem } from '../../../dialogs/book-flight/references';
import { emptyUnderstanding, type Place, type PlaceCandidate, type Understanding } from '../../../dialogs/nlu';
import { type BookingDraft, emptyDraft, type PlaceChoice, type SearchCriteria } from '../../../dialogs/state';

/** The pure rules of the booking draft: what is missing, what cannot be searched, what a change invalidates. */

const TODAY = '2026-11-30';
const LHR = { code: 'LHR', label: 'London LHR' };
const CDG = { code: 'CDG', label: 'Paris CDG' };
const full: SearchCriteria = { origin: LHR, destination: CDG, departDate: '2026-12-07', tripType: 'one_way' };

describe('missingCriterion: the next question', () => {
  it.each<[string, SearchCriteria, ReturnType<typeof missingCriterion>]>([
    ['nothing yet', {}, 'origin'],
    ['only a destination', { destination: CDG }, 'origin'],
    ['no destination', { origin: LHR }, 'destination'],
    ['no date', { origin: LHR, destination: CDG }, 'departDate'],
    ['no trip type: the outbound is searched', { origin: LHR, destination: CDG, departDate: '2026-12-07' }, null],
    ['a return without its date: the way out is searched first', { ...full, tripType: 'round_trip' }, null],
    [
      'a return date (the trip type follows)',
      { origin: LHR, destination: CDG, departDate: '2026-12-07', returnDate: '2026-12-09' },
      null,
    ],
    ['one way, complete', full, null],
  ])('%s', (_name, c, next) => {
    expect(missingCriterion(c)).toBe(next);
  });

  it('a return date that had to be asked again is needed before the search', () => {
    expect(missingCriterion({ ...full, tripType: 'round_trip' }, { withReturn: true })).toBe('returnDate');
  });
});

describe('criteriaProblems: what cannot be searched', () => {
  it.each<[string, SearchCriteria, string[], RegExp | null]>([
    ['all fine', { ...full, passengers: { adults: 9, children: 0, infants: 0 } }, [], null],
    ['the same place twice', { ...full, destination: LHR }, ['destination'], /^You're already in London LHR\.$/],
    [
      'a departure that has passed',
      { ...full, departDate: '2026-11-29' },
      ['departDate'],
      /^Sun 29 Nov has already passed\.$/,
    ],
    ['today is fine', { ...full, departDate: TODAY }, [], null],
    [
      'beyond the booking horizon',
      { ...full, departDate: '2027-12-01' },
      ['departDate'],
      /^I can book up to a year ahead\.$/,
    ],
    [
      'a return before the departure',
      { ...full, tripType: 'round_trip', returnDate: '2026-12-05' },
      ['returnDate'],
      /^The return \(Sat 5 Dec\) is before the departure \(Mon 7 Dec\)\.$/,
    ],
    ['a return the same day', { ...full, tripType: 'round_trip', returnDate: '2026-12-07' }, [], null],
    [
      'a return beyond the horizon',
      { ...full, tripType: 'round_trip', returnDate: '2027-12-01' },
      ['returnDate'],
      /year ahead/,
    ],
    [
      'both dates past: said once',
      { ...full, departDate: '2026-11-01', returnDate: '2026-11-03' },
      ['departDate', 'returnDate'],
      /^Sun 1 Nov has already passed\.$/,
    ],
    [
      '10 seated travellers',
      { ...full, passengers: { adults: 6, children: 4, infants: 0 } },
      ['passengers'],
      /^I can book up to 9 seated travellers at a time\.$/,
    ],
    ['9 seated and 2 lap infants', { ...full, passengers: { adults: 2, children: 7, infants: 2 } }, [], null],
    [
      'more lap infants than adults',
      { ...full, passengers: { adults: 1, children: 0, infants: 2 } },
      ['passengers'],
      /^Each baby on a lap needs an adult of their own\.$/,
    ],
  ])('%s', (_name, c, drop, text) => {
    const problems = criteriaProblems(c, TODAY);
    expect(problems.map((p) => p.drop)).toEqual(drop);
    if (text)
      expect(
        problems
          .map((p) => p.text)
          .filter(Boolean)
          .join(' '),
      ).toMatch(text);
  });
});

describe('saysChange: words that change the plan outside the search steps', () => {
  it.each([
    ['actually make it Tuesday', true],
    ['make it 2 adults', true],
    ['change the date to Friday', true],
    ['instead, business class', true],
    ['no, we meant Paris', true],
    ['no, Rome', true],
    ['sorry - the 18th', true],
    ['no thanks', false],
    ['nope', false],
    ['Ada Lovelace 1990-12-10', false],
    ['ada@example.com', false],
    ['2 adults', false],
  ])('"%s" → %s', (text, expected) => {
    expect(saysChange(text)).toBe(expected);
  });
});

const candidate = (code: string, city: string, country: string): PlaceCandidate => ({
  code,
  kind: 'airport',
  name: `${city} ${code} Airport`,
  city,
  country,
});
const place = (codes: string[], candidates: PlaceCandidate[], text = candidates[0]!.city): Place => ({
  text,
  codes,
  ambiguous: codes.length > 1,
  candidates,
  distance: 0,
});
const LONDON = place(['LON', 'LHR', 'LGW'], [candidate('LHR', 'London', 'GB'), candidate('LGW', 'London', 'GB')]);
const NEW_YORK = place(
  ['NYC', 'JFK', 'EWR'],
  [candidate('JFK', 'New York', 'US'), candidate('EWR', 'Newark', 'US')],
  'New York',
);
const TWO_LONDONS = place(['LON', 'LHR', 'LGW', 'YXU'], [...LONDON.candidates, candidate('YXU', 'London', 'CA')]);

describe('places: one airport, a city with several, a name several cities share', () => {
  it.each<[string, Place, boolean, Partial<PlaceChoice> | null]>([
    [
      'one airport',
      place(['EDI'], [candidate('EDI', 'Edinburgh', 'GB')]),
      false,
      { code: 'EDI', label: 'Edinburgh EDI' },
    ],
    ['a city with several airports', LONDON, false, { code: 'LON', label: 'London (any airport)' }],
    ['a metro whose airports name other towns', NEW_YORK, false, { code: 'NYC', label: 'New York (any airport)' }],
    ['one name, two countries', TWO_LONDONS, true, null],
  ])('%s', (_name, p, ambiguous, choice) => {
    expect(needsCityChoice(p)).toBe(ambiguous);
    if (choice) expect(placeChoice(p)).toMatchObject(choice);
  });

  it('a shared name splits into its cities, each with its airports and metro', () => {
    expect(
      citiesOf(TWO_LONDONS).map((c) => ({
        city: c.city,
        country: c.country,
        metro: c.metro,
        airports: c.airports.map((a) => a.code),
      })),
    ).toEqual([
      { city: 'London', country: 'GB', metro: 'LON', airports: ['LHR', 'LGW'] },
      { city: 'London', country: 'CA', metro: undefined, airports: ['YXU'] },
    ]);
  });
});

describe('criteriaChanges: what a reply changes', () => {
  const u = (over: Partial<Understanding>): Understanding => ({ ...emptyUnderstanding(), ...over });
  it.each<[string, Partial<Understanding>, Partial<SearchCriteria> | null]>([
    ['nothing new', { departDate: full.departDate! }, null],
    ['a new date', { departDate: '2026-12-08' }, { departDate: '2026-12-08' }],
    [
      'a return date makes it a round trip',
      { returnDate: '2026-12-10' },
      { returnDate: '2026-12-10', tripType: 'round_trip' },
    ],
    [
      'a party',
      { passengers: { adults: 2, children: 0, infants: 0 } },
      { passengers: { adults: 2, children: 0, infants: 0 } },
    ],
    [
      'children alone get an adult',
      { passengers: { adults: 0, children: 1, infants: 0 } },
      { passengers: { adults: 1, children: 1, infants: 0 } },
    ],
    ['economy is the default', { cabin: 'economy' }, null],
    ['business', { cabin: 'business' }, { cabin: 'business' }],
    ['a place that needs narrowing is not a change', { origin: TWO_LONDONS }, null],
  ])('%s', (_name, over, change) => {
    expect(criteriaChanges(u(over), full)).toEqual(change);
  });
});

describe('applyChanges: a correction forgets what it invalidates', () => {
  const offer = { id: 'o1', segments: [], lowestPrice: { amount: 100, currency: 'GBP' } } as unknown as Offer;
  const draft = (over: Partial<BookingDraft> = {}): BookingDraft => ({
    ...emptyDraft({
      ...full,
      tripType: 'round_trip',
      returnDate: '2026-12-10',
      passengers: { adults: 2, children: 0, infants: 0 },
      currency: 'GBP',
    }),
    outbound: { offer },
    inbound: { offer },
    seats: { '1': { '0': '12A' } },
    seatsDone: true,
    passengers: [
      { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-12-10' },
      { firstName: 'Charles', lastName: 'Babbage', dateOfBirth: '1985-01-01' },
    ],
    contact: { email: 'ada@example.com' },
    ...over,
  });

  it.each<
    [string, Partial<SearchCriteria>, { outbound: boolean; inbound: boolean; seats: boolean; passengers: string[] }]
  >([
    [
      'a new departure date: new flights and seats, same people',
      { departDate: '2026-12-08' },
      { outbound: false, inbound: false, seats: false, passengers: ['Ada', 'Charles'] },
    ],
    [
      'a new return date: the outbound stays',
      { returnDate: '2026-12-11' },
      { outbound: true, inbound: false, seats: false, passengers: ['Ada', 'Charles'] },
    ],
    [
      'one way now: the outbound stays, the return goes',
      { tripType: 'one_way' },
      { outbound: true, inbound: false, seats: false, passengers: ['Ada', 'Charles'] },
    ],
    [
      'business: new flights',
      { cabin: 'business' },
      { outbound: false, inbound: false, seats: false, passengers: ['Ada', 'Charles'] },
    ],
    [
      'one adult fewer: the first stays',
      { passengers: { adults: 1, children: 0, infants: 0 } },
      { outbound: false, inbound: false, seats: false, passengers: ['Ada'] },
    ],
    [
      'one more adult: both stay',
      { passengers: { adults: 3, children: 0, infants: 0 } },
      { outbound: false, inbound: false, seats: false, passengers: ['Ada', 'Charles'] },
    ],
    [
      "an adult and a child: an adult no longer fits the child's place",
      { passengers: { adults: 1, children: 1, infants: 0 } },
      { outbound: false, inbound: false, seats: false, passengers: ['Ada'] },
    ],
  ])('%s', (_name, change, kept) => {
    const d = applyChanges(draft(), change);
    expect({
      outbound: !!d.outbound,
      inbound: !!d.inbound,
      seats: d.seatsDone && Object.keys(d.seats).length > 0,
      passengers: d.passengers.map((p) => p.firstName),
    }).toEqual(kept);
    expect(d.contact).toEqual({ email: 'ada@example.com' });
  });

  it('a child whose birthday makes them an adult by the new date is asked again', () => {
    const d = draft({
      criteria: { ...full, passengers: { adults: 1, children: 1, infants: 0 } },
      passengers: [
        { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-12-10' },
        { firstName: 'Byron', lastName: 'Lovelace', dateOfBirth: '2014-12-09' },
      ],
    });
    expect(applyChanges(d, { departDate: '2026-12-08' }).passengers.map((p) => p.firstName)).toEqual(['Ada', 'Byron']);
    expect(applyChanges(d, { departDate: '2026-12-10' }).passengers.map((p) => p.firstName)).toEqual(['Ada']);
  });

  it('the currency is chosen again with the outbound; the hold reference is forgotten', () => {
    const d = applyChanges(draft({ pnr: 'ABC234' }), { departDate: '2026-12-08' });
    expect(d.criteria.currency).toBeUndefined();
    expect(d.pnr).toBeUndefined();
    expect(applyChanges(draft(), { returnDate: '2026-12-11' }).criteria.currency).toBe('GBP');
  });
});

describe('another airport of a city in the trip replaces that end ("only Heathrow", "not Heathrow, Gatwick")', () => {
  const u = (over: Partial<Understanding>): Understanding => ({ ...emptyUnderstanding(), ...over });
  const heathrow = place(['LHR'], [candidate('LHR', 'London', 'GB')], 'Heathrow');
  const gatwick = place(['LGW'], [candidate('LGW', 'London', 'GB')], 'Gatwick');
  const orly = place(['ORY'], [candidate('ORY', 'Paris', 'FR')], 'Orly');
  const amsterdam = place(['AMS'], [candidate('AMS', 'Amsterdam', 'NL')], 'Amsterdam');
  const londonAny = placeChoice(LONDON);
  const trip: SearchCriteria = { origin: londonAny, destination: { ...CDG, city: 'Paris' }, departDate: '2026-12-07' };
  it.each<[string, Partial<Understanding>, Partial<SearchCriteria> | null]>([
    ['only Heathrow', { places: [heathrow] }, { origin: { code: 'LHR', label: 'London LHR' } }],
    [
      'not Heathrow, Gatwick',
      { origin: heathrow, destination: gatwick, places: [heathrow, gatwick] },
      { origin: { code: 'LGW', label: 'London LGW' } },
    ],
    ['Orly', { places: [orly] }, { destination: { code: 'ORY', label: 'Paris ORY' } }],
    ['London (the city again)', { places: [LONDON] }, null],
    ['make it Amsterdam', { places: [amsterdam] }, { destination: { code: 'AMS', label: 'Amsterdam AMS' } }],
    ['Amsterdam instead', { places: [amsterdam] }, { destination: { code: 'AMS', label: 'Amsterdam AMS' } }],
    // Without a word of change a lone place is not a new trip (a passenger called Charlotte, a hotel in Paris).
    ['Amsterdam', { places: [amsterdam] }, null],
    [
      'actually from Amsterdam',
      { origin: amsterdam, places: [amsterdam] },
      { origin: { code: 'AMS', label: 'Amsterdam AMS' } },
    ],
  ])('"%s"', (text, over, expected) => {
    const got = criteriaChanges(u(over), trip, text);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toMatchObject(expected);
  });
});

describe('dates: the return said with return words, far dates, time windows', () => {
  const agreed: SearchCriteria = { ...full, departDate: '2026-12-07' };
  it.each<[string, string | null, { departDate: string | null; returnDate: string | null }]>([
    ['make the return flight December 18th', '2026-12-18', { departDate: null, returnDate: '2026-12-18' }],
    ['coming back the 18th', '2026-12-18', { departDate: null, returnDate: '2026-12-18' }],
    ['actually leave on the 18th', '2026-12-18', { departDate: '2026-12-18', returnDate: null }],
  ])('"%s"', (text, date, expected) => {
    expect(datesMeant({ departDate: date, returnDate: null }, agreed, text)).toEqual(expected);
  });

  // A return trip still without its way back: a later date said plainly is that way back.
  const roundTrip: SearchCriteria = { origin: LHR, destination: CDG, departDate: '2026-12-07', tripType: 'round_trip' };
  it.each<[string, string, { departDate: string | null; returnDate: string | null }]>([
    ['On December 18th.', '2026-12-18', { departDate: null, returnDate: '2026-12-18' }],
    ['the 18th works for me', '2026-12-18', { departDate: null, returnDate: '2026-12-18' }],
    ['actually the 18th', '2026-12-18', { departDate: '2026-12-18', returnDate: null }],
    ['leaving on the 18th', '2026-12-18', { departDate: '2026-12-18', returnDate: null }],
    ['the 5th', '2026-12-05', { departDate: '2026-12-05', returnDate: null }],
  ])('on a return trip without its date: "%s"', (text, date, expected) => {
    expect(datesMeant({ departDate: date, returnDate: null }, roundTrip, text)).toEqual(expected);
    expect(datesMeant({ departDate: date, returnDate: null }, { ...roundTrip, tripType: 'one_way' }, text)).toEqual({
      departDate: date,
      returnDate: null,
    });
  });

  it.each<[string, string, string, string | null]>([
    ['on 3 november, said in December', '2027-11-03', 'on 3 november', '2027-11-03'],
    ['with its year', '2027-11-03', 'on 3 november 2027', null],
    ['next month', '2027-01-05', 'on 5 january', null],
  ])('%s', (_name, date, text, expected) => {
    expect(dateToConfirm(date, '2026-12-06', text)).toBe(expected);
  });

  it.each<[string, { from: string; to: string }, { from?: string; to?: string }]>([
    ['a point becomes the hour either side', { from: '19:00', to: '19:00' }, { from: '18:00', to: '20:00' }],
    ['a point early in the day', { from: '00:30', to: '00:30' }, { from: '00:00', to: '01:30' }],
    ['after a time', { from: '18:00', to: '23:59' }, { from: '18:00' }],
    ['before a time', { from: '00:00', to: '12:00' }, { to: '12:00' }],
    ['past midnight keeps its start', { from: '22:00', to: '02:00' }, { from: '22:00' }],
  ])('%s', (_name, w, expected) => {
    expect(searchWindow(w)).toEqual(expected);
  });
});

describe('references to the items on screen', () => {
  const items = [
    { price: 300, time: '18:20', durationMinutes: 120, stops: 0, flightNumbers: ['BA334'] },
    { price: 200, time: '12:45', durationMinutes: 180, stops: 1, flightNumbers: ['BA332', 'AF10'] },
    { price: 250, time: '07:15', durationMinutes: 150, stops: 1, flightNumbers: ['BA330'] },
  ];
  it.each<[string, ReturnType<typeof referredItem>, { from: string; to: string } | null]>([
    ['the first one', { index: 0 }, null],
    ['the second flight', { index: 1 }, null],
    ['the last one', { index: 2 }, null],
    ['the cheaper one', { index: 1 }, null],
    ['the earliest one', { index: 2 }, null],
    ['the shortest flight', { index: 0 }, null],
    ['the nonstop one', { index: 0 }, null],
    ['actually the BA330 one at 7pm', { index: 2 }, { from: '19:00', to: '19:00' }],
    ['ba 332 please', { index: 1 }, null],
    ['the one at 12:45', { index: 1 }, { from: '12:45', to: '12:45' }],
    ['the one at 10am (none near it: a filter, not a pick)', null, { from: '10:00', to: '10:00' }],
    ['BA115', { flightNumber: 'BA115' }, null],
    ['that one', { ambiguous: true }, null],
    ['first class please', null, null],
    ['on 12 december', null, null],
    ['2 adults', null, null],
  ])('"%s"', (text, expected, time) => {
    expect(referredItem(text, items, time)).toEqual(expected);
  });
});
