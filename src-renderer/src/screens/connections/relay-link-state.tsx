import { useTranslation } from 'react-i18next';
import type { RelayLink } from '../../../../src-shared/connections';
import type { GymPlace } from '../../i18n/gym-time';
import { relayLinkWords } from './relay-link-words';

interface Props {
  link: RelayLink;
  place: GymPlace;
  nowMs: number;
  /** In the form the IT person is working in, a change is announced; in the list it is just read. */
  live?: boolean;
}

/** How the desk's link to the relay stands: connected, on its way, refused (a new token is needed), unreachable since when. */
export function RelayLinkState({ link, place, nowMs, live = false }: Props) {
  const { t } = useTranslation();
  const words = relayLinkWords(t, link, place, nowMs);
  return (
    <p className={`relay-link relay-${link.state}`} data-testid="relay-link" data-state={link.state} role={live ? 'status' : undefined}>
      <span className="relay-link-state">{words.state}</span>
      {words.problem && (
        <span className="relay-link-problem" data-testid="relay-link-problem">
          {' '}
          {words.problem}
        </span>
      )}
    </p>
  );
}
