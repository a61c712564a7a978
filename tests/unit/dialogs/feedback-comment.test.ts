import { isNewRequest } from '../../../dialogs/feedback';

/** While a feedback comment is awaited, the reply is the comment unless it is clearly a new request. */
describe('isNewRequest', () => {
  it.each([
    'the seat map was slow',
    'the flight list was a bit confusing to read',
    'booking was easy',
    'I found the booking page slow',
    'the change seat button did not work',
    'the market page was slow',
  ])('"%s" is a comment', (text) => expect(isNewRequest(text)).toBe(false));

  it.each([
    'I want to book a flight to Paris',
    'actually, I want to fly to Rome',
    'cancel my booking',
    'can I talk to an agent',
    'I need a flight to Rome tomorrow',
    'from Boston to Denver next week',
    'Heathrow to Paris on the 3rd',
    'help',
  ])('"%s" is a new request', (text) => expect(isNewRequest(text)).toBe(true));
});
