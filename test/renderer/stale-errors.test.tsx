import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { StatusStrip } from '../../src-renderer/src/screens/status-strip/status-strip';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { FakeCore } from './fake-core';
import { aLocation, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

beforeEach(() => {
  useDeskStore.setState({ ...initialUiState, link: 'up' });
  db = freshDatabase();
  core = new FakeCore();
});
afterEach(() => dropDatabase(db));

describe('an error that says the desk is offline', () => {
  it('leaves the status strip once the desk service is back, so it never stands next to "Online"', async () => {
    render(
      <DeskProvider db={db} desk={core.api}>
        <StatusStrip location={aLocation()} nowMs={Date.parse('2026-03-20T16:50:00.000Z')} />
      </DeskProvider>,
    );
    core.drop();
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The desk is offline/);

    act(() => useDeskStore.getState().setLink('down'));
    expect(screen.getByRole('alert').textContent).toMatch(/^The desk is offline/);
    core.restore();
    act(() => useDeskStore.getState().setLink('up'));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('but an error that is not about the link stays until the next try', async () => {
    render(
      <DeskProvider db={db} desk={core.api}>
        <StatusStrip location={aLocation()} nowMs={Date.parse('2026-03-20T16:50:00.000Z')} />
      </DeskProvider>,
    );
    core.api.syncNow = () => Promise.reject(new Error('bug in the page'));
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    const alert = await screen.findByRole('alert');
    act(() => useDeskStore.getState().setLink('up'));
    expect(screen.getByRole('alert')).toBe(alert);
  });
});
