import type { TFunction } from 'i18next';
import type { RelayLink } from '../../../../src-shared/connections';
import { formatSyncTime, type GymPlace } from '../../i18n/gym-time';
import { wordMessage } from '../../i18n/message-words';

/** The desk's link to a Wellhub connection's relay in one sentence, and the relay's own problem if it named one. */
export function relayLinkWords(t: TFunction, link: RelayLink, place: GymPlace, nowMs: number): { state: string; problem: string | undefined } {
  const since = formatSyncTime(link.since, place, nowMs);
  const problem = link.problem ? wordMessage(t, link.problem, { place, saidAtMs: nowMs }) : undefined;
  switch (link.state) {
    case 'connected':
      return {
        state: link.lastEventAt
          ? t('connections.relay.link.connectedLastEvent', { time: formatSyncTime(link.lastEventAt, place, nowMs) })
          : t('connections.relay.link.connected'),
        problem,
      };
    case 'connecting':
      return { state: t('connections.relay.link.connecting'), problem };
    case 'refused':
      return { state: t('connections.relay.link.refused'), problem };
    case 'unreachable':
      return { state: t('connections.relay.link.unreachable', { time: since }), problem };
  }
}
