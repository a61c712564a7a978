import { passengerHeading } from '../shared/forms';
import type { CardView } from '../types';
import { card, errorText, heading, subtle } from './elements';
import type { AcElement, AcInputDate, AcInputText, AdaptiveCardJson } from './schema';

/** Passenger and contact forms: inputs with labels, client-side checks, and the view's errors in red. */

type View<K extends CardView['kind']> = Extract<CardView, { kind: K }>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Field, then its server-side error (red) when the view has one. */
function field(input: AcInputText | AcInputDate, error: string | undefined): AcElement[] {
  return error ? [input, errorText(error)] : [input];
}

function textInput(id: string, label: string, value: string | undefined, extra: Partial<AcInputText>): AcInputText {
  return { type: 'Input.Text', id, label, ...(value ? { value } : {}), ...extra };
}

/** passenger_form: first name, last name, date of birth; submits `{ form: 'passenger', … }`. */
export function passengerFormCard(v: View<'passenger_form'>): AdaptiveCardJson {
  const dob = v.values.dateOfBirth;
  const dateInput: AcInputDate = {
    type: 'Input.Date',
    id: 'dateOfBirth',
    label: 'Date of birth',
    isRequired: true,
    errorMessage: 'Enter the date of birth.',
    min: '1900-01-01',
    ...(dob && ISO_DATE.test(dob) ? { value: dob } : {}),
  };
  const body: AcElement[] = [
    heading(passengerHeading(v.index, v.total)),
    ...(v.typeHint ? [subtle(v.typeHint)] : []),
    subtle('Names exactly as on the passport.', { size: 'small' }),
    ...field(
      textInput('firstName', 'First name', v.values.firstName, {
        isRequired: true,
        errorMessage: 'Enter the first name.',
        maxLength: 50,
        placeholder: 'e.g. Ada',
      }),
      v.errors.firstName,
    ),
    ...field(
      textInput('lastName', 'Last name', v.values.lastName, {
        isRequired: true,
        errorMessage: 'Enter the last name.',
        maxLength: 50,
        placeholder: 'e.g. Lovelace',
      }),
      v.errors.lastName,
    ),
    ...field(dateInput, v.errors.dateOfBirth),
  ];
  return card(
    body,
    [{ type: 'Action.Submit', title: 'Continue', style: 'positive', data: { form: 'passenger' } }],
    passengerHeading(v.index, v.total),
  );
}

/** contact_form: email (required) and mobile phone (optional); submits `{ form: 'contact', … }`. */
export function contactFormCard(v: View<'contact_form'>): AdaptiveCardJson {
  const body: AcElement[] = [
    heading('Contact details'),
    subtle('We send the confirmation and any flight changes here.', { size: 'small' }),
    ...field(
      textInput('email', 'Email', v.values.email, {
        style: 'email',
        isRequired: true,
        errorMessage: 'Enter an email address like ada@example.com.',
        regex: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
        placeholder: 'ada@example.com',
      }),
      v.errors.email,
    ),
    ...field(
      textInput('phone', 'Mobile phone (optional)', v.values.phone, {
        style: 'tel',
        errorMessage: 'Enter a phone number with its country code, e.g. +44 7700 900123.',
        regex: '^\\+?[0-9 ()-]{6,20}$',
        placeholder: '+44 7700 900123',
      }),
      v.errors.phone,
    ),
  ];
  return card(
    body,
    [{ type: 'Action.Submit', title: 'Continue', style: 'positive', data: { form: 'contact' } }],
    'Contact details',
  );
}
