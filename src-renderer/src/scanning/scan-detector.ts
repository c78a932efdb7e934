/**
 * Tells a wedge scanner from a person by timing alone: a scanner "types" a whole code, keys a few
 * milliseconds apart, and ends it with Enter; nobody types that fast. Keys are held back while they
 * might still be the start of a scan and given back once it is clear they are not.
 */
export interface ScanDetectorOptions {
  /** Keys further apart than this (ms) were typed by a person. The `scannerKeyGapMs` setting. */
  gapMs: number;
  /** Shorter bursts are not taken as a scan, so a quick "c" + Enter stays a person's. */
  minLength: number;
  /** A scan: the code, without its Enter. */
  onScan(code: string): void;
  /** Keys that were a person's after all, in order, for wherever typing goes. */
  onTyped(text: string): void;
}

/** A shortcut a key would run if it was pressed by a person; false when it had nothing to act on. */
export type HeldShortcut = () => boolean;

export class ScanDetector {
  private buffer = '';
  private lastAt = -Infinity;
  private shortcut: HeldShortcut | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private options: ScanDetectorOptions) {}

  /** The key gap can change with the settings in force; a burst under way keeps going. */
  configure(options: Partial<Pick<ScanDetectorOptions, 'gapMs' | 'minLength'>>): void {
    this.options = { ...this.options, ...options };
  }

  get gapMs(): number {
    return this.options.gapMs;
  }

  /** A burst is under way: the last key came less than the gap ago. */
  inBurst(atMs: number): boolean {
    return this.buffer !== '' && atMs - this.lastAt <= this.options.gapMs;
  }

  /**
   * One printable key. With `shortcut`, the key would run it if a person pressed it: it runs once
   * the gap passes with no key after it, and never if the key turns out to start a scan.
   */
  key(char: string, atMs: number, shortcut?: HeldShortcut): void {
    // A timer can run late; the key's own time says whether the burst was already over.
    if (this.buffer !== '' && !this.inBurst(atMs)) this.settle();
    this.shortcut = this.buffer === '' ? shortcut : undefined;
    this.buffer += char;
    this.lastAt = atMs;
    this.restartTimer();
  }

  /**
   * Enter. True when it ended keys this detector held (a scan, or a person's keys given back), so
   * the caller keeps it from doing anything else; false when nothing was held.
   */
  enter(atMs: number): boolean {
    if (this.buffer === '') return false;
    if (this.inBurst(atMs) && this.buffer.length >= this.options.minLength) {
      const code = this.buffer;
      this.reset();
      this.options.onScan(code);
      return true;
    }
    this.settle();
    return true;
  }

  /** Any other key (an arrow, Escape) ends a burst: what was held was a person's. */
  interrupt(): void {
    if (this.buffer !== '') this.settle();
  }

  /** Drops what is held without acting on it (the screen that took the keys went away). */
  dispose(): void {
    this.reset();
  }

  private restartTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    // One millisecond past the gap, so a key exactly at the gap still counts as part of the burst.
    this.timer = setTimeout(() => this.settle(), this.options.gapMs + 1);
  }

  /** The held keys were a person's: a lone shortcut key runs its shortcut, anything else is typing. */
  private settle(): void {
    const text = this.buffer;
    const shortcut = this.shortcut;
    this.reset();
    if (text === '') return;
    if (text.length === 1 && shortcut?.()) return;
    this.options.onTyped(text);
  }

  private reset(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.buffer = '';
    this.shortcut = undefined;
    this.lastAt = -Infinity;
  }
}
