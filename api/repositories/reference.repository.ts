import type { Db } from '../db/db';
import { AircraftTypeEntity, AirlineEntity, AirportEntity, MetroEntity } from '../db/entities';
import type { AircraftTypeRow, AirlineRow, AirportRow, MetroRow } from '../domain/records';

/** Reference data: airports, metros, airlines and aircraft types. */
export class ReferenceRepository {
  constructor(private readonly db: Db) {}

  airports(): Promise<AirportRow[]> {
    return this.db.run((em) => em.getRepository(AirportEntity).find({ order: { code: 'ASC' } }));
  }

  metros(): Promise<MetroRow[]> {
    return this.db.run((em) => em.getRepository(MetroEntity).find({ order: { code: 'ASC' } }));
  }

  airlines(): Promise<AirlineRow[]> {
    return this.db.run((em) => em.getRepository(AirlineEntity).find({ order: { code: 'ASC' } }));
  }

  aircraftTypes(): Promise<AircraftTypeRow[]> {
    return this.db.run((em) => em.getRepository(AircraftTypeEntity).find({ order: { code: 'ASC' } }));
  }

  async countAirports(): Promise<number> {
    return this.db.run((em) => em.getRepository(AirportEntity).count());
  }

  /** Inserts or replaces reference rows (seeding is idempotent). */
  async upsertAll(data: {
    metros: MetroRow[];
    airports: AirportRow[];
    airlines: AirlineRow[];
    aircraft: AircraftTypeRow[];
  }): Promise<void> {
    await this.db.transaction(() =>
      this.db.run(async (em) => {
        await em.getRepository(MetroEntity).upsert(data.metros, ['code']);
        for (let i = 0; i < data.airports.length; i += 200)
          await em.getRepository(AirportEntity).upsert(data.airports.slice(i, i + 200), ['code']);
        await em.getRepository(AirlineEntity).upsert(data.airlines, ['code']);
        await em.getRepository(AircraftTypeEntity).upsert(data.aircraft, ['code']);
      }),
    );
  }
}
