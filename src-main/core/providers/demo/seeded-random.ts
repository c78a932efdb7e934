/**
 * A small seeded random source for the demo studio. Everything the studio
 * invents is drawn from a generator seeded by *what* is being invented (a date,
 * a session id, a member number), never by when it runs, so the same class
 * always has the same roster on every machine and on every day.
 */

/** FNV-1a over UTF-16 code units, then a final avalanche so similar keys spread apart. */
export function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** mulberry32: tiny, fast and good enough for invented rosters (not for anything secret). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export class SeededRandom {
  private readonly next: () => number;

  /** The key parts are joined, so `seededBy('berlin', '2026-11-21')` is one stable stream. */
  static seededBy(...keyParts: string[]): SeededRandom {
    return new SeededRandom(hashSeed(keyParts.join('|')));
  }

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** In [0, 1). */
  fraction(): number {
    return this.next();
  }

  /** A whole number from `min` to `max`, both included. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A shuffled copy (Fisher–Yates); the input is left alone. */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(this.next() * (index + 1));
      const held = copy[index] as T;
      copy[index] = copy[other] as T;
      copy[other] = held;
    }
    return copy;
  }

  /** `count` decimal digits, leading zeros allowed. */
  digits(count: number): string {
    let text = '';
    for (let index = 0; index < count; index += 1) text += String(Math.floor(this.next() * 10));
    return text;
  }
}
