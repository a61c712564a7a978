import type { BoardingPassView } from './boarding-pass.service';
import { type MailContent, localWhen, wrap } from './mail-templates';

/** The mails of online check-in: the boarding pass, the check-in reminder and the hold reminder. */

export function boardingPassMail(v: BoardingPassView, brand: string): MailContent {
  return wrap(
    `Boarding pass ${v.flightNumber} ${v.from}–${v.to}: ${v.name}`,
    [
      `${v.name} is checked in on ${v.flightNumber} ${v.from} → ${v.to}, departing ${localWhen(v.departureTime)}.`,
      `Seat ${v.seat ?? 'assigned at the gate'}, sequence ${v.sequence}. The gate closes ${localWhen(v.gateClosesTime)}.`,
      'Your boarding pass is attached (PDF). On your phone, show the barcode:',
      v.imageUrl,
      `Booking ${v.pnr}. Bring the passport you checked in with (${v.document}).`,
    ],
    brand,
  );
}

export function checkInReminderMail(
  pnr: string,
  flight: { flightNumber: string; from: string; to: string; departureTime: string },
  brand: string,
): MailContent {
  return wrap(
    `Check-in is open for ${flight.flightNumber} ${flight.from}–${flight.to}`,
    [
      `Online check-in is now open for booking ${pnr}: ${flight.flightNumber} ${flight.from} → ${flight.to}, ` +
        `departing ${localWhen(flight.departureTime)}.`,
      'Check in in the chat (say "check in") with each passenger’s passport, and get your boarding passes.',
    ],
    brand,
  );
}

export function holdReminderMail(pnr: string, payUrl: string, expiresAt: Date, brand: string): MailContent {
  const until = expiresAt.toISOString().slice(0, 16).replace('T', ' ');
  return wrap(
    `Your seats on ${pnr} are held until ${until} UTC`,
    [
      `The hold on booking ${pnr} ends at ${until} UTC. After that the seats are released.`,
      `Pay here to keep them: ${payUrl}`,
    ],
    brand,
  );
}
