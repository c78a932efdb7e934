import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { i18n } from '../../src-renderer/src/i18n';
import { SettingsScreen } from '../../src-renderer/src/screens/settings/settings-screen';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { FakeCore } from './fake-core';
import { dropDatabase, freshDatabase } from './fixtures';

/** Opening hours are typed HH:MM on a 24-hour clock, in any language the desk speaks. */
let db: DeskDatabase;
let core: FakeCore;

beforeEach(() => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  core = new FakeCore();
});
afterEach(async () => {
  await i18n.changeLanguage('en');
  await dropDatabase(db);
});

function showScreen() {
  render(
    <DeskProvider db={db} desk={core.api}>
      <SettingsScreen onWiped={() => undefined} />
    </DeskProvider>,
  );
}

const saved = () => core.calls.filter((c) => c.command === 'saveSettings').map((c) => c.input as { openingHours?: Record<string, unknown> });

describe('opening hours', () => {
  it('shows the times on a 24-hour clock, as text the page draws, not the PC’s time picker', async () => {
    await i18n.changeLanguage('de');
    showScreen();
    const opens = (await screen.findByLabelText('Montag, öffnet')) as HTMLInputElement;
    const closes = screen.getByLabelText('Montag, schließt') as HTMLInputElement;
    expect(opens.type).toBe('text');
    expect([opens.value, closes.value]).toEqual(['06:00', '23:00']);
  });

  it('passes on a time once it is whole, keeps half-typed text marked, and brings the time back when left so', async () => {
    showScreen();
    const opens = (await screen.findByLabelText('Monday, opens')) as HTMLInputElement;
    fireEvent.change(opens, { target: { value: '7:3' } });
    expect(opens.value).toBe('7:3');
    expect(opens.getAttribute('aria-invalid')).toBe('true');
    fireEvent.blur(opens);
    expect(opens.value).toBe('06:00');
    expect(opens.getAttribute('aria-invalid')).toBeNull();

    fireEvent.change(opens, { target: { value: '07:30' } });
    fireEvent.change(screen.getByLabelText('Monday, closes'), { target: { value: '24:00' } });
    fireEvent.change(screen.getByLabelText('Tuesday, opens'), { target: { value: '24:00' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-message').textContent).toBe('Settings saved.'));
    const [save] = saved();
    expect(save?.openingHours?.['monday']).toEqual([{ opens: '07:30', closes: '24:00' }]);
    // 24:00 closes a day; it opens none.
    expect(save?.openingHours?.['tuesday']).toEqual([{ opens: '06:00', closes: '23:00' }]);
  });
});
