import type { FlightRow } from '../../api/domain/records';
import { CABIN_FAMILIES } from '../../api/domain/fares';
import { CABINS, type Cabin } from '../../api/domain/types';
import type { ReferenceRepository } from '../../api/repositories/reference.repository';
import { FareQuoter, type Party, type TakenCounts } from '../../api/services/fare-quote';
import { ReferenceDataService } from '../../api/services/reference-data.service';
import { AIRCRAFT } from '../../api/seed/data/aircraft';
import { AIRLINES } from '../../api/seed/data/airlines';
import { AIRPORTS, METROS } from '../../api/seed/data/airports';

/** Reference data straight from the seed files (no database). */
async function reference(): Promise<ReferenceDataService> {
  const repo = {
    airports: async () =>
      AIRPORTS.map((a) => ({
        code: a.code,
        name: a.name,
        city: a.city,
        country: a.country,
        timeZone: a.timeZone,
        latitude: a.latitude,
        longitude: a.longitude,
        metroCode: a.metro ?? null,
        aliases: a.aliases ?? [],
      })),
    metros: async () =>
      METROS.map((m) => ({ code: m.code, name: m.name, city: m.city, country: m.country, aliases: m.aliases ?? [] })),
    airlines: async () =>
      AIRLINES.map((a) => ({ code: a.code, name: a.name, ticketPrefix: a.ticketPrefix, aliases: a.aliases ?? [] })),
    aircraftTypes: async () => AIRCRAFT.map((a) => ({ code: a.code, name: a.name, cabins: a.cabins })),
  } as unknown as ReferenceRepository;
  const ref = new ReferenceDataService(repo);
  await ref.load();
  return ref;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

function flight(r: () => number, id: number): FlightRow {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const origin = pick(AIRPORTS);
  const date = new Date(Date.UTC(2031, 0, 1) + Math.floor(r() * 400) * 86_400_000);
  return {
    id,
    airlineCode: pick(AIRLINES).code,
    flightNumber: 100 + id,
    origin: origin.code,
    destination: pick(AIRPORTS).code,
    departureAt: date,
    arrivalAt: new Date(date.getTime() + 3 * 3_600_000),
    departureDate: date.toISOString().slice(0, 10),
    durationMinutes: 180,
    aircraftCode: pick(AIRCRAFT).code,
    baseFare: 5_000 + Math.floor(r() * 90_000),
    currency: pick(['USD', 'GBP', 'EUR', 'JPY', 'AED', 'SGD']),
    status: 'scheduled',
    seatsReady: true,
    createdAt: date,
    updatedAt: date,
  };
}

describe('FareQuoter.familyTotals', () => {
  let quoter: FareQuoter;
  beforeAll(async () => {
    quoter = new FareQuoter(await reference());
  });

  it('gives, for every family of the cabin, exactly the totals and seats left of quote()', () => {
    const r = random(20310101);
    let compared = 0;
    for (let i = 0; i < 600; i++) {
      const journey = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => flight(r, i * 10 + k));
      const cabin = CABINS[Math.floor(r() * CABINS.length)]! as Cabin;
      const party: Party = {
        adults: 1 + Math.floor(r() * 4),
        children: Math.floor(r() * 3),
        infants: Math.floor(r() * 2),
      };
      const currency = ['USD', 'GBP', 'EUR', 'JPY', 'INR'][i % 5]!;
      const taken: TakenCounts = new Map(journey.map((f) => [f.id, new Map([[cabin, Math.floor(r() * 400)]])]));
      const today = '2030-12-20';
      const totals = quoter.familyTotals(journey, cabin, party, currency, today, taken);
      expect(totals.map((t) => t.fareFamily)).toEqual(quoter.families(journey, cabin));
      for (const t of totals) {
        const q = quoter.quote(journey, cabin, t.fareFamily, party, currency, today, taken);
        expect(t).toEqual({
          fareFamily: q.fareFamily,
          fareTotal: q.fareTotal,
          taxTotal: q.taxTotal,
          total: q.total,
          seatsLeft: q.seatsLeft,
        });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(600);
  });

  it('lists the families cheapest first, and none when a flight lacks the cabin', () => {
    const r = random(7);
    const journey = [flight(r, 1)];
    journey[0]!.aircraftCode = '320'; // economy and business only
    const totals = quoter.familyTotals(
      journey,
      'economy',
      { adults: 2, children: 0, infants: 0 },
      'GBP',
      '2030-12-01',
      new Map(),
    );
    expect(totals.map((t) => t.fareFamily)).toEqual(CABIN_FAMILIES.economy);
    expect(totals.map((t) => t.total)).toEqual([...totals.map((t) => t.total)].sort((a, b) => a - b));
    expect(
      quoter.familyTotals(journey, 'first', { adults: 1, children: 0, infants: 0 }, 'GBP', '2030-12-01', new Map()),
    ).toEqual([]);
  });
});
