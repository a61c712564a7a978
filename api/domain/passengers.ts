import { validationError } from '../errors';
import type { PaxType } from './pricing';
import { ageOn, isIsoDate } from './time';

/** Passenger rules: names, birth dates, types by age on the travel date, and who may travel with whom. */

export const MAX_SEATED_PASSENGERS = 9;

export interface PassengerProblem {
  passenger: number;
  field: string;
  message: string;
}

// Letters of any script, with the separators real names use: spaces, hyphens, apostrophes, dots.
const NAME = /^[\p{L}\p{M}]+(?:[ '’.-][\p{L}\p{M}]*)*$/u;

/** Checks one name; returns a sentence describing the problem, or null when it is fine. */
export function nameProblem(value: string | undefined, label: string): string | null {
  const v = (value ?? '').trim();
  if (!v) return `${label} is required.`;
  if (v.length > 60) return `${label} must be at most 60 characters.`;
  if (/\d/.test(v)) return `${label} cannot contain digits.`;
  if (!NAME.test(v)) return `${label} may contain only letters, spaces, hyphens and apostrophes.`;
  return null;
}

/** The fare type of a passenger of a given age: under 2 on lap, 2–11 child, 12+ adult. */
export function paxTypeForAge(age: number): PaxType {
  if (age < 2) return 'INF';
  if (age < 12) return 'CHD';
  return 'ADT';
}

export interface PassengerLike {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

/**
 * Assigns each passenger a type from their age on the first departure and checks the party:
 * names, birth dates, at most nine seated travellers, no child or infant without an adult, no more
 * lap infants than adults, and no lap infant who turns two before the last flight. Throws a
 * `validation` error listing every problem.
 */
export function classifyParty(
  passengers: PassengerLike[],
  firstTravelDate: string,
  lastTravelDate: string,
  today: string,
): PaxType[] {
  const problems: PassengerProblem[] = [];
  const types: PaxType[] = [];
  if (passengers.length === 0)
    problems.push({ passenger: 0, field: 'passengers', message: 'At least one passenger is required.' });
  passengers.forEach((p, i) => {
    const first = nameProblem(p.firstName, 'First name');
    const last = nameProblem(p.lastName, 'Last name');
    if (first) problems.push({ passenger: i, field: 'firstName', message: first });
    if (last) problems.push({ passenger: i, field: 'lastName', message: last });
    if (!isIsoDate(p.dateOfBirth)) {
      problems.push({
        passenger: i,
        field: 'dateOfBirth',
        message: 'Date of birth must be a real date as YYYY-MM-DD.',
      });
      types.push('ADT');
      return;
    }
    if (p.dateOfBirth > today) {
      problems.push({ passenger: i, field: 'dateOfBirth', message: 'Date of birth cannot be in the future.' });
      types.push('ADT');
      return;
    }
    const age = ageOn(p.dateOfBirth, firstTravelDate);
    if (age > 120)
      problems.push({ passenger: i, field: 'dateOfBirth', message: 'Date of birth is more than 120 years ago.' });
    const type = paxTypeForAge(age);
    if (type === 'INF' && ageOn(p.dateOfBirth, lastTravelDate) >= 2)
      problems.push({
        passenger: i,
        field: 'dateOfBirth',
        message: 'This infant turns 2 before the last flight and needs a seat: book them as a child.',
      });
    types.push(type);
  });
  const adults = types.filter((t) => t === 'ADT').length;
  const infants = types.filter((t) => t === 'INF').length;
  const seated = types.length - infants;
  if (seated > MAX_SEATED_PASSENGERS)
    problems.push({
      passenger: 0,
      field: 'passengers',
      message: `At most ${MAX_SEATED_PASSENGERS} seated passengers per booking.`,
    });
  if (passengers.length > 0 && adults === 0 && problems.every((p) => p.field !== 'dateOfBirth'))
    problems.push({
      passenger: 0,
      field: 'passengers',
      message: 'Children and infants must travel with an adult (12 or older).',
    });
  if (infants > adults)
    problems.push({
      passenger: 0,
      field: 'passengers',
      message: 'Each infant on a lap needs its own adult: there are more infants than adults.',
    });
  if (problems.length) throw validationError('invalid_passengers', problems[0]!.message, problems);
  return types;
}
