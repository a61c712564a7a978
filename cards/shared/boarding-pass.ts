import type { BoardingPassView } from '../../api/services/boarding-pass.service';
import { formatLocalDate, formatLocalTime } from './format';

/** What every rendering of a boarding pass says, as label/value rows (local times at the origin). */
export function boardingPassRows(p: BoardingPassView): { label: string; value: string }[] {
  return [
    { label: 'Passenger', value: p.name },
    { label: 'Flight', value: `${p.flightNumber} ${p.from}–${p.to}` },
    { label: 'Departs', value: `${formatLocalTime(p.departureTime)} on ${formatLocalDate(p.departureTime)}` },
    { label: 'Gate closes', value: formatLocalTime(p.gateClosesTime) },
    { label: 'Seat', value: p.seat ?? 'at the gate' },
    { label: 'Sequence', value: String(p.sequence).padStart(3, '0') },
    { label: 'Passport', value: p.document },
  ];
}
