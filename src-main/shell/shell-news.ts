import { DeskEvent } from '../../src-shared/contract';

/**
 * What the shell itself has to tell the page (an update waiting to install), beside the core's
 * events. The latest of each kind is kept: a page that loads or reloads later asks hello first
 * and then hears it again (see ipc-bridge.ts), instead of never learning of it.
 */
export class ShellNews {
  private readonly latest = new Map<DeskEvent['name'], DeskEvent>();
  private readonly listeners = new Set<(event: DeskEvent) => void>();

  constructor(private readonly log: (message: string) => void) {}

  /** Checked against the contract first: the page trusts events to be what the contract says. */
  tell(event: DeskEvent): void {
    const checked = DeskEvent.safeParse(event);
    if (!checked.success) {
      this.log(`shell news not sent, it does not match the contract: ${checked.error.message}`);
      return;
    }
    this.latest.set(checked.data.name, checked.data);
    for (const listener of this.listeners) listener(checked.data);
  }

  current(): DeskEvent[] {
    return [...this.latest.values()];
  }

  subscribe(listener: (event: DeskEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
