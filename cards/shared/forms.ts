import type { CardView } from '../types';

/** Wording of the passenger and contact forms for channels that collect them as typed text. */

type View<K extends CardView['kind']> = Extract<CardView, { kind: K }>;

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];

/** "Passenger 1 of 2" (`index` is 0-based, like BookingView passenger positions). */
export function passengerHeading(index: number, total: number): string {
  return total > 1 ? `Passenger ${index + 1} of ${total}` : 'Passenger details';
}

/** "the first passenger's" / "the passenger's". */
function whose(index: number, total: number): string {
  if (total <= 1) return "the passenger's";
  return `the ${ORDINALS[index] ?? `no. ${index + 1}`} passenger's`;
}

/** Instruction lines for typing a passenger, with the view's errors ("! …") and what is known so far. */
export function passengerPrompt(v: View<'passenger_form'>, verb = 'Type', bullet = '!'): string[] {
  const lines = [`${passengerHeading(v.index, v.total)}${v.typeHint ? `: ${v.typeHint}` : ''}`];
  const known = [v.values.firstName, v.values.lastName].filter(Boolean).join(' ');
  if (known || v.values.dateOfBirth) lines.push(`So far: ${[known, v.values.dateOfBirth].filter(Boolean).join(', ')}`);
  for (const e of [v.errors.firstName, v.errors.lastName, v.errors.dateOfBirth]) if (e) lines.push(`${bullet} ${e}`);
  lines.push(
    `${verb} ` +
      `${whose(v.index, v.total)} first name, last name and date of birth, as on the passport, ` +
      'e.g. Ada Lovelace 1990-12-10',
  );
  return lines;
}

/** Instruction lines for typing the contact details. */
export function contactPrompt(v: View<'contact_form'>, verb = 'Type', bullet = '!'): string[] {
  const lines = ['Contact details'];
  const known = [v.values.email, v.values.phone].filter(Boolean).join(', ');
  if (known) lines.push(`So far: ${known}`);
  for (const e of [v.errors.email, v.errors.phone]) if (e) lines.push(`${bullet} ${e}`);
  lines.push(
    `${verb} an email address and, if you like, a mobile number with country code, ` +
      'e.g. ada@example.com +44 7700 900123',
  );
  return lines;
}
