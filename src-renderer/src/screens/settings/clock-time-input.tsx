import { useState } from 'react';

/** HH:MM on a 24-hour clock, as opening hours are stored; a stretch may close at 24:00. */
const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/;

interface Props {
  value: string;
  label: string;
  disabled: boolean;
  /** Closing times may be 24:00 (open until midnight). */
  untilMidnight?: boolean;
  onChange(value: string): void;
}

/**
 * A time of day typed as HH:MM. Not <input type="time">: Chromium draws that in the PC's own
 * language and clock ("06:00 AM" on an English Windows) whatever language the desk speaks, so a
 * German desk would show English there. Half-typed text stays in the field and is not passed on
 * until it is a time; leaving the field with less brings the last time back.
 */
export function ClockTimeInput({ value, label, disabled, untilMidnight = false, onChange }: Props) {
  const [typed, setTyped] = useState<string | null>(null);
  const isTime = (text: string) => clockTime.test(text) || (untilMidnight && text === '24:00');
  return (
    <input
      type="text"
      className="clock-time"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      maxLength={5}
      size={5}
      aria-label={label}
      aria-invalid={typed !== null || undefined}
      value={typed ?? value}
      disabled={disabled}
      onChange={(event) => {
        const text = event.target.value.trim();
        if (isTime(text)) {
          setTyped(null);
          onChange(text);
        } else {
          setTyped(text);
        }
      }}
      onBlur={() => setTyped(null)}
    />
  );
}
