/** The gazetteer built from the seed data modules (the CLI and tests; the bot may build one from the database). */
import { AIRLINES } from '../../api/seed/data/airlines';
import { AIRPORTS, METROS } from '../../api/seed/data/airports';
import { Gazetteer } from './gazetteer';

let cached: Gazetteer | null = null;

/** A shared gazetteer over the seed airports, metros and airlines, built on first use. */
export function seedGazetteer(): Gazetteer {
  cached ??= new Gazetteer({ airports: AIRPORTS, metros: METROS, airlines: AIRLINES });
  return cached;
}
