/**
 * Issue 10's regression set: short conversations in the words real travellers use, one failure class of the issue
 * each, run by regression-set.test.ts against the whole bot (text, SMS and Web Chat renderings). The phrasings are
 * written for this set, not copied from any corpus.
 *
 * In what is said: {dN} is the date N days after the test clock as anyone types it ("14 December 2026"), {dN-short}
 * the same without the year ("14 December"), {pnr} and {last} the reference and last name of a booking made for the
 * case. In what is expected: {dN} is that date as the bot shows it ("Mon 14 Dec").
 */

/** The failure classes of issue 10, by its numbering. */
export const FAILURES = {
  neighbours: '1. a question must not swallow the answer’s neighbours',
  interruptions: '2. interruptions keep the booking',
  dropped: '3. nothing is dropped silently',
  corrections: '4. corrections and references',
  party: '5. the party',
  results: '6. the results say what they are',
  internal: '7. never an internal message',
  people: '8. people and feedback',
  manage: '9. manage booking',
  recovery: '10. a broken turn recovers',
} as const;
export type Failure = keyof typeof FAILURES;

/** One message and what the reply must (and must not) say. `break` first breaks the saved dialog state. */
export interface Turn {
  say: string;
  expect: RegExp;
  not?: RegExp;
  break?: true;
}

export interface RegressionCase {
  failure: Failure;
  name: string;
  turns: Turn[];
  /** The case needs a held booking ({pnr}, {last}). */
  booking?: true;
  /** Still fails today, and why: run as a failing test, so that it is noticed (and moved in) once it passes. */
  known?: string;
}

const t = (say: string, expect: RegExp, not?: RegExp): Turn => ({ say, expect, ...(not ? { not } : {}) });
const c = (
  failure: Failure,
  name: string,
  turns: Turn[],
  opts: { booking?: true; known?: string } = {},
): RegressionCase => ({
  failure,
  name,
  turns,
  ...opts,
});

const FROM = /Where are you flying from\?/;
const TO = /Where would you like to go\?/;
const WHEN = /When would you like to leave\?/;
const LON_ANY = 'London \\(any airport\\)';

export const REGRESSION_SET: RegressionCase[] = [
  // ---------------------------------------------------------------- 1. neighbours of an answer
  c('neighbours', 'a city with several airports is searched whole', [
    t('I need to get from London to New York on {d9}', /London \(any airport\) → New York \(any airport\)/),
  ]),
  c('neighbours', 'the date said after a many-airport city is kept', [
    t('flying out of London', TO),
    t('to Rome on {d8}', new RegExp(`${LON_ANY} → Rome \\(any airport\\), {d8}`)),
  ]),
  c('neighbours', 'narrowing the airports on the results in words', [
    t('London to Paris {d10}', /Searching every London airport/),
    t('just Heathrow please', /London LHR → Paris/),
  ]),
  c('neighbours', 'narrowing the arrival airport', [
    t('Edinburgh to Paris on {d10}', /Searching every Paris airport/),
    t('only Orly', /→ Paris ORY/),
  ]),
  c('neighbours', 'the destination said with the origin answer is kept', [
    t('I want to book a flight', FROM),
    t('from Manchester to Dublin', WHEN),
  ]),
  c('neighbours', 'the date said with the destination answer is kept', [
    t('book a flight from Heathrow', TO),
    t('Amsterdam, on {d11}', /London LHR → Amsterdam[^\n]*{d11}/),
  ]),
  c('neighbours', 'the party said with the origin answer is kept', [
    t('can you find me a flight to Madrid', FROM),
    t('Heathrow, there will be 3 of us', /Got it: [^\n]*3 adults|3 adults/),
  ]),
  c('neighbours', 'the cabin said with the date answer is kept', [
    t('Heathrow to Barcelona', WHEN),
    t('{d12} in business please', /London LHR → Barcelona[^\n]*{d12}[^\n]*business/),
  ]),
  c('neighbours', 'a date when the origin was asked is used, and the origin asked again', [
    t('I want to fly somewhere', FROM),
    t('on {d9}', /Got it: leaving {d9}\. Where are you flying from\?/),
  ]),
  c('neighbours', 'a date when the destination was asked is used, and the destination asked again', [
    t('I am leaving from Heathrow', TO),
    t('{d8-short}', /Got it: leaving {d8}\. Where would you like to go\?/),
  ]),
  c('neighbours', 'a cabin when the date was asked is used, and the date asked again', [
    t('Gatwick to Madrid', WHEN),
    t('premium economy', /Got it: premium economy\. When would you like to leave\?/),
  ]),
  c('neighbours', 'a party when a place was asked is used, and the place asked again', [
    t('a flight please', FROM),
    t('two adults', /Got it: 2 adults\. Where are you flying from\?/),
  ]),
  c('neighbours', 'everything in one answer ends the questions', [
    t('I need a flight', FROM),
    t('Heathrow to Rome on {d9} for 2 adults, one way', /London LHR → Rome[^\n]*{d9} · 2 adults/),
  ]),
  c('neighbours', 'a place on its own to "from where?" is the origin', [
    t('flight please', FROM),
    t('Edinburgh.', TO),
    t('London.', WHEN),
  ]),
  c('neighbours', 'a bare place then a plain origin moves the first to the destination', [
    t('I want to book a flight', FROM),
    t('Rome', TO),
    t("I'm leaving from Heathrow", /Got it: [^\n]*Rome|When would you like to leave\?/),
  ]),

  // ---------------------------------------------------------------- 2. interruptions
  c('interruptions', 'no checked bags said with the trip', [
    t('Heathrow to Paris on {d9} one way, just hand luggage, no checked bags', /London LHR → Paris/),
  ]),
  c('interruptions', 'a cat said with the trip', [
    t('Gatwick to Rome {d10} one way, my cat comes too', /Noted\.[\s\S]*London LGW → Rome/),
  ]),
  c('interruptions', 'a wheelchair said with the trip', [
    t('from Heathrow to Madrid on {d11} one way, I use a wheelchair', /London LHR → Madrid/),
  ]),
  c('interruptions', 'a baggage question at the date question', [
    t('Heathrow to Paris', WHEN),
    t('what is the baggage allowance?', /How much baggage can I take\?[\s\S]*When would you like to leave\?/),
    t('{d9}', /London LHR → Paris \(any airport\), {d9}/),
  ]),
  c('interruptions', 'a pet question on the flight list', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('can my dog fly with me?', /Can I bring my pet\?[\s\S]*London LHR → Paris/),
    t('the first one', /Which fare would you like\?/),
  ]),
  c('interruptions', 'a check-in question at the fare question', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('1', /Which fare/),
    t('when can I check in online?', /check in[\s\S]*Which fare/i),
    t('standard', /Choose a seat/),
  ]),
  c('interruptions', 'a luggage question at the seat question', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('1', /Which fare/),
    t('basic', /Choose a seat/),
    t('how many bags can I check?', /How much baggage can I take\?[\s\S]*Choose a seat/),
    t('skip', /Passenger 1 of 1/),
  ]),
  c('interruptions', 'a question before saying anything about the trip', [
    t('I want to fly from Heathrow', TO),
    t('do I need to print my boarding pass?', /check in[\s\S]*Where would you like to go\?/i),
    t('Paris', WHEN),
  ]),
  c('interruptions', 'a rating asked for mid-booking, then the booking goes on', [
    t('Heathrow to Paris', WHEN),
    t('can I rate this chat?', /How would you rate this chat/),
    t('4', /Anything you would like to add/),
    t('no', /Thanks for your feedback/),
  ]),

  // ---------------------------------------------------------------- 3. nothing dropped silently
  c('dropped', 'SD is San Diego', [t('from SD to Chicago on {d9}', /San Diego SAN → Chicago/)]),
  c('dropped', 'CDMX is Mexico City', [t('fly me to CDMX from Chicago on {d9}', /Chicago[^\n]* → Mexico City/)]),
  c('dropped', 'Chi-town is Chicago', [t('New York to Chi-town on {d9}', /New York \(any airport\) → Chicago/)]),
  c('dropped', 'KL is Kuala Lumpur', [t('Heathrow to KL on {d9}', /London LHR → Kuala Lumpur/)]),
  c('dropped', 'Rio is Rio de Janeiro, or said not served', [
    t('Heathrow to Rio on {d9}', /Rio|don't fly/, /^Noted\.$/),
  ]),
  c('dropped', 'a made-up place is named back with a way forward', [
    t('I want to go to Narnia', /I don't know a place called "Narnia"/),
  ]),
  c('dropped', 'a real place not served says so', [t('Heathrow to Nairobi, Kenya on {d9}', /We don't fly to Nairobi/)]),
  c('dropped', 'a real origin not served says so', [
    t('flights from Albuquerque to Denver next week', /We don't fly from Albuquerque/),
  ]),
  c('dropped', '"Portland, OR" is a place, not an airline', [
    t('Portland, OR to Phoenix, AZ on {d9}', /Portland PDX → Phoenix PHX/, /only/),
  ]),
  c('dropped', '"Phoenix, AZ" as a destination', [
    t('I need a flight to Phoenix, AZ', /Got it|Where are you flying from\?/, /Airlines only/),
  ]),
  c('dropped', '"business conference" is not a cabin', [
    t('Heathrow to Paris on {d9} for a business conference', /London LHR → Paris[^\n]*economy/),
  ]),
  c('dropped', '"person" is never an airport', [
    t('I want to speak to a person about a flight to Paris', /./, /Toronto|Pearson/),
  ]),
  c('dropped', '"one person" is a party, not Toronto', [
    t('Heathrow to Paris on {d9} for one person', /1 adult/, /Toronto|Pearson/),
  ]),
  c('dropped', 'a message with nothing usable is never answered with "Noted." alone', [
    t('Heathrow to Paris', WHEN),
    t('hmm okay', /When would you like to leave\?|date/, /^Noted\.$/),
  ]),
  c('dropped', 'an unknown abbreviation gets a suggestion', [
    t('from Heathrow', TO),
    t('I want to fly to LV on {d9}', /I don't know a place called "LV"\. Did you mean Las Vegas LAS\?/),
  ]),
  c('dropped', 'an unknown abbreviation after a bare "to" is named back', [
    t('from Heathrow', TO),
    t('to LV on {d9}', /I don't know a place called "LV"/),
  ]),
  c('dropped', 'an unknown abbreviation in a whole request keeps the origin', [
    t('Heathrow to LV on {d9}', /I don't know a place called "LV"\. Did you mean Las Vegas LAS\?/, FROM),
  ]),
  c('dropped', 'an unknown place said first is named back, and the trip kept for the next answer', [
    t('from Gatwick', TO),
    t('to Narnia on {d9}', /I don't know a place called "Narnia"/),
    t('Paris', /London LGW → Paris[^\n]*{d9}/),
  ]),
  c('dropped', 'an unknown place after a bare origin keeps the origin and the date', [
    t('Edinburgh to SJ on {d10}', /I don't know a place called "SJ"/, FROM),
    t('Rome', /Edinburgh[^\n]*→ Rome[^\n]*{d10}/),
  ]),

  // ---------------------------------------------------------------- 4. corrections and references
  c('corrections', 'the destination changed on the list', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('actually make it Madrid', /Got it: to Madrid[\s\S]*London LHR → Madrid/),
  ]),
  c('corrections', 'the date changed on the list', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris[^\n]*{d9}/),
    t('sorry, {d11} instead', /London LHR → Paris[^\n]*{d11}/),
  ]),
  c('corrections', 'the destination then the date changed', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('actually Rome', /London LHR → Rome[^\n]*{d9}/),
    t('and make it {d12}', /London LHR → Rome[^\n]*{d12}/),
  ]),
  c('corrections', '"no, Rome" on the flight list', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('no, Rome', /Got it: to Rome[\s\S]*London LHR → Rome/),
  ]),
  c('corrections', '"the first one"', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('the first one', /Which fare would you like\?/),
  ]),
  c('corrections', '"that one" after a flight is named', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('the second one please', /Which fare would you like\?/),
  ]),
  c('corrections', '"the cheaper one"', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t("I'll take the cheapest one", /Which fare would you like\?/),
  ]),
  c('corrections', 'a flight number and a time on the list', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('actually the BA334 one at 6pm', /Which fare|BA334/, /departAfter|departBefore/),
  ]),
  c('corrections', 'the return date moved, not the departure', [
    t('Heathrow to Paris on {d9}, back on {d12}', /London LHR → Paris/),
    t('make the return flight {d14-short}', /back {d14}/, /leaving {d14}/),
  ]),
  c('corrections', '"not Heathrow, Gatwick"', [
    t('Heathrow to Rome on {d9} one way', /London LHR → Rome/),
    t('not Heathrow, Gatwick', /London LGW → Rome/),
  ]),
  c('corrections', '"2 adults not 4"', [
    t('Heathrow to Paris on {d9} one way for 4 adults', /4 adults/),
    t('sorry, 2 adults not 4', /2 adults/),
  ]),
  c('corrections', 'the party changed at the fare question', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('1', /Which fare/),
    t('actually there are 2 of us', /2 adults/),
  ]),
  c('corrections', 'the cabin changed on the list', [
    t('Heathrow to New York on {d9} one way', /London LHR → New York/),
    t('make it business class', /business/),
  ]),
  c('corrections', 'a stale button from the flight list after the fares are shown', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('1', /Which fare/),
    t('3', /Which fare|Economy|fare/, /undefined|error/i),
  ]),
  c('corrections', 'one way said late', [
    t('Heathrow to Paris on {d9}', /London LHR → Paris/),
    t('1', /Which fare/),
    t('standard', /Would you like a return flight too\?/),
    t("no, it's one way", /Choose a seat/),
  ]),
  c('corrections', 'a return trip asked for: the way out first, the way back after it', [
    t('round trip from Heathrow to Paris leaving {d9}', /London LHR → Paris[\s\S]*The way out first/),
    t('the first one', /Which fare/),
    t('standard', /When are you coming back\?/),
    t('{d13-short}', /Return: Paris/),
  ]),
  c('corrections', 'a return trip whose way back is declined', [
    t('return flight Heathrow to Paris leaving {d9}', /London LHR → Paris/),
    t('1', /Which fare/),
    t('standard', /When are you coming back\?/),
    t('one way after all', /Choose a seat/),
  ]),
  c('corrections', 'the later date of a return trip, said plainly, is the way back', [
    t('I need a round trip to Paris', FROM),
    t('from Heathrow, leaving {d9}', /London LHR → Paris/),
    t('{d12-short}', /back {d12}|Return flights/),
  ]),

  // ---------------------------------------------------------------- 5. the party
  c('party', '"3 tickets"', [t('3 tickets from Heathrow to Paris on {d9}', /3 adults/)]),
  c('party', '"2 seats"', [t('I need 2 seats Heathrow to Rome on {d9}', /2 adults/)]),
  c('party', '"for 4"', [t('Heathrow to Madrid on {d9} for 4', /4 adults/)]),
  c('party', '"5 people"', [t('Heathrow to Paris {d9}, 5 people', /5 adults/)]),
  c('party', '"me and my 8 year old"', [t('me and my 8 year old from Heathrow to Paris on {d9}', /1 adult, 1 child/)]),
  c('party', '"my wife and our two kids"', [
    t('me, my wife and our two kids, Heathrow to Rome on {d9}', /2 adults, 2 children/),
  ]),
  c('party', 'an explicit number beats the story', [
    t(
      'my sister wanted to come with her husband but they cannot, so Heathrow to Paris {d9} for 2 adults',
      /2 adults/,
      /4 adults/,
    ),
  ]),
  c('party', 'a party as the answer to the party question', [
    t('Heathrow to Paris on {d9} for 12 adults', /How many are travelling\?/),
    t('just the two of us', /2 adults/),
  ]),
  c('party', 'a baby on a lap', [t('2 adults and a baby, Heathrow to Paris on {d9}', /2 adults, 1 infant/)]),
  c('party', 'sit together keeps a chosen seat', [
    t('Heathrow to Paris on {d9}, one way, 2 adults', /London LHR → Paris/),
    t('1', /Which fare/),
    t('standard', /Choose a seat for passenger 1/),
    t('14C', /Seat 14C for passenger 1/),
    t('can we sit together?', /Seats 14B, 14C on \w+, side by side \(keeping 14C\)/),
  ]),
  c('party', 'sit together with nobody seated yet', [
    t('Heathrow to Paris on {d9}, one way, 2 adults', /London LHR → Paris/),
    t('1', /Which fare/),
    t('standard', /Choose a seat for passenger 1/),
    t('we want to sit together', /Seats (\d+)[A-F], \1[A-F] on \w+, side by side\./),
  ]),

  // ---------------------------------------------------------------- 6. the results
  c('results', 'an airline filter is in the heading and removed in words', [
    t('Heathrow to Paris on {d9} one way with British Airways', /British Airways only/),
    t('any airline is fine', /London LHR → Paris/, /British Airways only/),
  ]),
  c('results', 'a nonstop filter is in the heading', [
    t('nonstop Heathrow to New York on {d9} one way', /London LHR → New York[^\n]*nonstop/i),
  ]),
  c('results', 'a time filter is in the heading', [
    t('Heathrow to Paris on {d9} one way, in the morning', /London LHR → Paris[^\n]*leaving between 05:00 and 12:00/),
  ]),
  c('results', 'a cabin filter is in the heading', [
    t('Heathrow to New York on {d9} one way in first class', /London LHR → New York[^\n]*first/),
  ]),
  c('results', '"on 3 november" in December asks which year', [t('Heathrow to Paris on 3 november', /3 Nov/)]),
  c('results', '"yesterday" says the date has passed', [t('Heathrow to Paris yesterday', /has already passed/)]),
  c('results', 'today is never refused as past', [
    t('Heathrow to Paris today', /London LHR → Paris/, /already passed/),
  ]),
  c('results', 'a multi-city trip books its legs in turn, the second after the first', [
    t('London to Paris on {d9}, then Paris to Rome on {d12}', /London \(any airport\) → Paris/, /Rome/),
    t('1', /Which fare/),
    t('standard', /Now leg 2 of 2\.[\s\S]*Paris \(any airport\) → Rome/),
  ]),
  c('results', 'more flights are counted', [
    t('London to New York on {d9} one way', /\(\d+ of \d+ shown\)|flights?, cheapest first/),
  ]),
  c('results', 'a route not flown at all says so', [
    t('Chicago to Mexico City on {d9}', /route doesn't seem to be flown/),
  ]),

  // ---------------------------------------------------------------- 7. never an internal message
  c('internal', 'a time window turned inside out', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('after 8pm but before 7am', /./, /departAfter|departBefore|must be earlier/),
  ]),
  c('internal', 'a very long name', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('1', /Which fare/),
    t('standard', /Choose a seat/),
    t('skip', /Passenger 1 of 1/),
    t(`Ada ${'Lovelace'.repeat(12)} 1990-12-10`, /last name/i, /lastName|ZodError|must contain/),
  ]),
  c('internal', 'a date of birth in the future', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('1', /Which fare/),
    t('standard', /Choose a seat/),
    t('skip', /Passenger 1 of 1/),
    t('Ada Lovelace 2031-01-01', /The date of birth is in the future/, /dateOfBirth/),
  ]),
  c('internal', 'a bad email', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('1', /Which fare/),
    t('standard', /Choose a seat/),
    t('skip', /Passenger 1 of 1/),
    t('Ada Lovelace 1990-12-10', /Which email/),
    t('ada at example dot com', /email/i, /ZodError|invalid_string|contact\.email/),
  ]),
  c('internal', 'a seat that does not exist', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('1', /Which fare/),
    t('standard', /Choose a seat/),
    t('99A', /There is no seat 99A/),
  ]),
  c('internal', 'gibberish', [t('asdf qwer zxcv', /Sorry, I didn't understand that/, /undefined|null/)]),
  c('internal', 'a reference that does not exist', [
    t('show booking ZZZ222 Smith', /find|booking reference and last name/i, /not_found|404/),
  ]),

  // ---------------------------------------------------------------- 8. people and feedback
  c('people', '"I want to leave feedback"', [t('I want to leave feedback', /How would you rate this chat/)]),
  c('people', '"can I rate this chat"', [t('can I rate this chat', /How would you rate this chat/)]),
  c('people', '"5 stars"', [t('5 stars', /Thank you for the 5 out of 5/)]),
  c('people', 'a written rating', [
    t('I would give this 3 out of 5', /Thank you for the 3 out of 5/),
    t('it took too long to find the fares', /Thanks for your feedback/),
  ]),
  c('people', 'a comment that mentions a seat is still a comment', [
    t('I would give this 3 out of 5', /Thank you for the 3 out of 5/),
    t('the seat map was slow', /Thanks for your/),
  ]),
  c('people', 'a comment about the flight list is still a comment', [
    t('4 stars', /Thank you for the 4 out of 5/),
    t('the flight list was a bit confusing to read', /Thanks for your feedback/),
  ]),
  c('people', 'a new trip instead of a comment is a search', [
    t('5 stars', /Thank you for the 5 out of 5/),
    t('I want to book a flight to Paris', FROM, /Thanks for your feedback/),
  ]),
  c('people', '"talk to a person" asks the reason first, never promises an email', [
    t('can I talk to a real person please', /what|reason|about/i, /we will email you|we'll email you/i),
  ]),
  c('people', 'a complaint starts a case with its reason', [
    t('I want to complain about my last flight', /./, /undefined/),
  ]),
  c(
    'people',
    'a rating follows a cancellation',
    [t('cancel my booking {pnr} {last}', /cancel/i), t('yes, cancel it', /Cancelled[\s\S]*How would you rate/)],
    { booking: true },
  ),

  // ---------------------------------------------------------------- 9. manage booking
  c(
    'manage',
    'reference and last name among filler words',
    [t('sorry typo, {pnr} {last} is my booking', /Booking {pnr}/)],
    { booking: true },
  ),
  c('manage', 'last name before the reference', [t('{last} {pnr}', /Booking {pnr}/)], { booking: true }),
  c(
    'manage',
    'a booking found stays found',
    [
      t('show my booking {pnr} {last}', /Booking {pnr}/),
      t('cancel my booking', /cancel/i, /booking reference and last name/),
    ],
    { booking: true },
  ),
  c(
    'manage',
    '"ok yes cancel it"',
    [t('I need to cancel {pnr} {last}', /cancel/i), t('ok yes cancel it', /Cancelled/)],
    { booking: true },
  ),
  c(
    'manage',
    '"where\'s my refund?"',
    [
      t('show booking {pnr} {last}', /Booking {pnr}/),
      t("where's my refund?", /refund/i, /booking reference and last name/),
    ],
    { booking: true },
  ),
  c(
    'manage',
    'the reference asked for after "my booking"',
    [t('I want to change my booking', /booking reference and last name/), t('{pnr} {last}', /Booking {pnr}/)],
    { booking: true },
  ),
  c('manage', 'finding a flight for a trip coming up is a new search', [
    t('find me a oneway flight for my trip coming up', FROM, /booking reference/),
  ]),
  c('manage', 'getting a ticket for "my trip" is a new search', [
    t('can you get me a cheap ticket for my trip to Rome', FROM, /booking reference/),
  ]),
  c('manage', 'the last name in lower case', [t('booking {pnr} lovelace', /Booking {pnr}/)], { booking: true }),
  c(
    'manage',
    'a special request with the reference, confirmed',
    [
      t('I need a wheelchair at the airport, booking {pnr} {last}', /Add a wheelchair[\s\S]*Shall I go ahead\?/),
      t('yes', /Done\. Added a wheelchair/),
    ],
    { booking: true },
  ),
  c(
    'manage',
    'a meal asked for on a found booking, then declined',
    [
      t('show booking {pnr} {last}', /Booking {pnr}/),
      t('can I get a vegetarian meal?', /Add a vegetarian meal/, /booking reference and last name/),
      t('no', /special requests stay as they are/),
    ],
    { booking: true },
  ),
  c(
    'manage',
    'removing a request the booking does not have',
    [t('show booking {pnr} {last}', /Booking {pnr}/), t('remove the meal request', /no meal request on booking/)],
    { booking: true },
  ),
  c('manage', 'a question about pets stays a question', [
    t('can I bring my dog?', /Can I bring my pet\?/, /booking reference/),
  ]),

  // ---------------------------------------------------------------- 10. a broken turn recovers
  c('recovery', 'a broken saved state mid-booking: an apology, the trip kept', [
    t('Heathrow to Paris on {d9} one way', /London LHR → Paris/),
    t('1', /Which fare/),
    { say: 'standard', expect: /Sorry, I lost my place[\s\S]*London LHR → Paris/, break: true },
    t('1', /Which fare|Choose a seat/),
  ]),
  c('recovery', 'a broken saved state with nothing booked yet: the menu', [
    t('I want to book a flight', FROM),
    { say: 'hmm', expect: /Sorry, I lost my place/, break: true },
    t('Heathrow to Paris on {d9}', /London LHR → Paris/),
  ]),
];
