/** Unit tests of the e-ticket and receipt PDF: a hand-built booking, rendered without compression. */
import { writeFileSync } from 'node:fs';
import { decodeBcbpMandatory, decodeBcbpTicketNumbers } from '../../api/domain/bcbp';
import { fareConditions } from '../../api/domain/fares';
import type { BookingView } from '../../api/services/booking-view';
import { safeText } from '../../api/vendors/pdf/pdf-text';
import { ticketBcbp } from '../../api/vendors/pdf/ticket-barcodes';
import { renderTicketPdf, type TicketInput } from '../../api/vendors/pdf/ticket-pdf';

type Flight = BookingView['flights'][number];
type Passenger = BookingView['passengers'][number];

const airport = (code: string, city: string, name: string, timeZone: string) => ({ code, city, name, timeZone });
const LHR = airport('LHR', 'London', 'Heathrow', 'Europe/London');
const JFK = airport('JFK', 'New York', 'John F. Kennedy International', 'America/New_York');
const LAX = airport('LAX', 'Los Angeles', 'Los Angeles International', 'America/Los_Angeles');

function flight(
  id: number,
  segment: number,
  direction: 'outbound' | 'inbound',
  no: string,
  o: typeof LHR,
  d: typeof LHR,
  dep: string,
  arr: string,
  depUtc: string,
  arrUtc: string,
): Flight {
  return {
    flightId: id,
    flightNumber: no,
    airline: { code: 'BA', name: 'British Airways' },
    origin: o,
    destination: d,
    departureTime: dep,
    arrivalTime: arr,
    departureUtc: depUtc,
    arrivalUtc: arrUtc,
    durationMinutes: Math.round((Date.parse(arrUtc) - Date.parse(depUtc)) / 60_000),
    aircraft: { code: '77W', name: 'Boeing 777-300ER' },
    status: 'scheduled',
    segment,
    direction,
    leg: direction === 'inbound' ? 1 : 0,
    cabin: 'economy',
    fareFamily: 'standard',
    fareName: 'Economy Standard',
    conditions: fareConditions('economy', 'standard', 'GBP'),
  };
}

// Outbound LHR–JFK–LAX with a connection, return LAX–LHR nonstop.
const FLIGHTS: Flight[] = [
  flight(
    101,
    1,
    'outbound',
    'BA117',
    LHR,
    JFK,
    '2026-12-01T08:30:00+00:00',
    '2026-12-01T11:25:00-05:00',
    '2026-12-01T08:30:00.000Z',
    '2026-12-01T16:25:00.000Z',
  ),
  flight(
    102,
    2,
    'outbound',
    'BA1503',
    JFK,
    LAX,
    '2026-12-01T13:10:00-05:00',
    '2026-12-01T16:35:00-08:00',
    '2026-12-01T18:10:00.000Z',
    '2026-12-02T00:35:00.000Z',
  ),
  flight(
    103,
    3,
    'inbound',
    'BA268',
    LAX,
    LHR,
    '2026-12-10T18:30:00-08:00',
    '2026-12-11T12:40:00+00:00',
    '2026-12-11T02:30:00.000Z',
    '2026-12-11T12:40:00.000Z',
  ),
];

function passenger(
  index: number,
  firstName: string,
  lastName: string,
  type: Passenger['type'],
  seatRow: number | null,
): Passenger {
  return {
    index,
    firstName,
    lastName,
    dateOfBirth: null,
    type,
    holdsInfant: false,
    specialAssistance: false,
    ticketNumber: `125${String(4_000_000_000 + index).padStart(10, '0')}`,
    seats:
      seatRow === null
        ? {}
        : Object.fromEntries(FLIGHTS.map((f) => [String(f.flightId), `${seatRow}${'ACDF'[(index - 1) % 4]}`])),
    specialRequests: [],
  };
}

function booking(passengers: Passenger[]): BookingView {
  const gbp = (amount: number) => ({ amount, currency: 'GBP' });
  return {
    pnr: 'XK7Q2M',
    status: 'confirmed',
    holdExpiresAt: null,
    createdAt: '2026-11-03T09:00:00.000Z',
    confirmedAt: '2026-11-03T09:05:00.000Z',
    cancelledAt: null,
    masked: false,
    price: {
      total: gbp(149_960),
      fares: gbp(126_000),
      seats: gbp(4_000),
      taxes: gbp(19_960),
      breakdown: {
        currency: 'GBP',
        fares: FLIGHTS.flatMap((f) => [
          {
            segment: f.segment,
            flightId: f.flightId,
            passengerType: 'ADT' as const,
            count: 1,
            unitAmount: 40_000,
            amount: 40_000,
          },
          {
            segment: f.segment,
            flightId: f.flightId,
            passengerType: 'INF' as const,
            count: 1,
            unitAmount: 2_000,
            amount: 2_000,
          },
        ]),
        seats: [{ flightId: 101, passenger: 1, designator: '31A', tier: 'extra_legroom', amount: 4_000 }],
        taxes: [
          { code: 'UB', description: 'UK passenger service charge', amount: 5_960 },
          { code: 'GB', description: 'Air passenger duty', amount: 14_000 },
        ],
        fareTotal: 126_000,
        seatTotal: 4_000,
        taxTotal: 19_960,
        total: 149_960,
      },
    },
    flights: FLIGHTS,
    passengers,
    contact: { email: 'jose@example.com', phone: '+44 20 7946 0000' },
    payment: null,
    refunds: [],
  };
}

const JOSE_REQUESTS = [
  { flightId: 101, code: 'VGML', label: 'Vegetarian meal (vegan)' },
  { flightId: 101, code: 'WCHR', label: 'Wheelchair to the aircraft door (can climb steps)' },
];
const BASE_PASSENGERS = [
  { ...passenger(1, 'José', 'Núñez', 'ADT', 31), specialRequests: JOSE_REQUESTS },
  passenger(2, 'Lucía', 'Núñez', 'INF', null),
];

function input(b: BookingView): TicketInput {
  return {
    booking: b,
    issuedAt: new Date('2026-11-03T09:05:00Z'),
    payment: {
      provider: 'Stripe',
      reference: 'pi_3QxY1234567890',
      amount: b.price.total,
      paidAt: new Date('2026-11-03T09:04:30Z'),
    },
    brand: { name: 'Jetway', supportEmail: 'help@jetway.example', supportPhone: '+44 20 7946 0999' },
  };
}

// The WinAnsi bytes 0x80–0x9F this PDF uses; the rest of WinAnsi is Latin-1.
const WIN_ANSI: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
};

/** The text of every TJ operator: pdfkit writes strings as hex, split around kerning adjustments. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
    const hex = [...(m[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1] ?? '').join('');
    lines.push([...Buffer.from(hex, 'hex')].map((b) => WIN_ANSI[b] ?? String.fromCharCode(b)).join(''));
  }
  return lines.join('\n');
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe('e-ticket PDF', () => {
  let pdf: Buffer;
  let cpuMs: number;

  beforeAll(async () => {
    // CPU time rather than wall time: a loaded CI machine must not fail the test, slow code must.
    // This first render also pays for loading bwip-js and pdfkit's fonts.
    const start = process.cpuUsage();
    pdf = await renderTicketPdf(input(booking(BASE_PASSENGERS)));
    const used = process.cpuUsage(start);
    cpuMs = (used.user + used.system) / 1000;
    // TICKET_SAMPLE=/tmp/sample-ticket.pdf keeps the file for a look.
    if (process.env.TICKET_SAMPLE) writeFileSync(process.env.TICKET_SAMPLE, pdf);
  });

  it('is a PDF rendered quickly', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(cpuMs).toBeLessThan(2_000);
  });

  it('carries the PNR, ticket numbers, local times and money as text', () => {
    const text = pdfText(pdf);
    expect(text).toContain('XK7Q2M');
    expect(text).toContain('1254000000001');
    expect(text).toContain('1254000000002');
    expect(text).toContain('E-ticket and receipt');
    expect(text).toContain('José Núñez'); // WinAnsi keeps the accents
    expect(text).toContain('Infant on lap');
    expect(text).toContain('31A (VGML, WCHR)'); // special requests next to the seat, on their flight only
    expect(text).toContain('Tue 1 Dec 2026 08:30 (UTC+00:00)');
    expect(text).toContain('Tue 1 Dec 2026 16:35 (UTC-08:00)');
    expect(text).toContain('Connection in New York (JFK): 1h 45m');
    expect(text).toContain('£1,499.60');
    expect(text).toContain('Infant on lap: 1 × 3 flights');
    expect(text).toContain('pi_3QxY1234567890');
    expect(text).toContain('Times are local at each airport');
    expect(text).toContain('help@jetway.example');
  });

  it('puts the PNR in the document info too', () => {
    expect(pdf.toString('latin1')).toContain('(E-ticket and receipt XK7Q2M)');
  });

  it('draws one barcode image per passenger per flight', () => {
    // Counted where drawn ("/I1 Do"): each PNG's alpha is stored as a second, mask image object.
    const drawn = pdf.toString('latin1').match(/\/I\d+ Do/g) ?? [];
    expect(drawn).toHaveLength(BASE_PASSENGERS.length * FLIGHTS.length);
  });

  it('encodes the BCBP of each passenger and flight', () => {
    const b = booking(BASE_PASSENGERS);
    const adult = ticketBcbp(
      b,
      BASE_PASSENGERS[0] as Passenger,
      FLIGHTS[1] as Flight,
      new Date('2026-11-03T09:05:00Z'),
    );
    const d = decodeBcbpMandatory(adult);
    expect(d.passengerName).toBe('NUNEZ/JOSE');
    expect(d.legs[0]).toMatchObject({
      pnr: 'XK7Q2M',
      from: 'JFK',
      to: 'LAX',
      carrier: 'BA',
      flightNumber: '1503',
      julianDate: 335,
      compartment: 'Y',
      seat: '031A',
    });
    expect(decodeBcbpTicketNumbers(adult)).toEqual(['1254000000001']);
    const infant = ticketBcbp(
      b,
      BASE_PASSENGERS[1] as Passenger,
      FLIGHTS[2] as Flight,
      new Date('2026-11-03T09:05:00Z'),
    );
    expect(decodeBcbpMandatory(infant).legs[0]).toMatchObject({ seat: 'INF', julianDate: 344 });
  });

  // 24 barcodes: bwip-js's PDF417 encoder is the slow part (~10 ms each warm, several times that cold).
  it('adds pages as passengers are added', async () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      passenger(i + 1, `Traveller${i + 1}`, 'Smith', i === 7 ? 'CHD' : 'ADT', 20 + i),
    );
    const big = await renderTicketPdf(input(booking(many)));
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    expect(pageCount(big)).toBeGreaterThan(pageCount(pdf));
    expect(pdfText(big)).toContain(`Page ${pageCount(big)} of ${pageCount(big)}`);
    expect(big.toString('latin1').match(/\/I\d+ Do/g) ?? []).toHaveLength(8 * FLIGHTS.length);
  }, 20_000);

  it('cuts names too long for their column instead of overlapping', async () => {
    const long = [passenger(1, 'Maximiliana Josephina Wilhelmina', 'Wolfeschlegelsteinhausenbergerdorff', 'ADT', 12)];
    const text = pdfText(await renderTicketPdf(input(booking(long))));
    expect(text).toMatch(/Maximiliana Josephina Wilhelmina Wolfe\S*…/);
  });

  it('does not crash on names the standard fonts cannot draw', async () => {
    const names = [
      passenger(1, 'Жанна', 'Иванова', 'ADT', 12),
      passenger(2, '小龍', '李', 'ADT', 13),
      passenger(3, 'Γιώργος', 'Παπαδόπουλος', 'CHD', 14),
    ];
    const out = await renderTicketPdf(input(booking(names)));
    const text = pdfText(out);
    expect(text).toContain('Zhanna Ivanova');
    expect(text).toContain('?? ?');
    expect(text).toContain('Giorgos Papadopoulos');
    expect(safeText('₩ → 李')).toBe('? ? ?');
  });

  it("falls back to the booking's own payment and lists refunds", async () => {
    const b: BookingView = {
      ...booking(BASE_PASSENGERS),
      payment: {
        provider: 'stripe',
        amount: { amount: 149_960, currency: 'GBP' },
        paidAt: '2026-11-03T09:04:30.000Z',
        reference: 'pi_fromview',
      },
      refunds: [
        {
          amount: { amount: 10_000, currency: 'GBP' },
          status: 'succeeded',
          reason: 'Schedule change',
          createdAt: '2026-11-20T10:00:00.000Z',
        },
      ],
    };
    const { payment: _omit, ...withoutPayment } = input(b);
    const text = pdfText(await renderTicketPdf(withoutPayment));
    expect(text).toContain('Payment reference pi_fromview');
    expect(text).toContain('Refund 20 Nov 2026 – Schedule change');
    expect(text).toContain('-£100');
    expect(text).toContain('£1,399.60');
  });

  it('leaves barcodes off a booking that is not confirmed', async () => {
    const held = { ...booking(BASE_PASSENGERS), status: 'held' as const };
    const out = await renderTicketPdf({ ...input(held), payment: null });
    expect(out.toString('latin1')).not.toMatch(/\/I\d+ Do/);
    const text = pdfText(out);
    expect(text).toContain('Not valid for travel.');
    expect(text).toContain('Not paid yet');
  });
});
