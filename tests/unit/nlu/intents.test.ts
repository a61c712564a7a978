import { understand } from './helpers';

describe('intents', () => {
  test.each([
    ['flights from boston to denver', 'search_flights'],
    ['i need a ticket to paris', 'search_flights'],
    ['what is the cheapest fare from boston to denver', 'search_flights'],
    ['LHR to JFK fri', 'search_flights'],
    ['show me my booking', 'manage_booking'],
    ['i want to book my tickets to paris', 'search_flights'],
    ['my flight was cancelled', 'disruption'],
    ['my flight was cancelled, what now?', 'disruption'],
    ['is my flight delayed?', 'disruption'],
    ['is my flight ABC234 on time', 'disruption'],
    ['our flight to paris got delayed', 'disruption'],
    ['flight cancelled, what now?', 'disruption'],
    ['what are my options?', 'disruption'],
    ['what happens if my flight is cancelled?', 'manage_booking'],
    ['what are my options for flights to LA on friday', 'search_flights'],
    ['i want to cancel', 'cancel_booking'],
    ['no thanks', 'deny'],
    ['can i bring my dog', 'help'],
    ['what is the status of ABC234', 'manage_booking'],
    ['XK7M9P', 'manage_booking'],
    ['I want to change my flight dates', 'manage_booking'],
    ['cancel my booking', 'cancel_booking'],
    ['please cancel reservation XK7M9P', 'cancel_booking'],
    ['I want to change my seat', 'change_seats'],
    ['can i get a window seat', 'change_seats'],
    ['how much baggage can i take', 'help'],
    ['how do i check in online', 'help'],
    ['can i get a refund', 'help'],
    ['what is the ground transportation in denver', 'help'],
    ['what type of aircraft flies from boston to denver', 'help'],
    ['talk to a human', 'agent'],
    ['can i speak to an agent please', 'agent'],
    ['agent', 'agent'],
    ['start over', 'start_over'],
    ["let's start again", 'start_over'],
    ['cancel', 'abort'],
    ['never mind', 'abort'],
    ['stop', 'abort'],
    ['hi', 'greeting'],
    ['good morning', 'greeting'],
    ['thanks!', 'thanks'],
    ['thank you so much', 'thanks'],
    ['bye', 'goodbye'],
    ["that's all", 'goodbye'],
    ['yes', 'affirm'],
    ['sounds good', 'affirm'],
    ['no', 'deny'],
    ['nope', 'deny'],
    ['more', 'more'],
    ['show me more options', 'more'],
    ['any other flights?', 'more'],
    ['this is useless', 'complaint'],
    ['terrible service', 'complaint'],
    ['asdf qwerty', 'none'],
  ])('%s -> %s', (text, intent) => {
    expect(understand(text).intent).toBe(intent);
  });

  test('help answers carry a topic', () => {
    expect(understand('what is the baggage allowance').helpTopic).toBe('baggage');
    expect(understand('can i get a refund').helpTopic).toBe('refund');
    expect(understand('flights to denver').helpTopic).toBeNull();
  });

  test('a flight search that mentions a meal is still a search', () => {
    expect(understand('flights from boston to denver that serve a meal').intent).toBe('search_flights');
  });

  test('"more" sets the more flag', () => {
    expect(understand('show more').more).toBe(true);
    expect(understand('flights to denver').more).toBe(false);
  });

  test('confidence is higher for a clear request than for gibberish', () => {
    expect(understand('flights from boston to denver tomorrow').confidence).toBeGreaterThan(
      understand('asdf').confidence,
    );
  });
});

describe('booking references (PNR)', () => {
  test.each([
    ['cancel my booking ABC234', 'ABC234'],
    ['status of xk7m9p', 'XK7M9P'],
    ['my booking is QWERTY', 'QWERTY'],
    ['MY BOOKING REF IS QWERTY', 'QWERTY'],
    ['flights to DENVER', null],
    ['I AM FLYING TOMORROW', null],
    ['booking ref 0O1IL2', null],
    ['flight UA2345 status', null],
    ['where is my booking', null],
    ['flying on friday', null],
  ])('%s -> %s', (text, pnr) => {
    expect(understand(text).pnr).toBe(pnr);
  });
});
