import type { Clock } from '../clock';
import { asDeskFirst } from '../http/desk-first';
import type { Provider, ProviderFetch, SyncWindow } from '../providers/provider';
import { SyncLoop } from './sync-loop';
import { localDayAround, syncWindowAround } from './sync-window';

export interface SyncRhythm {
  /** How often the desk's today is fetched again. */
  todayEveryMs: number;
  /** How often the whole window (yesterday to +14 days) is fetched again. */
  windowEveryMs: number;
  daysBack: number;
  daysAhead: number;
  /** Waits after consecutive failures, the last one repeating. */
  backoffMs: number[];
}

export const defaultRhythm: SyncRhythm = {
  todayEveryMs: 60_000,
  windowEveryMs: 15 * 60_000,
  daysBack: 1,
  daysAhead: 14,
  backoffMs: [15_000, 30_000, 60_000, 120_000, 300_000],
};

export interface ConnectionSyncEvents {
  /** The zone whose local day is "today" for this connection (the desk location's, when it is one of ours). */
  zoneFor(provider: Provider): string;
  /** Runs before each pass: queued desk actions go out first. */
  beforePass(): Promise<void>;
  /** Resolves when this connection may spend rate budget: the desk's own today goes first. */
  waitTurn(provider: Provider): Promise<void>;
  /** Whether this connection serves the desk's own location: its today's requests jump the rate-limit queue. */
  servesDesk(provider: Provider): boolean;
  /** After a fetch of today: whether everything due came back, or the adapter left some for later. */
  todayFetched(provider: Provider, complete: boolean): void;
  fetched(provider: Provider, window: SyncWindow, fetch: ProviderFetch, fullWindow: boolean): Promise<void>;
  /** When this connection's whole window last came back complete, as the store remembers it across restarts. */
  lastFullWindowAt(provider: Provider): number | undefined;
  failed(provider: Provider, error: unknown): void;
}

type Plan = { window: SyncWindow; fullWindow: boolean; today?: boolean; done(): void };

/**
 * One connection's sync, on its own timer so a slow or failing provider never
 * holds up another. What to fetch next: windows the desk asked about (a desk
 * action's day), then today at the desk's location, then the whole window.
 * After a failure it waits longer each time; the cache keeps its last good data.
 */
export class ConnectionSync {
  private lastToday = Number.NEGATIVE_INFINITY;
  private lastWindow = Number.NEGATIVE_INFINITY;
  private failures = 0;
  private retryAt = 0;
  /** Windows to fetch before anything else; `today` marks the desk's today asked again after an incomplete answer. */
  private readonly asked: { window: SyncWindow; today: boolean }[] = [];
  private forceFull = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly loop = new SyncLoop(() => this.pass(), 0);

  constructor(
    readonly provider: Provider,
    private readonly clock: Clock,
    private readonly rhythm: SyncRhythm,
    private readonly events: ConnectionSyncEvents,
    /** Whether passes run by themselves; tests drive `syncAll` instead. */
    private readonly automatic: boolean,
  ) {
    // A core restarted soon after a full window fetches today first and the window only when due,
    // rather than spending a rate-limited provider's budget on data it stored minutes ago.
    this.lastWindow = events.lastFullWindowAt(provider) ?? Number.NEGATIVE_INFINITY;
    if (automatic) this.wake(0);
  }

  /** Everything now, failures or not: the desk pressed "Sync now". */
  syncAll(): Promise<void> {
    this.forceFull = true;
    this.retryAt = 0;
    return this.loop.run();
  }

  /** What is due now (a start with data stored): today, and the whole window only if its time has come. */
  syncDue(): Promise<void> {
    return this.loop.run();
  }

  /** Fetch this stretch soon, e.g. the day of a class a desk action just changed. */
  refresh(window: SyncWindow): void {
    // A burst of desk actions on one class asks for the same stretch again and again: once is enough.
    const already = this.asked.some((entry) => entry.window.from === window.from && entry.window.to === window.to);
    if (!already) this.asked.push({ window, today: false });
    this.loop.request();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.loop.stop();
  }

  private async pass(): Promise<void> {
    const nowMs = this.clock().getTime();
    if (nowMs < this.retryAt) return;
    let moreDue = false;
    try {
      await this.events.waitTurn(this.provider);
      // Stopped meanwhile (the connection changed or left, or the desk is closing): nothing of this pass may
      // reach the store any more, which may already be closed or hold a newer adapter's data.
      if (this.stopped) return;
      await this.events.beforePass();
      for (const plan of this.plans(nowMs)) {
        const urgent = plan.today === true && this.events.servesDesk(this.provider);
        const fetch = await (urgent ? asDeskFirst(() => this.provider.fetchWindow(plan.window)) : this.provider.fetchWindow(plan.window));
        if (this.stopped) return;
        await this.events.fetched(this.provider, plan.window, fetch, plan.fullWindow);
        plan.done();
        const complete = fetch.incomplete !== true;
        if (plan.today) this.events.todayFetched(this.provider, complete);
        if (complete) continue;
        // The adapter left rosters for lack of rate budget. Today and asked-for days go on at once, before
        // the rest of the window (the limiter sets the pace); the window comes round with today's rhythm.
        if (plan.fullWindow) this.lastWindow = nowMs - this.rhythm.windowEveryMs + this.rhythm.todayEveryMs;
        else {
          this.asked.push({ window: plan.window, today: plan.today === true });
          moreDue = true;
          break;
        }
      }
      this.failures = 0;
      this.retryAt = 0;
    } catch (error) {
      if (this.stopped) return;
      this.events.todayFetched(this.provider, true);
      const backoff = this.rhythm.backoffMs;
      this.retryAt = nowMs + (backoff[Math.min(this.failures, backoff.length - 1)] ?? 60_000);
      this.failures += 1;
      this.events.failed(this.provider, error);
    }
    this.wake(moreDue ? 0 : this.untilNextDue());
  }

  /** What is due, soonest-needed first; each plan marks itself done only once its fetch went through. */
  private plans(nowMs: number): Plan[] {
    const now = new Date(nowMs);
    const full = this.forceFull || nowMs - this.lastWindow >= this.rhythm.windowEveryMs;
    const fullWindow = syncWindowAround(now, this.rhythm.daysBack, this.rhythm.daysAhead);
    // A stretch the full window covers anyway is not fetched twice in one pass.
    const covered = (w: SyncWindow) => full && w.from >= fullWindow.from && w.to <= fullWindow.to;
    for (const entry of [...this.asked]) if (!entry.today && covered(entry.window)) this.asked.splice(this.asked.indexOf(entry), 1);
    const plans: Plan[] = this.asked.map((entry) => ({
      // Today asked again is today in the zone known now: the first answer may have told us the location's zone.
      window: entry.today ? localDayAround(now, this.events.zoneFor(this.provider)) : entry.window,
      fullWindow: false,
      today: entry.today,
      done: () => {
        this.asked.splice(this.asked.indexOf(entry), 1);
        if (entry.today) this.lastToday = nowMs;
      },
    }));
    const todayAsked = this.asked.some((entry) => entry.today);
    if (!todayAsked && (full || nowMs - this.lastToday >= this.rhythm.todayEveryMs)) {
      const window = localDayAround(now, this.events.zoneFor(this.provider));
      plans.push({ window, fullWindow: false, today: true, done: () => (this.lastToday = nowMs) });
    }
    if (full) {
      plans.push({
        window: fullWindow,
        fullWindow: true,
        done: () => {
          this.lastWindow = nowMs;
          this.forceFull = false;
        },
      });
    }
    return plans;
  }

  private untilNextDue(): number {
    const nowMs = this.clock().getTime();
    const due = Math.min(this.lastToday + this.rhythm.todayEveryMs, this.lastWindow + this.rhythm.windowEveryMs);
    return Math.max(this.retryAt, due) - nowMs;
  }

  private wake(inMs: number): void {
    if (!this.automatic || this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.loop.request(), Math.max(0, inMs));
    this.timer.unref();
  }
}
