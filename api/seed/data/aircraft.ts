import type { AircraftTypeRecord } from '../../domain/types';

/**
 * Demo aircraft types with typical cabin layouts, front to back. `columns` spells a row's seat
 * letters with a space per aisle; exit rows are also extra-legroom rows; many carriers skip row 13.
 */
export const AIRCRAFT: AircraftTypeRecord[] = [
  {
    code: '320',
    name: 'Airbus A320',
    cabins: [
      // European business: the middle seat is blocked, so a 3-3 row sells as 2-2.
      { cabin: 'business', firstRow: 1, lastRow: 3, columns: 'AC DF', preferredRows: [1] },
      {
        cabin: 'economy',
        firstRow: 4,
        lastRow: 30,
        columns: 'ABC DEF',
        skipRows: [13],
        exitRows: [11, 12],
        extraLegroomRows: [11, 12],
        preferredRows: [4, 5, 6, 7],
      },
    ],
  },
  {
    code: '73H',
    name: 'Boeing 737-800',
    cabins: [
      { cabin: 'first', firstRow: 1, lastRow: 4, columns: 'AC DF', preferredRows: [1] },
      {
        cabin: 'economy',
        firstRow: 5,
        lastRow: 34,
        columns: 'ABC DEF',
        skipRows: [13],
        exitRows: [15, 16],
        extraLegroomRows: [5, 6, 15, 16],
        preferredRows: [7, 8, 9],
      },
    ],
  },
  {
    code: 'E75',
    name: 'Embraer 175',
    cabins: [
      { cabin: 'first', firstRow: 1, lastRow: 3, columns: 'A CD', preferredRows: [1] },
      {
        cabin: 'economy',
        firstRow: 4,
        lastRow: 21,
        columns: 'AC DF',
        skipRows: [13],
        exitRows: [10],
        extraLegroomRows: [4, 5, 10],
        preferredRows: [6, 7],
      },
    ],
  },
  {
    code: '789',
    name: 'Boeing 787-9 Dreamliner',
    cabins: [
      { cabin: 'business', firstRow: 1, lastRow: 8, columns: 'A DG K', preferredRows: [1, 2] },
      { cabin: 'premium_economy', firstRow: 20, lastRow: 25, columns: 'AC DEF HK', preferredRows: [20] },
      {
        cabin: 'economy',
        firstRow: 30,
        lastRow: 52,
        columns: 'ABC DEF HJK',
        exitRows: [30, 42],
        extraLegroomRows: [30, 31, 42],
        preferredRows: [32, 33, 34],
      },
    ],
  },
  {
    code: '77W',
    name: 'Boeing 777-300ER',
    cabins: [
      { cabin: 'first', firstRow: 1, lastRow: 2, columns: 'A E K' },
      { cabin: 'business', firstRow: 10, lastRow: 18, columns: 'A DG K', preferredRows: [10, 11] },
      { cabin: 'premium_economy', firstRow: 20, lastRow: 25, columns: 'AC DEFG HK', preferredRows: [20] },
      {
        cabin: 'economy',
        firstRow: 30,
        lastRow: 58,
        columns: 'ABC DEFG HJK',
        exitRows: [30, 45],
        extraLegroomRows: [30, 31, 45],
        preferredRows: [32, 33, 34],
      },
    ],
  },
  {
    code: '359',
    name: 'Airbus A350-900',
    cabins: [
      { cabin: 'business', firstRow: 1, lastRow: 10, columns: 'A DG K', preferredRows: [1, 2] },
      { cabin: 'premium_economy', firstRow: 20, lastRow: 23, columns: 'AC DEF HK', preferredRows: [20] },
      {
        cabin: 'economy',
        firstRow: 30,
        lastRow: 50,
        columns: 'ABC DEF HJK',
        exitRows: [30, 41],
        extraLegroomRows: [30, 31, 41],
        preferredRows: [32, 33, 34],
      },
    ],
  },
];
