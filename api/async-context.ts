import { AsyncLocalStorage } from 'node:async_hooks';

type Slots = Readonly<Record<symbol, unknown>>;

/**
 * The process's one async context, shared by every use (log fields, audit scope, the open transaction, the
 * conversation turn) through a slot each. Why one: on Node 20 each AsyncLocalStorage instance copies its store
 * onto every promise the process creates, so six instances cost six copies on each of the ~450 promises of a chat
 * turn; one instance with slots costs one.
 */
const storage = new AsyncLocalStorage<Slots>();

/** One value carried through async calls, with AsyncLocalStorage's `run` / `getStore` / `exit`. */
export class ContextSlot<T> {
  private readonly key: symbol;

  constructor(name: string) {
    this.key = Symbol(name);
  }

  getStore(): T | undefined {
    return storage.getStore()?.[this.key] as T | undefined;
  }

  /** Runs `fn` with this slot set to `value`; the other slots keep theirs. */
  run<R>(value: T, fn: () => R): R {
    return storage.run({ ...storage.getStore(), [this.key]: value }, fn);
  }

  /** Runs `fn` with this slot empty. */
  exit<R>(fn: () => R): R {
    return storage.run({ ...storage.getStore(), [this.key]: undefined }, fn);
  }
}
