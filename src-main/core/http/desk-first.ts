import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Marks the requests made for the desk's own today, wherever in an adapter they are made, so a rate
 * budget shared by several connections (one Zenoti key for five centers) serves them before the
 * others: the sync says what is urgent, the limiter acts on it, and no adapter has to pass it along.
 */
const urgent = new AsyncLocalStorage<true>();

export function asDeskFirst<T>(work: () => Promise<T>): Promise<T> {
  return urgent.run(true, work);
}

export function isDeskFirst(): boolean {
  return urgent.getStore() === true;
}
