/** Unit tests of the IATA BCBP (Resolution 792) encoder: fixed widths, the guide's sample, names, round trips. */
import {
  bcbpFlightNumber,
  bcbpName,
  bcbpSeat,
  type BcbpLeg,
  decodeBcbpMandatory,
  decodeBcbpTicketNumbers,
  encodeBcbp,
  julianDay,
  REPEATED_MANDATORY_LENGTH,
  transliterate,
  UNIQUE_MANDATORY_LENGTH,
} from '../../api/domain/bcbp';

// The implementation guide's sample, mandatory items only.
const GUIDE_SAMPLE = 'M1DESMARAIS/LUC       EABC123 YULFRAAC 0834 326J001A0025 100';

const leg = (over: Partial<BcbpLeg> = {}): BcbpLeg => ({
  pnr: 'ABC123',
  from: 'YUL',
  to: 'FRA',
  carrier: 'AC',
  flightNumber: '834',
  date: '2026-11-22',
  compartment: 'J',
  seat: '1A',
  checkInSequence: 25,
  passengerStatus: '1',
  ...over,
});

describe('encodeBcbp, mandatory items', () => {
  it('reproduces the implementation guide sample exactly', () => {
    expect(encodeBcbp({ lastName: 'Desmarais', firstName: 'Luc', legs: [leg()] })).toBe(GUIDE_SAMPLE);
    expect(GUIDE_SAMPLE).toHaveLength(UNIQUE_MANDATORY_LENGTH + REPEATED_MANDATORY_LENGTH);
  });

  it('has a 23-character unique part and 37 characters per leg', () => {
    expect(UNIQUE_MANDATORY_LENGTH).toBe(23);
    expect(REPEATED_MANDATORY_LENGTH).toBe(37);
    const one = encodeBcbp({ lastName: 'A', firstName: 'B', legs: [leg()] });
    const three = encodeBcbp({
      lastName: 'A',
      firstName: 'B',
      legs: [leg(), leg({ from: 'FRA', to: 'GVA' }), leg({ from: 'GVA', to: 'YUL' })],
    });
    expect(one).toHaveLength(60);
    expect(three).toHaveLength(23 + 3 * 37);
    expect(three.slice(0, 2)).toBe('M3');
    // Each leg ends with "00": no conditional items, so its variable field is empty.
    for (let i = 0; i < 3; i++) expect(three.slice(23 + i * 37 + 35, 23 + (i + 1) * 37)).toBe('00');
  });

  it('pads and truncates the name to 20 characters', () => {
    const long = encodeBcbp({ lastName: 'Wolfeschlegelsteinhausen', firstName: 'Hubert', legs: [leg()] });
    expect(long.slice(2, 22)).toBe('WOLFESCHLEGELSTEINHA');
    expect(long.charAt(22)).toBe('E');
    const short = encodeBcbp({ lastName: 'Li', firstName: 'Na', legs: [leg()] });
    expect(short.slice(2, 22)).toBe('LI/NA               ');
  });

  it('writes the defaults of a ticket not yet checked in', () => {
    const s = encodeBcbp({
      lastName: 'Doe',
      firstName: 'Jane',
      legs: [leg({ checkInSequence: null, passengerStatus: undefined, seat: null, compartment: 'Y' })],
    });
    expect(s.slice(23 + 24)).toBe('Y' + '    ' + '00000' + '0' + '00');
  });

  it('writes a lap infant seat as "INF "', () => {
    expect(bcbpSeat('INF')).toBe('INF ');
    expect(bcbpSeat('12A')).toBe('012A');
    expect(bcbpSeat('123K')).toBe('123K');
    expect(bcbpSeat(null)).toBe('    ');
    expect(() => bcbpSeat('A12')).toThrow();
  });

  it('pads flight numbers to four digits plus an optional suffix', () => {
    expect(bcbpFlightNumber('117')).toBe('0117 ');
    expect(bcbpFlightNumber('7')).toBe('0007 ');
    expect(bcbpFlightNumber('1234')).toBe('1234 ');
    expect(bcbpFlightNumber('12a')).toBe('0012A');
    expect(() => bcbpFlightNumber('12345')).toThrow();
  });

  it('rejects what a reader would misparse', () => {
    expect(() => encodeBcbp({ lastName: 'A', firstName: 'B', legs: [] })).toThrow();
    expect(() => encodeBcbp({ lastName: 'A', firstName: 'B', legs: [leg(), leg(), leg(), leg(), leg()] })).toThrow();
    expect(() => encodeBcbp({ lastName: 'A', firstName: 'B', legs: [leg({ from: 'LONDON' })] })).toThrow();
    expect(() => encodeBcbp({ lastName: 'A', firstName: 'B', legs: [leg({ pnr: 'TOOLONGPNR' })] })).toThrow();
    expect(() => encodeBcbp({ lastName: 'A', firstName: 'B', legs: [leg({ date: '2026-02-30' })] })).toThrow();
  });
});

describe('julianDay', () => {
  it.each([
    ['2026-01-01', 1],
    ['2026-02-01', 32],
    ['2026-12-01', 335],
    ['2026-12-31', 365],
    ['2028-03-01', 61], // leap year
    ['2028-12-31', 366],
  ])('%s is day %i', (date, day) => {
    expect(julianDay(date)).toBe(day);
  });

  it('is written with three digits', () => {
    expect(
      encodeBcbp({ lastName: 'A', firstName: 'B', legs: [leg({ date: '2026-01-05' })] }).slice(23 + 21, 23 + 24),
    ).toBe('005');
  });

  it('reads only the date part of a local ISO time', () => {
    expect(julianDay('2026-12-01T18:30:00-05:00')).toBe(335);
  });
});

describe('names', () => {
  it('strips accents and keeps only A–Z and spaces', () => {
    expect(bcbpName('Núñez', 'José')).toBe('NUNEZ/JOSE');
    expect(bcbpName("O'Brien-Smith", 'Zoë  Anne')).toBe('OBRIENSMITH/ZOE ANNE');
    expect(bcbpName('Straße', 'Łukasz')).toBe('STRASSE/LUKASZ');
  });

  it('transliterates Cyrillic and Greek, drops scripts it cannot read', () => {
    expect(bcbpName('Иванова', 'Жанна')).toBe('IVANOVA/ZHANNA');
    expect(bcbpName('Παπαδόπουλος', 'Γιώργος')).toBe('PAPADOPOULOS/GIORGOS');
    expect(bcbpName('李', 'Wei')).toBe('/WEI');
  });

  it('keeps case when transliterating for display', () => {
    expect(transliterate('Жанна Ёлкина')).toBe('Zhanna Elkina');
    expect(transliterate('José')).toBe('Jose');
    expect(transliterate('李')).toBe('李');
    expect(transliterate('김민준')).toBe('김민준'); // Hangul syllables are not left split into jamo
  });
});

describe('decode', () => {
  it('decodes the guide sample', () => {
    expect(decodeBcbpMandatory(GUIDE_SAMPLE)).toEqual({
      formatCode: 'M',
      legCount: 1,
      passengerName: 'DESMARAIS/LUC',
      electronicTicket: true,
      legs: [
        {
          pnr: 'ABC123',
          from: 'YUL',
          to: 'FRA',
          carrier: 'AC',
          flightNumber: '0834',
          julianDate: 326,
          compartment: 'J',
          seat: '001A',
          checkInSequence: '0025',
          passengerStatus: '1',
          variable: '',
        },
      ],
    });
  });

  it('round-trips two legs with conditional items and e-ticket numbers', () => {
    const s = encodeBcbp({
      lastName: 'Müller',
      firstName: 'Jürgen',
      legs: [
        leg({
          pnr: 'XK7Q2M',
          from: 'LHR',
          to: 'CDG',
          carrier: 'BA',
          flightNumber: '304',
          date: '2026-12-01',
          compartment: 'Y',
          seat: '12A',
          checkInSequence: null,
          passengerStatus: '0',
          ticketNumber: '1251234567890',
        }),
        leg({
          pnr: 'XK7Q2M',
          from: 'CDG',
          to: 'NCE',
          carrier: 'AF',
          flightNumber: '7700',
          date: '2026-12-02',
          compartment: 'Y',
          seat: null,
          checkInSequence: null,
          passengerStatus: '0',
          ticketNumber: '1251234567890',
        }),
      ],
      conditional: { issueDate: '2026-11-03', documentType: 'I', issuer: 'BA' },
    });
    const d = decodeBcbpMandatory(s);
    expect(d.passengerName).toBe('MULLER/JURGEN');
    expect(d.legs.map((l) => [l.from, l.to, l.carrier, l.flightNumber, l.julianDate, l.seat])).toEqual([
      ['LHR', 'CDG', 'BA', '0304', 335, '012A'],
      ['CDG', 'NCE', 'AF', '7700', 336, ''],
    ]);
    // Leg 1: '>' version, unique conditional size 0B, "0  " + issue date "6307" + "I" + "BA ", then 0D + ticket.
    expect(d.legs[0]?.variable).toBe('>60B0  6307IBA 0D1251234567890');
    expect(d.legs[1]?.variable).toBe('0D1251234567890');
    expect(s.slice(23 + 35, 23 + 37)).toBe('1E'); // 30 characters, in hex
    expect(decodeBcbpTicketNumbers(s)).toEqual(['1251234567890', '1251234567890']);
  });

  it('reads no ticket number from a mandatory-only string', () => {
    expect(decodeBcbpTicketNumbers(GUIDE_SAMPLE)).toEqual([null]);
  });
});
