import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { SettingsScreen } from '../../src-renderer/src/screens/settings/settings-screen';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { FakeCore } from './fake-core';
import { dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

beforeEach(() => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  core = new FakeCore();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await dropDatabase(db);
});

function showScreen(onWiped = vi.fn()) {
  render(
    <DeskProvider db={db} desk={core.api}>
      <SettingsScreen onWiped={onWiped} />
    </DeskProvider>,
  );
  return onWiped;
}

const loaded = () => waitFor(() => expect(screen.getByLabelText('Language')).toBeTruthy());

describe('the Settings screen', () => {
  it('labels every control and offers only languages the desk has words for', async () => {
    showScreen();
    await loaded();
    for (const label of [
      'Language',
      'Desk location',
      'Days back to fetch',
      'Days ahead to fetch',
      'Keep classes and bookings for (days)',
      'Keep finished desk actions for (days)',
      'Play a sound on every scan',
      'Scanner key gap (milliseconds)',
      'Monday, opens',
      'Sunday, closes',
      'Front-desk mode (full screen, asks before closing, starts at login)',
      'Look for updates',
      'Update channel',
    ]) {
      expect(screen.getByLabelText(label), label).toBeTruthy();
    }
    const options = [...(screen.getByLabelText('Language') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toEqual(['Same as the computer', 'English', 'Deutsch']);
  });

  it('shows a setting locked by policy disabled and marked, one from the PC marked, and the files’ problems', async () => {
    core.settings.sources.sounds = 'policy';
    core.settings.values.sounds = false;
    core.settings.sources.syncDaysAhead = 'provisioning';
    core.settings.problems = [{ file: '/etc/classdesk/config.json', field: 'syncDaysBack', message: { code: 'settings_value_invalid', params: { field: 'syncDaysBack', detail: 'Too big: expected number to be <=7' } } }];
    showScreen();
    await loaded();
    const sounds = screen.getByLabelText('Play a sound on every scan') as HTMLInputElement;
    expect(sounds.disabled).toBe(true);
    expect(screen.getByTestId('setting-sounds-marker').textContent).toBe('Set by your IT (policy)');
    expect(sounds.getAttribute('aria-describedby')).toContain(screen.getByTestId('setting-sounds-marker').id);
    expect((screen.getByLabelText('Days ahead to fetch') as HTMLInputElement).disabled).toBe(false);
    expect(screen.getByTestId('setting-syncDaysAhead-marker').textContent).toBe('Set by this PC’s configuration');
    expect(screen.queryByTestId('setting-language-marker')).toBeNull();
    expect(screen.getByTestId('settings-problems').textContent).toContain(
      '/etc/classdesk/config.json, setting “syncDaysBack”: This value cannot be used; the setting is ignored. (the system said: “Too big: expected number to be <=7”)',
    );
  });

  it('saves only the changed fields, and refuses a value out of range without asking the core', async () => {
    showScreen();
    await loaded();
    fireEvent.change(screen.getByLabelText('Days ahead to fetch'), { target: { value: '99' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-message').textContent).toContain('syncDaysAhead'));
    expect(core.calls.filter((c) => c.command === 'saveSettings')).toEqual([]);
    fireEvent.change(screen.getByLabelText('Days ahead to fetch'), { target: { value: '21' } });
    fireEvent.click(screen.getByLabelText('Play a sound on every scan'));
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-message').textContent).toBe('Settings saved.'));
    expect(core.calls.filter((c) => c.command === 'saveSettings').map((c) => c.input)).toEqual([{ syncDaysAhead: 21, sounds: false }]);
  });

  it('wipes only after the word is typed, and asks to lose waiting actions', async () => {
    core.status = { ...core.status, pendingActions: 2 };
    await db.deskActions.bulkPut([
      { id: 'a1', kind: 'check_in', state: 'accepted', connectionId: 'demo-1', createdAt: core.now, updatedAt: core.now },
      { id: 'a2', kind: 'check_in', state: 'accepted', connectionId: 'demo-1', createdAt: core.now, updatedAt: core.now },
    ]);
    const onWiped = showScreen();
    await loaded();
    fireEvent.click(screen.getByTestId('wipe-open'));
    await waitFor(() => expect(screen.getByTestId('wipe-waiting').textContent).toBe('2 desk actions are still waiting to be sent. They will be lost.'));
    fireEvent.click(screen.getByTestId('wipe-confirm'));
    expect(core.wipes).toBe(0);
    fireEvent.change(screen.getByLabelText('Type WIPE to confirm'), { target: { value: 'wipe' } });
    fireEvent.click(screen.getByTestId('wipe-confirm'));
    expect(core.wipes).toBe(0);
    fireEvent.click(screen.getByLabelText('Lose the desk actions waiting to be sent'));
    fireEvent.click(screen.getByTestId('wipe-confirm'));
    await waitFor(() => expect(onWiped).toHaveBeenCalledTimes(1));
    expect(core.wipes).toBe(1);
    expect(core.calls.filter((c) => c.command === 'wipeLocalData').map((c) => c.input)).toEqual([{ discardWaiting: true }]);
  });

  it('has no accessibility violations axe can find without a layout engine, locked fields and problems included', async () => {
    core.settings.sources.language = 'policy';
    core.settings.problems = [{ file: '/etc/classdesk/policy.json', message: { code: 'settings_file_not_json', params: { detail: 'Unexpected token' } } }];
    showScreen();
    await loaded();
    // jsdom computes no colours; contrast is checked in a real browser.
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
