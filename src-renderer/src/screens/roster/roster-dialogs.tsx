import { useTranslation } from 'react-i18next';
import type { Capabilities } from '../../../../src-shared/connections';
import type { Location, Session } from '../../../../src-shared/domain';
import { memberName } from '../../i18n/words';
import type { DeskMessage } from '../../store';
import { WalkInDialog } from '../walk-in/walk-in-dialog';
import { CancelDialog } from './cancel-dialog';
import { RejectDialog } from './reject-dialog';
import type { RosterDialog } from './use-roster-actions';

interface Props {
  dialog: RosterDialog;
  session: Session;
  location: Location;
  capabilities: Capabilities | undefined;
  confirm(reason: string): Promise<string | null>;
  close(): void;
  tell(message: DeskMessage): void;
}

/** Whichever question the roster is asking right now, if any. */
export function RosterDialogs({ dialog, session, location, capabilities, confirm, close, tell }: Props) {
  const { t } = useTranslation();
  if (!dialog) return null;
  if (dialog.kind === 'walk_in') {
    const booked = (message: DeskMessage): void => {
      tell(message);
      close();
    };
    return <WalkInDialog session={session} location={location} capabilities={capabilities} onBooked={booked} onClose={close} />;
  }
  const name = memberName(t, dialog.entry.member);
  if (dialog.kind === 'cancel_booking') {
    return <CancelDialog name={name} session={session} location={location} onConfirm={confirm} onClose={close} />;
  }
  return <RejectDialog name={name} onConfirm={confirm} onClose={close} />;
}
