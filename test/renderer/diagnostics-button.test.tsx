import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskError } from '../../src-renderer/src/desk/desk-error';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { ConnectionsScreen } from '../../src-renderer/src/screens/connections/connections-screen';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { FakeCore } from './fake-core';
import { aConnection, aLocation, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;
const nowMs = Date.parse('2026-03-20T16:50:00.000Z');
const report = 'Classdesk diagnostics\nApp version: 0.1.0\n- magicline-1: API key stored';

/** The page's clipboard, replaced per test: jsdom has none of its own. */
function clipboard(writeText: (text: string) => Promise<void>) {
  const spy = vi.fn(writeText);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: spy }, configurable: true });
  return spy;
}

async function showScreen() {
  core = new FakeCore({ connections: [aConnection()] });
  core.diagnostics = report;
  render(
    <DeskProvider db={db} desk={core.api}>
      <ConnectionsScreen location={aLocation()} nowMs={nowMs} />
    </DeskProvider>,
  );
  await screen.findAllByTestId('connection-row');
}

beforeEach(() => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await dropDatabase(db);
});

describe('Copy diagnostics', () => {
  it('puts the core’s report on the clipboard and says so in a live region', async () => {
    const writeText = clipboard(async () => {});
    await showScreen();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' })));

    expect(writeText).toHaveBeenCalledWith(report);
    expect(core.calls.filter((c) => c.command === 'getDiagnostics')).toHaveLength(1);
    const message = screen.getByTestId('diagnostics-message');
    expect(message.getAttribute('role')).toBe('status');
    await waitFor(() => expect(message.textContent).toBe('Diagnostics copied'));
    expect(screen.queryByTestId('diagnostics-text')).toBeNull();
  });

  it('shows the text read-only to select by hand when the clipboard is refused', async () => {
    clipboard(async () => {
      throw new DOMException('Document is not focused.', 'NotAllowedError');
    });
    await showScreen();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' })));

    const text = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Diagnostics' });
    expect(text.value).toBe(report);
    expect(text.readOnly).toBe(true);
    expect(screen.getByTestId('diagnostics-message').textContent).toBe('The clipboard could not be used. Select the text below and copy it.');
  });

  it('says why when the core cannot put the report together', async () => {
    const writeText = clipboard(async () => {});
    await showScreen();
    vi.spyOn(core.api, 'getDiagnostics').mockRejectedValue(new DeskError('unavailable', 'The desk is not connected.'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' })));

    await waitFor(() => expect(screen.getByTestId('diagnostics-message').textContent).toMatch(/^The diagnostics could not be put together: /));
    expect(writeText).not.toHaveBeenCalled();
  });
});
