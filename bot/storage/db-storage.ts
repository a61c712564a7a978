import { createHash, randomBytes } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Db } from '../../api/db/db';
import { BotStateRepository, type StoredState } from './bot-state.repository';
import { GroupedState } from './grouped-state.repository';
import { turnPrefetch } from './state-prefetch';

const MAX_KEY = 255;
const HASHED = '#sha256:';

/**
 * The column key for a storage key. Keys that fit are stored as they are; a key that is too long, ends
 * in whitespace (MySQL compares VARCHARs with trailing spaces ignored) or could be mistaken for a hashed
 * key is stored as '#sha256:<hex>' instead, so two different keys never share a row.
 */
export function storageKey(key: string): string {
  if (key.length <= MAX_KEY && !/\s$/.test(key) && !key.startsWith(HASHED)) return key;
  return HASHED + createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Thrown when a write names an eTag that is no longer the stored one (message as botbuilder's own storages). */
export class ETagConflictError extends Error {
  readonly code = 'etag_conflict';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/** State read with the turn's lease is no longer what is stored once the turn writes. */
function spendPrefetch(): void {
  const prefetched = turnPrefetch.getStore();
  prefetched?.unread.clear();
}

const newETag = () => randomBytes(12).toString('hex');

/**
 * An item's stored JSON (without its eTag), carried by the item under this symbol: set on items read (the
 * text as read, not enumerable) and taken by writes instead of stringifying the item again when its writer
 * set it as an enumerable property (see ./lean-state). Symbols are not serialised: the item's JSON is unchanged.
 */
export const STORED_JSON = Symbol('storedJson');

/**
 * botbuilder `Storage` over the `bot_state` table, shared by every app instance on the database.
 *
 * eTags follow botbuilder's contract: writing with no eTag or '*' replaces whatever is stored (last
 * writer wins); writing with a specific eTag succeeds only if it is still the stored one (one atomic
 * conditional UPDATE), or there is no item yet (an INSERT, which a concurrent insert makes fail on the
 * primary key) — otherwise the write throws an ETagConflictError. Reads return each item with its
 * current eTag. Items are stored as JSON (so Dates come back as strings, as with MemoryStorage).
 *
 * A write of several keys is one transaction: a conflict on one key leaves the others unwritten.
 */
export class DbStorage implements Storage {
  private readonly repo: BotStateRepository;
  private pending: { keys: Set<string>; rows: Promise<Map<string, StoredState>> } | null = null;
  /** MySQL: reads and replacements of concurrent turns in shared round trips (see GroupedState). */
  private readonly grouped: GroupedState | null;

  constructor(private readonly db: Db) {
    this.repo = new BotStateRepository(db);
    this.grouped = db.batches ? new GroupedState(db.batches) : null;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const wanted = new Map<string, string[]>();
    for (const key of new Set(keys)) {
      const k = storageKey(key);
      wanted.set(k, [...(wanted.get(k) ?? []), key]);
    }
    const rows = await this.rowsFor([...wanted.keys()]);
    const items: StoreItems = {};
    for (const [k, keysOfRow] of wanted) {
      const row = rows.get(k);
      if (row)
        for (const key of keysOfRow) {
          const item = { ...(JSON.parse(row.data) as object), eTag: row.etag };
          Object.defineProperty(item, STORED_JSON, { value: row.data, writable: true, configurable: true });
          items[key] = item;
        }
    }
    return items;
  }

  /**
   * The stored rows of `keys`. Reads asked for in the same turn of the event loop share one query: a
   * bot turn loads its conversation and its user state together. The query runs after every read of
   * that turn was asked for, so it sees every write that had finished before any of them. On MySQL the reads of
   * concurrent turns share one round trip (GroupedState), with the same guarantee.
   */
  private async rowsFor(keys: string[]): Promise<Map<string, StoredState>> {
    // A read inside a transaction sees that transaction's writes: it is not shared with reads outside.
    if (this.db.inTransaction) return new Map((await this.repo.findMany(keys)).map((r) => [r.key, r]));
    const prefetched = turnPrefetch.getStore();
    if (prefetched && keys.every((k) => prefetched.unread.has(k))) {
      const rows = new Map<string, StoredState>();
      for (const k of keys) {
        prefetched.unread.delete(k);
        const row = prefetched.rows.get(k);
        if (row) rows.set(k, row);
      }
      return rows;
    }
    if (this.grouped) return this.grouped.read(keys);
    let batch = this.pending;
    if (!batch) {
      const wanted = new Set<string>();
      const rows = new Promise<Map<string, StoredState>>((resolve, reject) =>
        setImmediate(() => {
          this.pending = null;
          this.repo.findMany([...wanted]).then((found) => resolve(new Map(found.map((r) => [r.key, r]))), reject);
        }),
      );
      batch = this.pending = { keys: wanted, rows };
    }
    for (const k of keys) batch.keys.add(k);
    return batch.rows;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // A fixed order keeps two multi-key writers from locking rows in opposite orders.
    const keys = Object.keys(changes).sort();
    if (keys.length === 0) return;
    spendPrefetch();
    const writeAll = async () => {
      for (const key of keys) await this.writeOne(key, changes[key] as Record<string, unknown>);
    };
    await (keys.length === 1 ? writeAll() : this.db.transaction(writeAll));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    spendPrefetch();
    await this.repo.deleteMany([...new Set(keys.map(storageKey))]);
  }

  private async writeOne(key: string, item: Record<string | symbol, unknown>): Promise<void> {
    if (item === null || typeof item !== 'object')
      throw new TypeError(`Storage: the item for "${key}" must be an object.`);
    const { eTag, ...rest } = item;
    const k = storageKey(key);
    const given = Object.prototype.propertyIsEnumerable.call(item, STORED_JSON) ? item[STORED_JSON] : undefined;
    const data = typeof given === 'string' ? given : JSON.stringify(rest);
    const etag = newETag();
    const expected = typeof eTag === 'string' && eTag !== '' && eTag !== '*' ? eTag : null;
    if (this.grouped && !this.db.inTransaction) {
      const outcome = await this.grouped.write({ key: k, expected, data, etag });
      if (outcome === 'replaced') return;
      if (outcome === 'missing') {
        // No row yet (a first write), or another eTag (a conflict, unless the row is gone and this insert works).
        if (await this.repo.insert(k, data, etag)) return;
        if (expected !== null) throw new ETagConflictError(key);
      }
    }
    if (expected !== null) {
      if (await this.repo.updateIfMatch(k, expected, data, etag)) return;
      if (await this.repo.insert(k, data, etag)) return;
      throw new ETagConflictError(key);
    }
    // Last writer wins: replace, else create, else (someone created it meanwhile) replace that.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.repo.update(k, data, etag)) return;
      if (await this.repo.insert(k, data, etag)) return;
    }
    throw new Error(`Storage: could not write "${key}" (it keeps disappearing and reappearing).`);
  }
}
