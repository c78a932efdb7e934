import type { RelayLink } from '../../../src-shared/connections';
import { deskMessage, type DeskMessage } from '../../../src-shared/desk-messages';
import type { RelayFrame } from '../../../src-shared/relay-wire';
import type { Clock } from '../clock';
import type { SyncWindow } from '../providers/provider';
import type { WellhubProvider } from '../providers/wellhub/wellhub-provider';
import type { DeskStore } from '../store/desk-store';
import { relayCursor } from '../store/relay-cursors';
import type { RelayBackoff } from './relay-backoff';
import { CapacityReports } from './relay-capacity';
import { RelayDecisions } from './relay-decisions';
import { RelayIntake } from './relay-intake';
import { RelaySocket } from './relay-socket';

export interface WellhubRelayLinkOptions {
  store: DeskStore;
  wellhub: WellhubProvider;
  /** The Wellhub gym id of the connection: a relay that welcomes the desk to another gym is not this one's. */
  gymId: string;
  relayUrl: string;
  token: string;
  clock: Clock;
  backoff: RelayBackoff;
  log(message: string): void;
  publish(): void;
  /** The link's state changed (for the Connections screen). */
  changed(): void;
  /** The link is up again: decisions waiting in the journal may go now. */
  up(): void;
}

/**
 * One Wellhub connection's link to its relay: the socket, what its events do at the desk, the desk's
 * decisions and the capacity reports. While it exists, the adapter's Confirm / Reject go through it.
 */
export class WellhubRelayLink {
  private readonly socket: RelaySocket;
  private readonly intake: RelayIntake;
  private readonly decisions: RelayDecisions;
  private readonly capacity: CapacityReports;
  private timing: Pick<RelayLink, 'fallbackDelayMs' | 'wellhubDeadlineMs'> = {};
  private lastEventAt: string | undefined;
  private problem: DeskMessage | undefined;
  private cursor: number | undefined;
  /** Set when an event could not be kept: later frames of that socket are not taken (they would skip it). */
  private halted = false;
  private readonly name: string;

  constructor(private readonly options: WellhubRelayLinkOptions) {
    const { store, wellhub, relayUrl, clock, log } = options;
    const connectionId = wellhub.connectionId;
    this.name = `relay of ${connectionId}`;
    this.intake = new RelayIntake({ store, wellhub, connectionId, relayUrl, clock, publish: options.publish, log });
    this.socket = new RelaySocket({
      relayUrl,
      token: options.token,
      backoff: options.backoff,
      clock,
      name: this.name,
      log,
      hello: () => {
        // Exactly where the store stands: a restarted desk catches up from there, a new one sends none.
        this.cursor = relayCursor(store, connectionId, relayUrl);
        return { type: 'hello', ...(this.cursor !== undefined ? { after: this.cursor } : {}) };
      },
      onFrame: (frame) => this.onFrame(frame),
      onState: (state) => {
        // A refused token is the problem to show; any other state ends it (a wrong gym is set again by the welcome).
        if (state === 'refused') this.problem = { code: 'relay_token_refused' };
        else if (this.problem?.code === 'relay_token_refused') this.problem = undefined;
        options.changed();
      },
      onClose: () => this.decisions.dropped(),
    });
    const send = (frame: Parameters<RelaySocket['send']>[0]) => this.socket.send(frame);
    this.decisions = new RelayDecisions({
      send,
      answerWithinMs: options.backoff.answerWithinMs,
      keepNote: (note) => this.intake.takeNote(note),
    });
    this.capacity = new CapacityReports(store, connectionId, send);
  }

  start(): void {
    this.options.wellhub.useRelay(this.decisions);
    this.socket.start();
  }

  /** The link as the Connections screen shows it. */
  state(): RelayLink {
    const { state, since } = this.socket.current;
    return {
      state,
      since,
      ...this.timing,
      ...(this.lastEventAt ? { lastEventAt: this.lastEventAt } : {}),
      ...(this.problem ? { problem: this.problem } : {}),
    };
  }

  /** After a sync of the connection: the window's changed class numbers go to the relay. */
  synced(window: SyncWindow): void {
    this.capacity.report(window);
  }

  async stop(): Promise<void> {
    this.options.wellhub.useRelay(undefined);
    await this.socket.stop();
    this.decisions.dropped();
  }

  private onFrame(frame: RelayFrame): void {
    const { log } = this.options;
    switch (frame.type) {
      case 'welcome': {
        this.halted = false;
        this.timing = { fallbackDelayMs: frame.fallbackDelayMs, wellhubDeadlineMs: frame.wellhubDeadlineMs };
        // The desk token belongs to another gym than this connection's: its events would all be refused.
        this.problem = frame.gymId === this.options.gymId ? undefined : deskMessage('wellhub_wrong_gym', { gymId: frame.gymId.slice(0, 100), ownGymId: this.options.gymId });
        if (this.problem) log(`${this.name}: the relay welcomed this desk to gym ${frame.gymId.slice(0, 100)}, not ${this.options.gymId}`);
        this.options.changed();
        this.capacity.linkUp(this.options.clock());
        this.options.up();
        return;
      }
      case 'event': {
        // After a reconnect the relay may start behind the store (a hello without `after`): those are kept already.
        if (this.halted || (this.cursor !== undefined && frame.seq <= this.cursor)) return;
        let seq: number;
        try {
          seq = this.intake.take(frame, this.timing.fallbackDelayMs);
        } catch (error) {
          // The store could not keep it: no ack, and no later event may be kept past it. A new socket
          // starts again from the store's cursor.
          log(`${this.name}: event ${frame.seq} could not be kept (${error instanceof Error ? error.message : String(error)}); reconnecting`);
          this.halted = true;
          this.socket.reopen();
          return;
        }
        this.cursor = seq;
        this.lastEventAt = this.options.clock().toISOString();
        this.socket.send({ type: 'ack', seq });
        return;
      }
      case 'decision':
        this.decisions.answered(frame);
        return;
      case 'problem':
        log(`${this.name}: the relay did not take a frame (${frame.message.slice(0, 200)})`);
        return;
    }
  }
}
