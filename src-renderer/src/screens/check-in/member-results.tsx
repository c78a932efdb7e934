import { useTranslation } from 'react-i18next';
import type { Member } from '../../../../src-shared/domain';
import { memberName } from '../../i18n/words';

interface Props {
  id: string;
  members: readonly Member[];
  activeIndex: number;
  onChoose(member: Member): void;
}

export const resultOptionId = (listId: string, index: number): string => `${listId}-option-${index}`;

/** The name search's matches; the input keeps focus and points at the active one (combobox pattern). */
export function MemberResults({ id, members, activeIndex, onChoose }: Props) {
  const { t } = useTranslation();
  return (
    <ul id={id} role="listbox" className="member-results" aria-label={t('checkIn.results')}>
      {members.map((member, index) => (
        <li
          key={member.id}
          id={resultOptionId(id, index)}
          role="option"
          aria-selected={index === activeIndex}
          className={index === activeIndex ? 'is-active' : undefined}
          data-testid="member-result"
          data-member-id={member.id}
          // mousedown, not click: choosing must happen before the input loses focus.
          onMouseDown={(event) => {
            event.preventDefault();
            onChoose(member);
          }}
        >
          <span className="member-name">{memberName(t, member)}</span>
          <span className="member-number">{t('roster.memberNumber', { memberNumber: member.memberNumber })}</span>
        </li>
      ))}
    </ul>
  );
}
