import { understand } from './helpers';

describe('departure time windows', () => {
  test.each([
    ['tomorrow morning', '05:00', '12:00'],
    ['in the afternoon', '12:00', '18:00'],
    ['friday evening', '18:00', '23:59'],
    ['tonight', '18:00', '23:59'],
    ['early morning', '05:00', '08:00'],
    ['late afternoon', '15:00', '18:00'],
    ['red eye', '21:00', '23:59'],
    ['before 7 am', '00:00', '07:00'],
    ['before 7', '00:00', '07:00'],
    ['after 5pm', '17:00', '23:59'],
    ['after 5', '17:00', '23:59'],
    ['around 8', '07:00', '09:00'],
    ['around 8 pm', '19:00', '21:00'],
    ['at 7:30am', '07:30', '07:30'],
    ['at 18:45', '18:45', '18:45'],
    ['at 1505', '15:05', '15:05'],
    ['between 2 and 5pm', '14:00', '17:00'],
    ['by noon', '00:00', '12:00'],
    ["after 6 o'clock pm", '18:00', '23:59'],
    ['leaving at 718 am', '07:18', '07:18'],
    // a period and a clock time narrow each other
    ['in the morning before 8', '05:00', '08:00'],
    ['after 3 in the afternoon', '15:00', '18:00'],
  ])('%s -> %s-%s', (text, from, to) => {
    expect(understand(`flights from boston to denver ${text}`).departTime).toEqual({ from, to });
  });

  test.each(['flight 825 from boston', '2 adults to denver', 'one way to denver', 'fares under 300 dollars'])(
    'no time in "%s"',
    (text) => {
      expect(understand(text).departTime).toBeNull();
    },
  );

  test('return and arrival times go to their own legs', () => {
    const u = understand('leave around 8 and come back between 2 and 5pm');
    expect(u.departTime).toEqual({ from: '07:00', to: '09:00' });
    expect(u.returnTime).toEqual({ from: '14:00', to: '17:00' });
    const a = understand('from boston to denver arriving before 5 pm');
    expect(a.departTime).toBeNull();
    expect(a.arriveTime).toEqual({ from: '00:00', to: '17:00' });
  });
});
