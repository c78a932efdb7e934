import type { ConnectionFreshness, DeskStatus } from '../../../../src-shared/domain';
import type { LinkState } from '../../desk/desk-link';
import type { DeskMessage } from '../../../../src-shared/desk-messages';

/**
 * What the strip shows, kept apart on purpose: the desk service (the core) out of reach is
 * `offline`; the core up while a booking system fails is `failing`, never "Online".
 */
export type StripState = 'online' | 'syncing' | 'offline' | 'failing';
export type Headline = 'online' | 'syncing' | 'connecting' | 'offline' | 'failing' | 'providersDown';

export interface DeskState {
  state: StripState;
  headline: Headline;
  /** Systems to name with their data age: the failing ones, or every known one while the core is gone. */
  systems: ConnectionFreshness[];
  /** Staff retry as soon as a provider is back, so only a missing core disables Sync now. */
  canSync: boolean;
  storeProblem: DeskMessage | undefined;
}

/** Reads the link to the core and the core's last status (live, or saved before it went away). */
export function describeDesk(link: LinkState, status: DeskStatus | undefined): DeskState {
  if (link === 'down') {
    return { state: 'offline', headline: 'offline', systems: status?.connections ?? [], canSync: false, storeProblem: undefined };
  }
  // While catching up, the saved status is from before: it names nothing until the core speaks.
  if (link === 'connecting') {
    return { state: 'syncing', headline: 'connecting', systems: [], canSync: true, storeProblem: undefined };
  }
  const storeProblem = status?.storeProblem;
  const failing = status?.connections.filter((connection) => connection.state === 'failing') ?? [];
  if (failing.length > 0) return { state: 'failing', headline: 'failing', systems: failing, canSync: true, storeProblem };
  if (status?.connection === 'offline') {
    return { state: 'failing', headline: 'providersDown', systems: [], canSync: true, storeProblem };
  }
  const state = status?.connection === 'syncing' ? 'syncing' : 'online';
  return { state, headline: state, systems: [], canSync: true, storeProblem };
}
