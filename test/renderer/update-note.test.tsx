import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { listenForUpdates } from '../../src-renderer/src/desk/update-notice';
import { StatusStrip } from '../../src-renderer/src/screens/status-strip/status-strip';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { FakeCore } from './fake-core';
import { aLocation, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;
let stopListening: () => void;

// 17:50 in Berlin on Friday 20 March 2026 (winter time, UTC+1).
const nowMs = Date.parse('2026-03-20T16:50:00.000Z');
const berlin = aLocation();

beforeEach(() => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  core = new FakeCore();
  stopListening = listenForUpdates(core.api, useDeskStore.getState().setUpdate);
});
afterEach(async () => {
  stopListening();
  await dropDatabase(db);
});

function showStrip() {
  return render(
    <DeskProvider db={db} desk={core.api}>
      <StatusStrip location={berlin} nowMs={nowMs} />
    </DeskProvider>,
  );
}

describe('the update note on the status strip', () => {
  it('nothing while no update waits', () => {
    showStrip();
    expect(screen.queryByTestId('update-ready')).toBeNull();
  });

  it('says which update is ready and when the desk restarts, in the gym’s time', () => {
    showStrip();
    act(() => core.emit({ name: 'update', payload: { state: 'ready', version: '1.2.0', installAt: '2026-03-20T22:00:00.000Z' } }));
    expect(screen.getByRole('status').textContent).toContain('Update 1.2.0 ready — restarts after closing, at 23:00');
  });

  it('heard before the strip was on screen, it is shown all the same', () => {
    core.emit({ name: 'update', payload: { state: 'ready', version: '1.2.0', installAt: '2026-03-20T22:00:00.000Z' } });
    showStrip();
    expect(screen.getByTestId('update-ready').textContent).toContain('restarts after closing, at 23:00');
  });

  it('without a closed time in the opening hours it says so instead of promising a restart', () => {
    showStrip();
    act(() => core.emit({ name: 'update', payload: { state: 'ready', version: '1.2.0', installAt: null } }));
    expect(screen.getByTestId('update-ready').textContent).toContain('Update 1.2.0 ready — the opening hours leave no closed time to restart');
  });

  it('goes when the shell says nothing waits any more (updates switched off)', () => {
    showStrip();
    act(() => core.emit({ name: 'update', payload: { state: 'ready', version: '1.2.0', installAt: null } }));
    act(() => core.emit({ name: 'update', payload: { state: 'none' } }));
    expect(screen.queryByTestId('update-ready')).toBeNull();
  });
});
