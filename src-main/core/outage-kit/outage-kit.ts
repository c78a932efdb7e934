import { join } from 'node:path';
import type { Location } from '../../../src-shared/domain';
import type { DeskLanguage } from '../../../src-shared/settings';
import type { Clock } from '../clock';
import type { DeskStore } from '../store/desk-store';
import { dayFolder, outageKitFolder, pruneKitDays, uniqueStems } from './kit-folder';
import { localDate, paperDay, sessionsOfDay } from './kit-day';
import { writePaperDay } from './kit-pdf';
import { paperFonts } from './paper-fonts';
import { paperLocale } from './paper-time';
import { paperLanguage, paperWords } from './paper-words';

/** One location's paper for one day, as written. */
export interface WrittenKit {
  locationId: string;
  locationName: string;
  day: string;
  /** Inside the kit folder: `2026-11-23/studio-mitte.pdf`. */
  file: string;
  classes: number;
}

export interface OutageKitOptions {
  store: DeskStore;
  dataDir: string;
  clock: Clock;
  /** Read at the moment of writing, so a saved setting applies from the next check. */
  settings: () => { language: DeskLanguage; outageKitMinutesBefore: number };
  log: (message: string, error?: unknown) => void;
  /** How often the core looks whether a location's time has come; 0: never by itself (tests call `tick`). */
  checkEveryMs: number;
  /** Day folders kept; older ones are deleted after each write. */
  keepDays?: number;
}

const defaultKeepDays = 3;
const minuteMs = 60_000;

/**
 * The outage kit: every location's classes of the day with their rosters, on paper, written before
 * the day starts so reception has something to work from when the PC or the network dies. Each
 * location's kit is written once a day by itself, `outageKitMinutesBefore` its first class, and
 * again whenever the desk asks (the "Print today's rosters" button), with what the store holds then.
 */
export class OutageKit {
  /** Which local day each location's morning kit was written for, so it is written once. */
  private readonly morningWritten = new Map<string, string>();
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  /** Writes run one after another: two at once would race for the same files. */
  private queue: Promise<unknown> = Promise.resolve();
  readonly folder: string;

  constructor(private readonly options: OutageKitOptions) {
    this.folder = outageKitFolder(options.dataDir);
    this.timer = options.checkEveryMs > 0 ? setInterval(() => void this.tick().catch(() => undefined), options.checkEveryMs) : undefined;
    this.timer?.unref();
  }

  /** Writes the kit of each location whose time has come today and that has none from this morning yet. */
  tick(): Promise<WrittenKit[]> {
    return this.serially(async () => {
      const now = this.options.clock();
      const due = this.locations().filter((location) => this.isDue(location, now));
      if (due.length === 0) return [];
      const written = await this.write(due, now);
      for (const kit of written) this.morningWritten.set(kit.locationId, kit.day);
      return written;
    });
  }

  /** Today's kit of one location (the desk's, to print), or of every location, written now. */
  writeNow(locationId?: string): Promise<WrittenKit[]> {
    return this.serially(() => {
      const all = this.locations();
      return this.write(locationId === undefined ? all : all.filter((location) => location.id === locationId), this.options.clock());
    });
  }

  stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    return this.queue.then(
      () => undefined,
      () => undefined,
    );
  }

  private isDue(location: Location, now: Date): boolean {
    if (this.morningWritten.get(location.id) === localDate(now, location.timeZone)) return false;
    const classes = sessionsOfDay(this.options.store, location, now).filter((session) => session.status === 'scheduled');
    const first = classes[0];
    const last = classes.at(-1);
    // No class today, or the day's classes are over: nothing to put on paper.
    if (!first || !last || now.toISOString() >= last.endsAt) return false;
    const lead = this.options.settings().outageKitMinutesBefore * minuteMs;
    return now.getTime() >= Date.parse(first.startsAt) - lead;
  }

  private locations(): Location[] {
    return this.options.store.all('locations');
  }

  private async write(locations: Location[], now: Date): Promise<WrittenKit[]> {
    const stems = uniqueStems(this.locations());
    const fonts = paperFonts();
    const language = this.options.settings().language;
    const written: WrittenKit[] = [];
    for (const location of locations) {
      const day = paperDay(this.options.store, location, now);
      const lang = paperLanguage(language);
      const file = `${day.day}/${stems.get(location.id) ?? 'location'}.pdf`;
      try {
        await dayFolder(this.folder, day.day);
        await writePaperDay(day, { words: paperWords(lang), locale: paperLocale(lang, location.locale), fonts, writtenAt: now }, join(this.folder, file));
        written.push({ locationId: location.id, locationName: location.name, day: day.day, file, classes: day.classes.length });
      } catch (error) {
        // One location's failure (a full disk, a font gone) must not keep the others off paper.
        this.options.log(`Outage kit: ${location.name} could not be written`, error);
      }
      // Each PDF is laid out in one go: let the desk's requests in between locations of a chain.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const removed = await pruneKitDays(this.folder, this.options.keepDays ?? defaultKeepDays);
    if (removed.length > 0) this.options.log(`Outage kit: removed the kits of ${removed.join(', ')}`);
    return written;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
