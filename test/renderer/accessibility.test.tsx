import { fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/src/app';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { writeMeta } from '../../src-renderer/src/data/meta';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { aConnection, aDeskAction, aSession, allCapabilities, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  const attention = aDeskAction({ kind: 'promote_from_waitlist', state: 'needs_attention', bookingId: 'booking-carla', memberId: 'carla', error: { code: 'class_started', params: { session: 'Yoga', startedAt: '2026-03-20T17:00:00.000Z' } } });
  await seedCache(db, { ...rosterScene(), deskActions: [attention] });
  const capabilities = { ...allCapabilities(), book: true, validateBooking: true, confirmBookingRequests: true, validateVisit: true };
  core = new FakeCore({ records: rosterScene(), connections: [aConnection({ id: aSession().connectionId, capabilities })] });
  core.validations.set('yoga-1800|emil', { bookable: false, reasons: [{ code: 'no_class_credits' }] });
});
afterEach(() => dropDatabase(db));

async function violations(): Promise<string[]> {
  // jsdom computes no colours; contrast is checked by the end-to-end run in a real browser.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function showDesk(): Promise<void> {
  render(
    <DeskProvider db={db} desk={core.api}>
      <App />
    </DeskProvider>,
  );
  await screen.findAllByTestId('roster-row');
  await screen.findByTestId('needs-attention');
}

describe('accessibility of the desk actions', () => {
  it('the roster with every action, and the status strip', async () => {
    await showDesk();
    await screen.findByTestId('action-confirm');
    expect(await violations()).toEqual([]);
  });

  it('the status strip naming a failing system, a store problem, and an unread roster', async () => {
    await db.sessions.update('yoga-1800', { rosterUnread: true });
    await writeMeta(db, 'deskStatus', {
      connection: 'online',
      pendingActions: 0,
      storeProblem: { code: 'store_read_only', params: { dataDir: '/var/lib/classdesk' } },
      connections: [{ id: 'demo-1', label: 'Demo studio', state: 'failing', failingSince: '2026-03-20T16:40:00.000Z' }],
    });
    useDeskStore.getState().setLink('up');
    await showDesk();
    await screen.findByTestId('system-ages');
    await screen.findByTestId('roster-unread');
    expect(await violations()).toEqual([]);
  });

  it('the cancel and reject dialogs', async () => {
    await showDesk();
    fireEvent.click(screen.getAllByTestId('action-cancel')[0]!);
    await screen.findByTestId('cancel-warning');
    expect(await violations()).toEqual([]);
    fireEvent.keyDown(screen.getByTestId('cancel-dialog'), { key: 'Escape' });

    fireEvent.click(await screen.findByTestId('action-reject'));
    await screen.findByTestId('reject-dialog');
    expect(await violations()).toEqual([]);
  });

  it('the walk-in dialog with a refusal', async () => {
    await showDesk();
    fireEvent.click(screen.getByTestId('add-member'));
    const dialog = await screen.findByTestId('walk-in-dialog');
    fireEvent.change(within(dialog).getByTestId('walk-in-search'), { target: { value: 'emil' } });
    expect(await violations()).toEqual([]);
    fireEvent.click(await within(dialog).findByTestId('walk-in-result'));
    await within(dialog).findByTestId('walk-in-validation');
    expect(await violations()).toEqual([]);
  });

  it('the command palette, listing and filtered to nothing', async () => {
    await showDesk();
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const palette = await screen.findByTestId('command-palette');
    expect(within(palette).getAllByTestId('palette-item').map((item) => item.dataset['item'])).toContain('wellhubVisit');
    expect(await violations()).toEqual([]);
    fireEvent.change(within(palette).getByTestId('palette-search'), { target: { value: 'nothing like this' } });
    expect(await violations()).toEqual([]);
  });

  it('the shortcut help and the Activity screen', async () => {
    await showDesk();
    fireEvent.click(screen.getByTestId('show-shortcuts'));
    await screen.findByTestId('shortcut-help');
    expect(await violations()).toEqual([]);
    fireEvent.keyDown(screen.getByTestId('shortcut-help'), { key: 'Escape' });

    fireEvent.click(screen.getByTestId('nav-activity'));
    await screen.findAllByTestId('activity-row');
    expect(await violations()).toEqual([]);
  });
});
