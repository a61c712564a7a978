import type { FlightRow } from '../../api/domain/records';
import { DomainError } from '../../api/errors';
import { expandLayout, type SeatDefinition } from '../../api/domain/seat-layout';
import type { SeatRepository } from '../../api/repositories/seat.repository';
import { pickSeats, SeatAssigner, type SeatRequest } from '../../api/services/seat-assigner';
import { AIRCRAFT } from '../../api/seed/data/aircraft';

const A320 = expandLayout(AIRCRAFT.find((a) => a.code === '320')!);
const ECONOMY = A320.filter((s) => s.cabin === 'economy');
const seats = (...designators: string[]) => designators.map((d) => ECONOMY.find((s) => s.designator === d)!);
const adult = (id: number): SeatRequest => ({ passengerId: id, type: 'ADT' });
const child = (id: number): SeatRequest => ({ passengerId: id, type: 'CHD' });
const repeat = (n: number, fn: () => void) => Array.from({ length: n }).forEach(fn);

describe('pickSeats', () => {
  it('picks one seat per passenger from the free seats, no seat twice', () => {
    repeat(50, () => {
      const picked = pickSeats(ECONOMY, [adult(1), adult(2), child(3)]);
      expect(picked).toHaveLength(3);
      expect(new Set(picked.map((s) => s.designator)).size).toBe(3);
    });
  });

  it('seats a party together in one row when a row allows', () => {
    repeat(50, () => {
      const picked = pickSeats(ECONOMY, [adult(1), adult(2), child(3), child(4)]);
      expect(new Set(picked.map((s) => s.row)).size).toBe(1);
    });
  });

  it('finds the one row with room for the party when the others are nearly full', () => {
    const free = [...seats('20A', '21C', '22F', '23B', '24D'), ...seats('27A', '27B', '27C')];
    repeat(20, () => {
      const picked = pickSeats(free, [adult(1), adult(2), adult(3)]);
      expect(picked.map((s) => s.designator).sort()).toEqual(['27A', '27B', '27C']);
    });
  });

  it('splits a party that no row can hold, rather than refusing', () => {
    const free = seats('20A', '21C', '22F');
    expect(
      pickSeats(free, [adult(1), adult(2), adult(3)])
        .map((s) => s.designator)
        .sort(),
    ).toEqual(['20A', '21C', '22F']);
  });

  it('assigns the cheapest tier first', () => {
    repeat(30, () => {
      const [seat] = pickSeats(ECONOMY, [adult(1)]);
      expect(seat!.tier).toBe('standard');
    });
    const [seat] = pickSeats(seats('4A', '11A', '5C'), [adult(1)]);
    expect(seat!.tier).toBe('preferred');
  });

  it('never seats a child in an exit row', () => {
    const free = [...seats('11A', '11B', '11C', '12D'), ...seats('25A')];
    repeat(30, () => {
      const picked = pickSeats(free, [adult(1), child(2)]);
      expect(picked).toHaveLength(2);
      expect(picked[1]!.designator).toBe('25A'); // the child (second request) gets the only normal seat
      expect(picked[0]!.tier).toBe('exit_row'); // the adult may sit in the exit row
    });
  });

  it('keeps children out of exit rows whatever their position in the party', () => {
    const free = [...seats('11A', '11B', '11C', '11D', '11E', '11F'), ...seats('20A', '20B')];
    repeat(30, () => {
      const party = [child(1), adult(2), child(3), adult(4)];
      const picked = pickSeats(free, party);
      expect(picked).toHaveLength(4);
      party.forEach((r, i) => {
        if (r.type === 'CHD') expect(picked[i]!.tier).not.toBe('exit_row');
      });
    });
  });

  it('gives adults exit-row seats only when nothing else is left', () => {
    const free = [...seats('11A'), ...seats('26A', '26B')];
    repeat(20, () => {
      expect(
        pickSeats(free, [adult(1), adult(2)])
          .map((s) => s.designator)
          .sort(),
      ).toEqual(['26A', '26B']);
    });
  });

  it('returns nothing when the cabin cannot seat everyone (sold out)', () => {
    expect(pickSeats(seats('20A'), [adult(1), adult(2)])).toEqual([]);
    expect(pickSeats([], [adult(1)])).toEqual([]);
  });

  it('returns nothing when only exit-row seats are left for a child', () => {
    expect(pickSeats(seats('11A', '11B', '12C'), [child(1)])).toEqual([]);
    expect(pickSeats(seats('11A', '20B'), [child(1), child(2)])).toEqual([]);
  });
});

/** A seat table in memory: claims succeed once per seat, and `stolen` seats are lost to "another booking". */
function fakeSeats(free: SeatDefinition[], stolen: string[] = []) {
  const owner = new Map<string, number>();
  const gone = new Set(stolen);
  const repo = {
    takeable: jest.fn(async () => free.map((s) => s.designator).filter((d) => !owner.has(d))),
    claim: jest.fn(async (_flightId: number, designator: string, claim: { passengerId: number }) => {
      if (owner.has(designator)) return false;
      if (gone.has(designator)) {
        owner.set(designator, -1);
        return false;
      }
      owner.set(designator, claim.passengerId);
      return true;
    }),
  };
  return { repo, owner };
}

describe('SeatAssigner.claim', () => {
  const flight = { id: 7, airlineCode: 'BA', flightNumber: 330 } as FlightRow;
  const hold = { state: 'held' as const, holdExpiresAt: new Date('2031-01-01T00:00:00Z') };
  const run = (repo: unknown, requests: SeatRequest[]) =>
    new SeatAssigner(repo as SeatRepository).claim(
      flight,
      'economy',
      A320,
      1,
      requests,
      hold,
      new Date('2030-12-31T23:00:00Z'),
    );

  it('claims chosen seats exactly and assigns the rest in the cabin', async () => {
    const { repo, owner } = fakeSeats(ECONOMY);
    const assigned = await run(repo, [{ ...adult(1), designator: '20A' }, adult(2), child(3)]);
    expect(assigned.get(1)).toBe('20A');
    expect([...assigned.keys()].sort()).toEqual([1, 2, 3]);
    expect(new Set(assigned.values()).size).toBe(3);
    for (const d of assigned.values()) expect(owner.has(d)).toBe(true);
  });

  it('a chosen seat someone else holds is a seat_unavailable conflict', async () => {
    const { repo } = fakeSeats(ECONOMY, ['20A']);
    await expect(run(repo, [{ ...adult(1), designator: '20A' }])).rejects.toMatchObject({
      kind: 'conflict',
      code: 'seat_unavailable',
    });
  });

  it('tries other seats when concurrent bookings win the ones it picked', async () => {
    const stolen = ECONOMY.filter((s) => s.tier === 'standard')
      .slice(0, 30)
      .map((s) => s.designator);
    const { repo } = fakeSeats(ECONOMY, stolen);
    const assigned = await run(repo, [adult(1), adult(2)]);
    expect(assigned.size).toBe(2);
    for (const d of assigned.values()) expect(stolen).not.toContain(d);
  });

  it('is sold_out when the cabin has too few seats left', async () => {
    const { repo } = fakeSeats(seats('20A'));
    const err = await run(repo, [adult(1), adult(2)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ kind: 'conflict', code: 'sold_out' });
    expect((err as DomainError).message).toMatch(/BA330 has no more seats/);
  });
});

describe('pickSeats and the seat safety rules', () => {
  const holder = (id: number): SeatRequest => ({ passengerId: id, type: 'ADT', holdsInfant: true });
  const assisted = (id: number): SeatRequest => ({ passengerId: id, type: 'ADT', specialAssistance: true });
  const exitRow = ECONOMY.filter((s) => s.tier === 'exit_row');

  it('never gives an exit-row seat to an adult with a lap infant or one who asked for assistance', () => {
    // Only exit-row seats and one ordinary seat are left: two such passengers cannot both be seated.
    const free = [...exitRow, ...seats('20A')];
    repeat(20, () => {
      expect(pickSeats(free, [holder(1)]).map((s) => s.designator)).toEqual(['20A']);
      expect(pickSeats(free, [assisted(1)]).map((s) => s.designator)).toEqual(['20A']);
      expect(pickSeats(free, [holder(1), assisted(2)])).toEqual([]);
      const mixed = pickSeats(free, [adult(1), holder(2)]);
      expect(mixed[1]!.designator).toBe('20A');
      expect(mixed[0]!.tier).toBe('exit_row');
    });
  });

  it('puts at most one lap infant in a block of seats', () => {
    repeat(30, () => {
      const picked = pickSeats(ECONOMY, [holder(1), holder(2), adult(3)]);
      expect(picked).toHaveLength(3);
      const blocks = picked.slice(0, 2).map((s) => `${s.row}:${s.block}`);
      expect(new Set(blocks).size).toBe(2);
    });
    // 20A–C already has one: the only free seats there are refused; the other side of the aisle is fine.
    expect(pickSeats(seats('20B', '20C'), [holder(1)], new Set(['20:0']))).toEqual([]);
    expect(pickSeats(seats('20B', '20D'), [holder(1)], new Set(['20:0'])).map((s) => s.designator)).toEqual(['20D']);
  });
});
