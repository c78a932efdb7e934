import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/src/app';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  await seedCache(db, rosterScene());
  core = new FakeCore({ records: rosterScene() });
});
afterEach(() => dropDatabase(db));

async function focusRow(bookingId: string): Promise<HTMLElement> {
  render(
    <DeskProvider db={db} desk={core.api}>
      <App />
    </DeskProvider>,
  );
  const rows = await screen.findAllByTestId('roster-row');
  const row = rows.find((r) => r.dataset['bookingId'] === bookingId);
  if (!row) throw new Error(`no row ${bookingId}`);
  row.focus();
  return row;
}

/** Keys fired one after another with no wait: faster than any person, as a wedge scanner types. */
function scan(target: HTMLElement, code: string): void {
  for (const key of code) fireEvent.keyDown(target, { key });
  fireEvent.keyDown(target, { key: 'Enter' });
}

const sent = (command: string) => core.calls.filter((c) => c.command === command).map((c) => c.input);

describe('a scan made while a roster row has focus', () => {
  it('checks the scanned card in instead of running the shortcut its first letter stands for', async () => {
    const row = await focusRow('booking-anna');
    scan(row, 'X9912345');
    await waitFor(() => expect(sent('checkInByBarcode')).toEqual([expect.objectContaining({ barcode: 'X9912345' })]));
    // Give a held X every chance to fire: it must not.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByTestId('cancel-dialog')).toBeNull();
    expect(sent('cancelBooking')).toEqual([]);
    expect(document.activeElement).toBe(screen.getByTestId('check-in-input'));
  });

  it('still lets a person’s lone X open the cancel dialog', async () => {
    const row = await focusRow('booking-anna');
    fireEvent.keyDown(row, { key: 'x' });
    expect(await screen.findByTestId('cancel-dialog')).toBeTruthy();
    expect(sent('checkInByBarcode')).toEqual([]);
  });

  it('hands a person’s letters that are no shortcut to the check-in field', async () => {
    const row = await focusRow('booking-anna');
    fireEvent.keyDown(row, { key: 'M' });
    const input = screen.getByTestId('check-in-input') as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('M'));
    expect(document.activeElement).toBe(input);
  });
});
