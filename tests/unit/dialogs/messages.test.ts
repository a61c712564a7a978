import { parsePassengerText } from '../../../dialogs/book-flight/passenger-details.dialog';
import type { BotMessage } from '../../../cards/types';
import { matchChoice } from '../../../dialogs/messages';

/**
 * Typed replies: a number or a label picks a choice shown (as text channels number them); names and dates in free text.
 */

const MENU: BotMessage = {
  text: 'What would you like to do?',
  choices: [
    { value: 'menu:book', label: 'Book a flight' },
    { value: 'menu:manage', label: 'My booking' },
    { value: 'menu:help', label: 'Help' },
  ],
};

const FARES: BotMessage = {
  text: 'Which fare?',
  card: {
    kind: 'fare_options',
    offer: {} as never,
    fares: ['basic', 'standard', 'flex'].map((f) => ({
      fare: {
        fareFamily: f,
        name: `Economy ${f[0]!.toUpperCase()}${f.slice(1)}`,
        price: { amount: 100, currency: 'GBP' },
      } as never,
      choice: `fare:${f}`,
    })),
  },
  choices: [{ value: 'flex3', label: '± 3 days' }],
};

describe('matchChoice', () => {
  it.each<[string, BotMessage, string, string | null]>([
    ['a number', MENU, '2', 'menu:manage'],
    ['"#3"', MENU, '#3', 'menu:help'],
    ['"option 1"', MENU, 'option 1', 'menu:book'],
    ['"number 2"', MENU, 'number 2', 'menu:manage'],
    ['"1st"', MENU, '1st', 'menu:book'],
    ['"3."', MENU, '3.', 'menu:help'],
    ['a number past the list', MENU, '4', null],
    ['zero', MENU, '0', null],
    ['the label', MENU, 'Book a flight', 'menu:book'],
    ['the label in any case and punctuation', MENU, 'book a flight!', 'menu:book'],
    ['part of one label', MENU, 'my booking please', null],
    ['a unique part of a label', MENU, 'booking', 'menu:manage'],
    ['words in several labels', FARES, 'economy', null],
    ['two letters are too few', MENU, 'bo', null],
    ['the card items are numbered first', FARES, '3', 'fare:flex'],
    ['then the message choices', FARES, '4', 'flex3'],
    ['a card label', FARES, 'Economy Standard', 'fare:standard'],
    ['nothing typed', MENU, '', null],
  ])('%s: "%s"', (_name, shown, text, value) => {
    expect(matchChoice({ text, value: null }, shown)?.value ?? null).toBe(value);
  });

  it('a card button sends the value itself, which must be one of the choices', () => {
    expect(matchChoice({ text: '', value: { choice: 'menu:help' } }, MENU)?.value).toBe('menu:help');
    expect(matchChoice({ text: '', value: { choice: 'menu:other' } }, MENU)).toBeNull();
  });
});

describe('parsePassengerText', () => {
  it.each<[string, string, { firstName?: string; lastName?: string; dateOfBirth?: string }]>([
    ['Ada Lovelace 1990-12-10', 'Europe/London', { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-12-10' }],
    [
      'Ada King Lovelace, born 10 Dec 1990',
      'Europe/London',
      { firstName: 'Ada King', lastName: 'Lovelace', dateOfBirth: '1990-12-10' },
    ],
    ['Ada Lovelace 10/12/1990', 'Europe/London', { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-12-10' }],
    [
      'Ada Lovelace 12/10/1990',
      'America/New_York',
      { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-12-10' },
    ],
    [
      'my name is Ada Lovelace, date of birth 10 December 1990',
      'UTC',
      { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-12-10' },
    ],
    ['Ada', 'UTC', { firstName: 'Ada', lastName: undefined, dateOfBirth: undefined }],
    ['Ada Lovelace', 'UTC', { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: undefined }],
    [
      "Seán O'Brien-Murphy 1980-02-29",
      'UTC',
      { firstName: 'Seán', lastName: "O'Brien-Murphy", dateOfBirth: '1980-02-29' },
    ],
  ])('"%s" (%s)', (text, zone, expected) => {
    expect(parsePassengerText(text, zone)).toMatchObject(expected);
  });
});
