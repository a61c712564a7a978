import type { BookingView } from '../../../api/services/booking-view';
import { specialRequestLines } from '../../../cards/shared/special-requests';
import {
  changeLines,
  newRequestSet,
  planRequest,
  type RequestAsk,
} from '../../../dialogs/manage-booking/special-request-plan';
import { agentBookingBlocks } from '../../../bot/channels/slack/case-blocks';
import { booking } from '../cards/fixtures';

const before = new Date('2026-11-01T10:00:00.000Z');
const ask = (over: Partial<RequestAsk>): RequestAsk => ({
  code: null,
  kind: null,
  remove: false,
  passengers: null,
  flights: null,
  ...over,
});
const withRequests = (b: BookingView, codes: string[]): BookingView => ({
  ...b,
  passengers: b.passengers.map((p, i) =>
    i === 0
      ? { ...p, specialRequests: codes.map((code) => ({ flightId: b.flights[0]!.flightId, code, label: code })) }
      : p,
  ),
});

describe('special request plan (what the chat still has to ask)', () => {
  const seated = booking.passengers.filter((p) => p.type !== 'INF');

  it('asks what, then which meal, then whom and which flight, in that order', () => {
    expect(planRequest(booking, ask({}), before).step).toBe('what');
    expect(planRequest(booking, ask({ kind: 'meal' }), before).step).toBe('meal');
    const who = planRequest(booking, ask({ code: 'VGML', kind: 'meal' }), before);
    if (booking.passengers.length > 1) expect(who.step).toBe('who');
    const everyone = booking.passengers.map((p) => p.index);
    const flight = planRequest(booking, ask({ code: 'VGML', kind: 'meal', passengers: everyone }), before);
    expect(flight.step).toBe(booking.flights.length > 1 ? 'flight' : 'confirm');
  });

  it('offers a pet only to adults, and a baby meal only to a lap infant', () => {
    const pet = planRequest(booking, ask({ kind: 'pet' }), before);
    if (pet.step === 'who') expect(pet.passengers.every((p) => p.type === 'ADT')).toBe(true);
    const allFlights = booking.flights.map((f) => f.flightId);
    const baby = planRequest(booking, ask({ code: 'BBML', kind: 'meal', flights: allFlights }), before);
    const infants = booking.passengers.filter((p) => p.type === 'INF');
    if (infants.length === 0) expect(baby).toMatchObject({ step: 'end', note: expect.stringContaining('lap') });
    expect(seated.length).toBeGreaterThan(0);
  });

  it('replaces a meal of the same passenger and flight, and keeps the other requests', () => {
    const b = withRequests(booking, ['KSML', 'WCHR']);
    const plan = planRequest(
      b,
      ask({ code: 'VGML', kind: 'meal', passengers: [0], flights: [b.flights[0]!.flightId] }),
      before,
    );
    if (plan.step !== 'confirm') throw new Error(`not confirming: ${plan.step}`);
    expect(changeLines(plan.changes)[0]).toContain('instead of a kosher meal (KSML)');
    const set = newRequestSet(b, plan.changes)
      .map((r) => r.code)
      .sort();
    expect(set).toEqual(['VGML', 'WCHR']);
  });

  it('removes only what matches, and says when there is nothing to remove', () => {
    const b = withRequests(booking, ['GFML', 'WCHR']);
    const plan = planRequest(b, ask({ kind: 'meal', remove: true }), before);
    if (plan.step !== 'confirm') throw new Error(`not confirming: ${plan.step}`);
    expect(newRequestSet(b, plan.changes).map((r) => r.code)).toEqual(['WCHR']);
    expect(planRequest(booking, ask({ kind: 'pet', remove: true }), before)).toMatchObject({ step: 'end' });
  });

  it('refuses changes once every flight has left', () => {
    const after = new Date(new Date(booking.flights[booking.flights.length - 1]!.departureUtc).getTime() + 1);
    expect(planRequest(booking, ask({ code: 'VGML', kind: 'meal' }), after)).toMatchObject({ step: 'end' });
  });
});

describe('special requests shown to agents', () => {
  it('lists each request with its meaning, in the Slack desk booking view too', () => {
    const b = withRequests(booking, ['WCHR']);
    b.passengers[0]!.specialRequests[0]!.label = 'Wheelchair to the aircraft door (can climb steps)';
    const [line] = specialRequestLines(b);
    const p = b.passengers[0]!;
    expect(line).toBe(
      `${p.firstName} ${p.lastName} · ${b.flights[0]!.flightNumber} · WCHR Wheelchair to the aircraft door (can climb steps)`,
    );
    const blocks = JSON.stringify(agentBookingBlocks(b, before));
    expect(blocks).toContain('*Special requests*');
    expect(blocks).toContain('WCHR Wheelchair to the aircraft door');
    expect(JSON.stringify(agentBookingBlocks(booking, before))).not.toContain('Special requests');
  });
});
