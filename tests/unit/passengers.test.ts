import { DomainError } from '../../api/errors';
import {
  classifyParty,
  MAX_SEATED_PASSENGERS,
  nameProblem,
  type PassengerLike,
  paxTypeForAge,
} from '../../api/domain/passengers';

const TODAY = '2031-05-01';
const TRAVEL = '2031-06-15';
const RETURN = '2031-06-29';
const p = (firstName: string, dateOfBirth: string, lastName = 'Traveller'): PassengerLike => ({
  firstName,
  lastName,
  dateOfBirth,
});
const adult = (name = 'Ada') => p(name, '1985-03-10');

/** The problems classifyParty reports, or [] when the party is fine. */
function problems(
  party: PassengerLike[],
  travel = TRAVEL,
  back = TRAVEL,
): { passenger: number; field: string; message: string }[] {
  try {
    classifyParty(party, travel, back, TODAY);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ kind: 'validation', code: 'invalid_passengers' });
    const details = (err as DomainError).details as { passenger: number; field: string; message: string }[];
    expect((err as DomainError).message).toBe(details[0]!.message);
    return details;
  }
}

describe('paxTypeForAge', () => {
  it.each([
    [0, 'INF'],
    [1, 'INF'],
    [2, 'CHD'],
    [11, 'CHD'],
    [12, 'ADT'],
    [90, 'ADT'],
  ])('%i years → %s', (age, type) => {
    expect(paxTypeForAge(age)).toBe(type);
  });
});

describe('nameProblem', () => {
  it.each([
    'Ada',
    'José María',
    "O'Brien",
    'O’Neill',
    'Jean-Luc',
    'St. John',
    'Zoë',
    'Nguyễn',
    '李',
    'Владимир',
    'محمد',
    '  Padded  ',
  ])('accepts %p', (name) => {
    expect(nameProblem(name, 'First name')).toBeNull();
  });

  it.each([
    ['', 'First name is required.'],
    ['   ', 'First name is required.'],
    [undefined, 'First name is required.'],
    ['R2D2', 'First name cannot contain digits.'],
    ['Ada@home', 'First name may contain only letters, spaces, hyphens and apostrophes.'],
    ['-Ada', 'First name may contain only letters, spaces, hyphens and apostrophes.'],
    ["'; DROP TABLE", 'First name may contain only letters, spaces, hyphens and apostrophes.'],
    ['Ada\nLovelace', 'First name may contain only letters, spaces, hyphens and apostrophes.'],
    ['😀', 'First name may contain only letters, spaces, hyphens and apostrophes.'],
    ['A'.repeat(61), 'First name must be at most 60 characters.'],
  ])('refuses %p: %s', (name, message) => {
    expect(nameProblem(name, 'First name')).toBe(message);
  });
});

describe('classifyParty', () => {
  it('types passengers by their age on the first travel date', () => {
    const party = [
      adult(),
      p('Twelve', '2019-06-15'), // 12 on the travel date → adult
      p('Eleven', '2019-06-16'), // turns 12 the day after → child
      p('Two', '2029-06-15'), // 2 on the travel date → child (needs a seat)
      p('Baby', '2030-01-01'), // 1 → lap infant
    ];
    expect(classifyParty(party, TRAVEL, TRAVEL, TODAY)).toEqual(['ADT', 'ADT', 'CHD', 'CHD', 'INF']);
  });

  it('a child booked today who is 12 by the travel date is an adult', () => {
    expect(classifyParty([p('Teen', '2019-05-20')], TRAVEL, TRAVEL, TODAY)).toEqual(['ADT']);
  });

  it('allows up to nine seated passengers plus one lap infant per adult', () => {
    const party = [
      ...Array.from({ length: 9 }, (_, i) => adult(`Adult${'abcdefghi'[i]}`)),
      ...Array.from({ length: 9 }, () => p('Baby', '2030-09-09')),
    ];
    expect(classifyParty(party, TRAVEL, TRAVEL, TODAY).filter((t) => t === 'INF')).toHaveLength(9);
    expect(MAX_SEATED_PASSENGERS).toBe(9);
  });

  it.each([
    ['no passengers', [], 'At least one passenger is required.'],
    ['an empty first name', [p('', '1985-03-10')], 'First name is required.'],
    ['an empty last name', [p('Ada', '1985-03-10', ' ')], 'Last name is required.'],
    ['digits in a name', [p('Ada2', '1985-03-10')], 'First name cannot contain digits.'],
    ['an impossible date of birth', [p('Ada', '1985-02-30')], 'Date of birth must be a real date as YYYY-MM-DD.'],
    ['a malformed date of birth', [p('Ada', '10/03/1985')], 'Date of birth must be a real date as YYYY-MM-DD.'],
    ['a date of birth after today', [adult(), p('Future', '2031-05-02')], 'Date of birth cannot be in the future.'],
    ['someone over 120', [p('Old', '1900-01-01')], 'Date of birth is more than 120 years ago.'],
    ['ten seated passengers', Array.from({ length: 10 }, () => adult()), 'At most 9 seated passengers per booking.'],
    [
      'a child without an adult',
      [p('Kid', '2022-01-01')],
      'Children and infants must travel with an adult (12 or older).',
    ],
    [
      'an infant without an adult',
      [p('Baby', '2030-09-09')],
      'Children and infants must travel with an adult (12 or older).',
    ],
    [
      'more infants than adults',
      [adult(), p('Baby', '2030-09-09'), p('Baby', '2030-10-10')],
      'Each infant on a lap needs its own adult: there are more infants than adults.',
    ],
  ])('refuses %s', (_what, party, message) => {
    const found = problems(party);
    expect(found.map((x) => x.message)).toContain(message);
  });

  it('refuses a lap infant who turns 2 before the last flight', () => {
    const party = [adult(), p('Baby', '2029-06-20')]; // 1 on 15 June, 2 on 20 June
    expect(classifyParty(party, TRAVEL, '2031-06-19', TODAY)).toEqual(['ADT', 'INF']);
    expect(problems(party, TRAVEL, RETURN)).toEqual([
      {
        passenger: 1,
        field: 'dateOfBirth',
        message: 'This infant turns 2 before the last flight and needs a seat: book them as a child.',
      },
    ]);
  });

  it('lists every problem with the passenger and field it concerns', () => {
    const found = problems([adult(), p('', '1999-99-99', '4'), p('Kid', '2031-12-01')]);
    expect(found).toEqual(
      expect.arrayContaining([
        { passenger: 1, field: 'firstName', message: 'First name is required.' },
        { passenger: 1, field: 'lastName', message: 'Last name cannot contain digits.' },
        { passenger: 1, field: 'dateOfBirth', message: 'Date of birth must be a real date as YYYY-MM-DD.' },
        { passenger: 2, field: 'dateOfBirth', message: 'Date of birth cannot be in the future.' },
      ]),
    );
  });

  it('a child may travel with an adult, an infant with an adult', () => {
    expect(classifyParty([p('Kid', '2022-01-01'), adult()], TRAVEL, TRAVEL, TODAY)).toEqual(['CHD', 'ADT']);
    expect(classifyParty([adult(), p('Baby', '2030-09-09')], TRAVEL, TRAVEL, TODAY)).toEqual(['ADT', 'INF']);
  });
});
