import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** All migrations in order. The schema comes only from these (synchronize is off), on SQLite and MySQL. */
export const MIGRATIONS = [InitialSchema1764000000000];
