/**
 * Runs sync passes one at a time, on a timer and on request. A request during
 * a pass runs one more pass after it, so nothing asked for is skipped and no
 * two passes ever overlap.
 */
export class SyncLoop {
  private running: Promise<void> | undefined;
  private again = false;
  private readonly timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly pass: () => Promise<void>,
    intervalMs: number,
  ) {
    this.timer = intervalMs > 0 ? setInterval(() => this.request(), intervalMs) : undefined;
    this.timer?.unref();
  }

  /** Starts a pass (or queues one), and resolves when the pass that covers this request is done. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running.then(() => this.running ?? Promise.resolve());
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.run();
      }
    });
    return this.running;
  }

  request(): void {
    void this.run();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.again = false;
    await this.running;
  }
}
