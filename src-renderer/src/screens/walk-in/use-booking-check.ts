import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingValidation } from '../../../../src-shared/contract';
import { useDesk } from '../../desk/desk-context';
import { describeActionError } from '../../i18n/action-words';

export type BookingCheck =
  | { state: 'not_asked' }
  | { state: 'checking' }
  | ({ state: 'answered' } & BookingValidation)
  | { state: 'failed'; message: string };

interface Answer {
  memberId: string;
  check: BookingCheck;
}

/**
 * Asks the booking system whether this member may book this class (credits,
 * limits…) before the desk offers to book; only where the system can say.
 */
export function useBookingCheck(sessionId: string, memberId: string | undefined, systemCanCheck: boolean): BookingCheck {
  const { t } = useTranslation();
  const desk = useDesk();
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    if (!memberId || !systemCanCheck) return;
    let current = true;
    desk.validateBooking({ sessionId, memberId }).then(
      (validation) => {
        if (current) setAnswer({ memberId, check: { state: 'answered', ...validation } });
      },
      (error: unknown) => {
        if (current) setAnswer({ memberId, check: { state: 'failed', message: describeActionError(t, error) } });
      },
    );
    return () => {
      current = false;
    };
  }, [desk, sessionId, memberId, systemCanCheck, t]);

  if (!memberId || !systemCanCheck) return { state: 'not_asked' };
  return answer?.memberId === memberId ? answer.check : { state: 'checking' };
}
