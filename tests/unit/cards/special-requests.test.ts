import { passengerSeats } from '../../../cards/shared/describe';
import { draft } from './fixtures';

describe('special requests on the booking card (travellers and agents on every channel)', () => {
  const [ada] = draft.passengers;
  const flight = draft.flights[0]!;

  it('lists the codes next to the seat of their flight only', () => {
    const requests = [
      { flightId: flight.flightId, code: 'VGML', label: 'Vegetarian meal (vegan)' },
      { flightId: flight.flightId, code: 'WCHR', label: 'Wheelchair' },
    ];
    const line = passengerSeats({ ...ada!, specialRequests: requests }, draft.flights);
    expect(line).toContain(`${flight.flightNumber} ${ada!.seats[String(flight.flightId)]} (VGML, WCHR)`);
    expect(line.match(/\(/g)).toHaveLength(1);
    expect(passengerSeats(ada!, draft.flights)).not.toContain('(');
  });

  it('shows a lap infant only its requests', () => {
    const baby = { ...ada!, type: 'INF' as const, seats: {}, specialRequests: [] };
    expect(passengerSeats(baby, draft.flights)).toBe('');
    const fed = { ...baby, specialRequests: [{ flightId: flight.flightId, code: 'BBML', label: 'Baby meal' }] };
    expect(passengerSeats(fed, draft.flights)).toBe(`${flight.flightNumber} BBML`);
  });
});
