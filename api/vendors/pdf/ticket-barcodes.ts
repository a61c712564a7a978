import bwipjs from 'bwip-js';
import { crc32, deflateSync } from 'node:zlib';
import { COMPARTMENT_CODE, encodeBcbp } from '../../domain/bcbp';
import type { BookingView } from '../../services/booking-view';

/** The BCBP barcodes printed on the e-ticket: one per passenger per flight. */

type Flight = BookingView['flights'][number];
type Passenger = BookingView['passengers'][number];

export interface TicketBarcode {
  passenger: Passenger;
  flight: Flight;
  /** The BCBP string, or null when the flight's data cannot be encoded (e.g. a flight no longer on file). */
  bcbp: string | null;
  png: Buffer | null;
}

/** Resolution 792 passenger description codes. */
const DESCRIPTION: Record<Passenger['type'], string> = { ADT: '0', CHD: '3', INF: '4' };

/**
 * One leg per barcode, so each card stays readable on its own. Document type 'I' (itinerary
 * receipt): the traveller is not checked in, so this must not pass for a boarding pass. With
 * `checkIn` it is one: document type 'B', passenger status '1' (checked in) and the check-in sequence.
 */
export function ticketBcbp(
  booking: BookingView,
  passenger: Passenger,
  flight: Flight,
  issuedAt: Date,
  checkIn: { sequence: number } | null = null,
): string {
  const carrier = flight.airline.code;
  const number = flight.flightNumber.startsWith(carrier)
    ? flight.flightNumber.slice(carrier.length)
    : flight.flightNumber;
  return encodeBcbp({
    lastName: passenger.lastName,
    firstName: passenger.firstName,
    legs: [
      {
        pnr: booking.pnr,
        from: flight.origin.code,
        to: flight.destination.code,
        carrier,
        flightNumber: number,
        // Local date at the origin: the BCBP date of flight is the local departure date.
        date: flight.departureTime.slice(0, 10),
        compartment: COMPARTMENT_CODE[flight.cabin],
        seat: passenger.type === 'INF' ? 'INF' : (passenger.seats[String(flight.flightId)] ?? null),
        checkInSequence: checkIn?.sequence ?? null,
        passengerStatus: checkIn ? '1' : '0',
        // A malformed ticket number is left out rather than costing the passenger the barcode.
        ticketNumber: passenger.ticketNumber && /^\d{13}$/.test(passenger.ticketNumber) ? passenger.ticketNumber : null,
      },
    ],
    conditional: {
      passengerDescription: DESCRIPTION[passenger.type],
      issueDate: issuedAt.toISOString().slice(0, 10),
      documentType: checkIn ? 'B' : 'I',
      issuer: booking.flights[0]?.airline.code ?? carrier,
    },
  });
}

/**
 * PDF417 as a PNG: bwip-js encodes the symbol (picking the error-correction level for the data
 * length, the ISO 15438 minimum) and we write its module grid as a 1-bit greyscale PNG. That is
 * several times faster than bwip-js's own raster PNG, and opaque: an RGBA PNG would make pdfkit
 * store a second (mask) image per barcode.
 */
export function pdf417Png(text: string, pxPerModule = 3): Buffer {
  const sym = bwipjs.raw({ bcid: 'pdf417', text })[0];
  if (!sym || !('pixs' in sym)) throw new Error('bwip-js returned no PDF417 matrix');
  const rows = sym.pixs.length / sym.pixx;
  // pixy counts module rows; each symbol row is several modules high (3 by default).
  const rowHeight = Math.max(1, Math.round(sym.pixy / rows));
  const quiet = 2;
  const width = (sym.pixx + 2 * quiet) * pxPerModule;
  const height = (sym.pixy + 2 * quiet) * pxPerModule;
  const stride = Math.ceil(width / 8);
  const raw = Buffer.alloc((stride + 1) * height, 0);
  for (let py = 0; py < height; py++) {
    const line = raw.subarray(py * (stride + 1) + 1, (py + 1) * (stride + 1));
    line.fill(0xff); // white; filter byte 0 ("none") stays in front of each line
    const my = Math.floor(py / pxPerModule) - quiet;
    if (my < 0 || my >= sym.pixy) continue;
    const row = Math.floor(my / rowHeight);
    for (let px = 0; px < width; px++) {
      const mx = Math.floor(px / pxPerModule) - quiet;
      if (mx >= 0 && mx < sym.pixx && sym.pixs[row * sym.pixx + mx] === 1) {
        line[px >> 3] = (line[px >> 3] ?? 0) & ~(0x80 >> (px & 7));
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** Every passenger's barcode for every flight, passenger by passenger. Failures become null, never a crash. */
export function ticketBarcodes(booking: BookingView, issuedAt: Date): TicketBarcode[] {
  return booking.passengers.flatMap((passenger) =>
    booking.flights.map((flight) => {
      let bcbp: string | null = null;
      try {
        bcbp = ticketBcbp(booking, passenger, flight, issuedAt);
        return { passenger, flight, bcbp, png: pdf417Png(bcbp) };
      } catch {
        return { passenger, flight, bcbp, png: null };
      }
    }),
  );
}
