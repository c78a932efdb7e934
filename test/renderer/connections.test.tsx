import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../src-shared/connections';
import { App } from '../../src-renderer/src/app';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskError } from '../../src-renderer/src/desk/desk-error';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { newConnectionId, slugOf } from '../../src-renderer/src/screens/connections/connection-fields';
import { ConnectionsScreen } from '../../src-renderer/src/screens/connections/connections-screen';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { FakeCore } from './fake-core';
import { aConnection, aLocation, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

// 17:50 in Berlin on Friday 20 March 2026.
const nowMs = Date.parse('2026-03-20T16:50:00.000Z');
const secret = 'sk_live_Zx81-very-secret';

const plainHttpWarning = 'This connection talks to a service on this PC over plain http://: fine for testing, never for a real provider.';
const magicline = aConnection({
  health: { state: 'ok', lastSyncAt: '2026-03-20T16:45:00.000Z', rejectedRecords: 2 },
  warnings: [{ code: 'connection_plain_http' }],
});
const zenoti = aConnection({
  id: 'zenoti-hamburg',
  provider: 'zenoti',
  label: 'Zenoti – Hamburg',
  tenant: undefined,
  scopeId: 'c-4711',
  timeZone: 'Europe/Berlin',
  health: {
    state: 'failing',
    lastSyncAt: '2026-03-19T09:00:00.000Z',
    lastError: { code: 'provider_key_refused', params: { provider: 'Zenoti' } },
    failingSince: '2026-03-20T09:02:00.000Z',
    rejectedRecords: 0,
    unreadRosters: 3,
  },
});
const wellhub = aConnection({
  id: 'wellhub-1',
  provider: 'wellhub',
  label: 'Wellhub',
  tenant: undefined,
  scopeId: 'gym-99',
  hasApiKey: false,
  health: { state: 'never_synced', rejectedRecords: 0 },
});

beforeEach(() => {
  useDeskStore.setState(initialUiState);
  window.localStorage.clear();
  window.sessionStorage.clear();
  db = freshDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await dropDatabase(db);
});

function showScreen(connections: Connection[] = [magicline, zenoti, wellhub]) {
  core = new FakeCore({ connections });
  return render(
    <DeskProvider db={db} desk={core.api}>
      <ConnectionsScreen location={aLocation()} nowMs={nowMs} />
    </DeskProvider>,
  );
}

const rows = () => screen.queryAllByTestId('connection-row');
const rowIds = () => rows().map((row) => row.dataset['connectionId']);
const row = (id: string) => {
  const found = rows().find((r) => r.dataset['connectionId'] === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
};
const field = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;
const queryField = (testId: string) => screen.queryByTestId(testId) as HTMLInputElement | null;
const type = (testId: string, value: string) => fireEvent.change(field(testId), { target: { value } });
const saveCalls = () => core.calls.filter((c) => c.command === 'saveConnection');

async function listed(): Promise<void> {
  await waitFor(() => expect(screen.queryByText('Loading connections…')).toBeNull());
}

async function openAddForm(): Promise<void> {
  await listed();
  fireEvent.click(screen.getByTestId('connection-add'));
  await waitFor(() => expect(screen.getByTestId('connection-form')).toBeTruthy());
}

function chooseProvider(provider: string): void {
  fireEvent.change(screen.getByTestId('connection-provider'), { target: { value: provider } });
}

/** The accessible name of a form field, as a screen reader would announce it. */
function labelOf(testId: string): string {
  const input = field(testId);
  return document.querySelector(`label[for="${input.id}"]`)?.textContent ?? '';
}

describe('the connections list', () => {
  it('lists each connection with its system, scope, key and health in words', async () => {
    showScreen();
    await waitFor(() => expect(rowIds()).toEqual(['magicline-berlin', 'zenoti-hamburg', 'wellhub-1']));

    const first = row('magicline-berlin');
    expect(within(first).getByRole('heading').textContent).toBe('Magicline – Berlin Mitte');
    expect(first.textContent).toContain('Magicline');
    expect(first.textContent).toContain('Tenant: fitberlin');
    expect(first.textContent).toContain('Key stored');
    const okHealth = within(first).getByTestId('connection-health');
    expect(okHealth.dataset['state']).toBe('ok');
    expect(okHealth.textContent).toContain('Working');
    expect(okHealth.textContent).toContain('Last sync 17:45');
    expect(okHealth.textContent).toContain('2 records rejected as malformed in the last sync');
    expect(within(first).getByTestId('connection-warning').textContent).toBe(plainHttpWarning);
    expect(within(row('zenoti-hamburg')).queryByTestId('connection-warning')).toBeNull();

    const failing = within(row('zenoti-hamburg')).getByTestId('connection-health');
    expect(failing.dataset['state']).toBe('failing');
    expect(failing.textContent).toContain('Failing');
    expect(failing.textContent).toContain('Last error: Zenoti did not accept the API key. Check it in Connections.');
    expect(failing.textContent).toMatch(/Last sync 19 Mar 2026, 10:00/);
    expect(failing.textContent).toContain('No malformed records in the last sync');
    expect(within(failing).getByTestId('connection-failing-since').textContent).toBe('Failing since 10:02');
    expect(within(failing).getByTestId('connection-unread-rosters').textContent).toBe(
      '3 class rosters could not be read in the last sync',
    );
    expect(within(okHealth).queryByTestId('connection-failing-since')).toBeNull();
    expect(within(okHealth).queryByTestId('connection-unread-rosters')).toBeNull();
    expect(row('zenoti-hamburg').textContent).toContain('Center ID: c-4711');
    expect(row('zenoti-hamburg').textContent).toContain('Time zone: Europe/Berlin');

    const never = within(row('wellhub-1')).getByTestId('connection-health');
    expect(never.dataset['state']).toBe('never_synced');
    expect(never.textContent).toContain('Not synced yet');
    expect(never.textContent).not.toContain('malformed');
    expect(row('wellhub-1').textContent).toContain('Gym ID: gym-99');
    expect(row('wellhub-1').textContent).toContain('No API key stored');
    expect(row('wellhub-1').textContent).not.toContain('Key stored');
  });

  it('explains the demo studio while nothing is connected', async () => {
    showScreen([]);
    await waitFor(() => expect(screen.getByTestId('connections-empty')).toBeTruthy());
    expect(screen.getByTestId('connections-empty').textContent).toContain('built-in demo studio');
    expect(rows()).toEqual([]);
  });

  it('follows the core’s connections events', async () => {
    showScreen([magicline]);
    await waitFor(() => expect(rowIds()).toEqual(['magicline-berlin']));

    act(() =>
      core.setConnections([
        { ...magicline, health: { ...magicline.health, state: 'failing', lastError: { code: 'provider_unavailable', params: { provider: 'Magicline', status: 503 } } } },
        zenoti,
      ]),
    );

    expect(rowIds()).toEqual(['magicline-berlin', 'zenoti-hamburg']);
    expect(within(row('magicline-berlin')).getByTestId('connection-health').dataset['state']).toBe('failing');
    expect(row('magicline-berlin').textContent).toContain('Last error: Magicline has a problem right now (503); Classdesk will try again.');

    act(() => core.setConnections([]));
    expect(rows()).toEqual([]);
    expect(screen.getByTestId('connections-empty')).toBeTruthy();
  });

  it('does not let an older list answer overwrite a newer event', async () => {
    core = new FakeCore({ connections: [magicline] });
    let answer: (list: Connection[]) => void = () => undefined;
    core.api.listConnections = () => new Promise((resolve) => (answer = resolve));
    render(
      <DeskProvider db={db} desk={core.api}>
        <ConnectionsScreen location={aLocation()} nowMs={nowMs} />
      </DeskProvider>,
    );

    act(() => core.setConnections([magicline, zenoti]));
    await act(async () => answer([magicline]));

    expect(rowIds()).toEqual(['magicline-berlin', 'zenoti-hamburg']);
  });

  it('says when the list cannot be loaded and tries again on request', async () => {
    core = new FakeCore({ connections: [magicline], open: false });
    render(
      <DeskProvider db={db} desk={core.api}>
        <ConnectionsScreen location={aLocation()} nowMs={nowMs} />
      </DeskProvider>,
    );
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('The desk is offline'));

    core.restore();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(rowIds()).toEqual(['magicline-berlin']));
  });
});

describe('the connection form', () => {
  it('asks each system for what it needs', async () => {
    showScreen([]);
    await openAddForm();

    const provider = screen.getByTestId('connection-provider') as HTMLSelectElement;
    expect([...provider.options].map((o) => o.value)).toEqual(['magicline', 'perfectgym', 'zenoti', 'whautomate', 'wellhub']);
    expect([...provider.options].map((o) => o.textContent)).toContain('PerfectGym Next');
    expect(document.activeElement).toBe(provider);

    // Magicline and PerfectGym: a tenant; the base URL and an optional zone under Advanced.
    for (const kind of ['magicline', 'perfectgym']) {
      chooseProvider(kind);
      expect(labelOf('connection-tenant')).toBe('Tenant');
      expect(field('connection-tenant').required).toBe(true);
      expect(screen.getByText(/The first part of your API address/).textContent).toContain(`open-api.${kind}.com`);
      expect(queryField('connection-scope-id')).toBeNull();
      expect(field('connection-time-zone').closest('[hidden]')).not.toBeNull();
    }

    chooseProvider('zenoti');
    expect(queryField('connection-tenant')).toBeNull();
    expect(labelOf('connection-scope-id')).toBe('Center ID');
    expect(field('connection-scope-id').required).toBe(true);
    expect(labelOf('connection-time-zone')).toBe('Time zone');
    expect(field('connection-time-zone').required).toBe(true);
    expect(field('connection-time-zone').closest('[hidden]')).toBeNull();
    const zones = document.getElementById(field('connection-time-zone').getAttribute('list') ?? '');
    expect(zones?.tagName).toBe('DATALIST');
    expect([...(zones?.querySelectorAll('option') ?? [])].map((o) => o.value)).toContain('Europe/Berlin');

    chooseProvider('whautomate');
    expect(queryField('connection-tenant')).toBeNull();
    expect(labelOf('connection-scope-id')).toBe('Location ID (optional)');
    expect(field('connection-scope-id').required).toBe(false);

    chooseProvider('wellhub');
    expect(labelOf('connection-scope-id')).toBe('Gym ID');
    expect(field('connection-scope-id').required).toBe(true);
    expect(field('connection-time-zone').closest('[hidden]')).toBeNull();

    // Every system: a write-only key and a base URL behind "Advanced".
    const key = field('connection-api-key');
    expect(key.type).toBe('password');
    expect(key.getAttribute('autocomplete')).toBe('off');
    expect(labelOf('connection-api-key')).toBe('API key');
    const advanced = screen.getByTestId('connection-advanced');
    expect(advanced.getAttribute('aria-expanded')).toBe('false');
    expect(field('connection-base-url').closest('[hidden]')).not.toBeNull();
    fireEvent.click(advanced);
    expect(advanced.getAttribute('aria-expanded')).toBe('true');
    expect(field('connection-base-url').closest('[hidden]')).toBeNull();
    expect(labelOf('connection-base-url')).toBe('Base URL (optional)');
  });

  it('saves settings and key, then forgets the key', async () => {
    const logged = [
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'info'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'error'),
      vi.spyOn(console, 'debug'),
    ];
    showScreen([]);
    await openAddForm();

    type('connection-label', 'Magicline – Berlin Mitte');
    type('connection-tenant', 'fitberlin');
    type('connection-api-key', `  ${secret} `);
    fireEvent.click(screen.getByTestId('connection-save'));

    await waitFor(() => expect(screen.queryByTestId('connection-form')).toBeNull());
    const [call] = saveCalls();
    expect(call?.input).toEqual({
      settings: {
        id: expect.stringMatching(/^magicline-berlin-mitte-[a-z0-9]{6}$/),
        provider: 'magicline',
        label: 'Magicline – Berlin Mitte',
        tenant: 'fitberlin',
      },
      apiKey: secret,
    });
    const savedId = (call?.input as { settings: { id: string } }).settings.id;
    expect(core.storedKeys.get(savedId)).toBe(secret);
    expect(rowIds()).toEqual([savedId]);
    expect(screen.getByTestId('connections-message').textContent).toBe('“Magicline – Berlin Mitte” was saved.');
    expect(document.activeElement).toBe(screen.getByTestId('connection-add'));

    // Nowhere on the renderer's side: not in a reopened form, the page, the store, web storage or the console.
    fireEvent.click(screen.getByTestId('connection-add'));
    expect(field('connection-api-key').value).toBe('');
    expect(document.body.innerHTML).not.toContain(secret);
    expect(JSON.stringify(useDeskStore.getState())).not.toContain(secret);
    expect(JSON.stringify({ ...window.localStorage })).not.toContain(secret);
    expect(JSON.stringify({ ...window.sessionStorage })).not.toContain(secret);
    for (const spy of logged) expect(JSON.stringify(spy.mock.calls)).not.toContain(secret);
    const cached = await Promise.all(db.tables.map((table) => table.toArray()));
    expect(JSON.stringify(cached)).not.toContain(secret);
  });

  it('edits a connection and keeps its stored key when the key field stays empty', async () => {
    showScreen();
    await listed();
    fireEvent.click(within(row('zenoti-hamburg')).getByTestId('connection-edit'));

    expect((screen.getByTestId('connection-provider') as HTMLSelectElement).disabled).toBe(true);
    expect(field('connection-label').value).toBe('Zenoti – Hamburg');
    expect(field('connection-scope-id').value).toBe('c-4711');
    expect(field('connection-time-zone').value).toBe('Europe/Berlin');
    expect(field('connection-api-key').value).toBe('');
    expect(field('connection-api-key').required).toBe(false);
    expect(screen.getByText(/Leave this empty to keep it/)).toBeTruthy();
    expect(document.activeElement).toBe(field('connection-label'));

    type('connection-label', 'Zenoti – Hamburg Altona');
    fireEvent.click(screen.getByTestId('connection-save'));

    await waitFor(() => expect(screen.queryByTestId('connection-form')).toBeNull());
    const input = saveCalls()[0]?.input as Record<string, unknown>;
    expect(input).toEqual({
      settings: {
        id: 'zenoti-hamburg',
        provider: 'zenoti',
        label: 'Zenoti – Hamburg Altona',
        scopeId: 'c-4711',
        timeZone: 'Europe/Berlin',
      },
    });
    expect('apiKey' in input).toBe(false);
    expect(within(row('zenoti-hamburg')).getByRole('heading').textContent).toBe('Zenoti – Hamburg Altona');
    expect(document.activeElement).toBe(within(row('zenoti-hamburg')).getByTestId('connection-edit'));
  });

  it('asks for the key when editing a connection that has none stored', async () => {
    showScreen();
    await listed();
    fireEvent.click(within(row('wellhub-1')).getByTestId('connection-edit'));
    expect(field('connection-api-key').required).toBe(true);

    fireEvent.click(screen.getByTestId('connection-save'));

    expect(screen.getByTestId('connection-form-error').textContent).toBe('Not saved yet: check the marked fields.');
    expect(field('connection-api-key').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('connection-api-key'));
    expect(saveCalls()).toEqual([]);
  });

  it('marks what is missing before asking the core', async () => {
    showScreen([]);
    await openAddForm();
    chooseProvider('zenoti');
    type('connection-label', 'Zenoti');
    type('connection-time-zone', 'Europe/Atlantis');
    type('connection-api-key', secret);
    fireEvent.click(screen.getByTestId('connection-save'));

    expect(screen.getByTestId('connection-form-error').textContent).toBe('Not saved yet: check the marked fields.');
    const scope = field('connection-scope-id');
    expect(scope.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(scope.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '')?.textContent).toBe(
      'Enter the Center ID.',
    );
    expect(document.activeElement).toBe(scope);
    expect(screen.getByText('“Europe/Atlantis” is not a time zone. Pick one from the list, for example Europe/Berlin.')).toBeTruthy();
    expect(saveCalls()).toEqual([]);

    // A bad base URL opens "Advanced" so the mark can be seen.
    type('connection-scope-id', 'c-1');
    type('connection-time-zone', 'Europe/Berlin');
    fireEvent.click(screen.getByTestId('connection-advanced'));
    type('connection-base-url', 'ftp://zenoti.example');
    fireEvent.click(screen.getByTestId('connection-advanced'));
    fireEvent.click(screen.getByTestId('connection-save'));
    expect(screen.getByTestId('connection-advanced').getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(field('connection-base-url'));
    expect(saveCalls()).toEqual([]);
  });

  it('shows the core’s refusal next to the form and keeps it open', async () => {
    showScreen([]);
    await openAddForm();
    core.api.saveConnection = async (input) => {
      core.calls.push({ command: 'saveConnection', input });
      throw new DeskError('invalid_input', 'saveConnection refused', { code: 'settings_tenant_invalid', params: { provider: 'Magicline', tenant: 'fit berlin' } });
    };
    type('connection-label', 'Berlin');
    type('connection-base-url', 'https://staging.example.com');
    type('connection-api-key', secret);
    fireEvent.click(screen.getByTestId('connection-save'));

    const error = screen.getByTestId('connection-form-error');
    await waitFor(() =>
      expect(error.textContent).toBe(
        'Not saved: "fit berlin" is not a Magicline tenant name: use only letters, digits and dashes.',
      ),
    );
    expect(error.getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('connection-form')).toBeTruthy();
    expect(field('connection-api-key').value).toBe(secret);
    expect(screen.getByTestId('connection-save').getAttribute('aria-disabled')).toBeNull();
  });

  it('never shows a refusal that repeats the key', async () => {
    showScreen([]);
    await openAddForm();
    core.api.saveConnection = () => Promise.reject(new DeskError('invalid_input', 'saveConnection refused', { code: 'provider_refused', params: { provider: 'Magicline', status: 400, detail: `Key ${secret} is not valid` } }));
    type('connection-label', 'Berlin');
    type('connection-tenant', 'fitberlin');
    type('connection-api-key', secret);
    fireEvent.click(screen.getByTestId('connection-save'));

    await waitFor(() =>
      expect(screen.getByTestId('connection-form-error').textContent).toBe(
        'Not saved: Classdesk could not accept these settings.',
      ),
    );
  });

  it('sends only the fields the chosen system uses', async () => {
    showScreen([]);
    await openAddForm();
    type('connection-tenant', 'left-over');
    chooseProvider('wellhub');
    type('connection-label', 'Wellhub Köln');
    type('connection-scope-id', ' 4242 ');
    type('connection-time-zone', 'Europe/Berlin');
    type('connection-api-key', secret);
    fireEvent.click(screen.getByTestId('connection-save'));

    await waitFor(() => expect(saveCalls()).toHaveLength(1));
    expect(saveCalls()[0]?.input).toEqual({
      settings: {
        id: expect.stringMatching(/^wellhub-koln-[a-z0-9]{6}$/),
        provider: 'wellhub',
        label: 'Wellhub Köln',
        scopeId: '4242',
        timeZone: 'Europe/Berlin',
      },
      apiKey: secret,
    });
  });

  it('forgets a typed key when cancelled', async () => {
    showScreen([]);
    await openAddForm();
    type('connection-api-key', secret);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByTestId('connection-form')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('connection-add'));
    fireEvent.click(screen.getByTestId('connection-add'));
    expect(field('connection-api-key').value).toBe('');
  });
});

describe('testing and removing a connection', () => {
  it('tests a connection and says how it went in a live region', async () => {
    showScreen();
    await listed();
    core.testResults.set('zenoti-hamburg', { ok: false, message: { code: 'provider_key_refused', params: { provider: 'Zenoti' } } });

    const first = row('magicline-berlin');
    const result = within(first).getByTestId('connection-test-result');
    expect(result.getAttribute('aria-live')).toBe('polite');
    fireEvent.click(within(first).getByTestId('connection-test'));
    await waitFor(() => expect(result.textContent).toBe('Test passed: Connected to Magicline – Berlin Mitte.'));
    expect(result.dataset['ok']).toBe('true');
    expect(core.calls.at(-1)).toEqual({ command: 'testConnection', input: { id: 'magicline-berlin' } });

    const failing = within(row('zenoti-hamburg')).getByTestId('connection-test-result');
    fireEvent.click(within(row('zenoti-hamburg')).getByTestId('connection-test'));
    await waitFor(() => expect(failing.textContent).toBe('Test failed: Zenoti did not accept the API key. Check it in Connections.'));
    expect(failing.dataset['ok']).toBe('false');
  });

  it('says so when the test cannot even be asked', async () => {
    showScreen();
    await listed();
    core.api.testConnection = () => Promise.reject(new DeskError('offline', 'Classdesk is not connected'));
    fireEvent.click(within(row('wellhub-1')).getByTestId('connection-test'));

    const result = within(row('wellhub-1')).getByTestId('connection-test-result');
    await waitFor(() => expect(result.textContent).toMatch(/^Test failed: The desk is offline/));
  });

  it('asks before removing, and can be talked out of it', async () => {
    showScreen();
    await listed();
    const removeButton = within(row('zenoti-hamburg')).getByTestId('connection-remove');
    expect(removeButton.getAttribute('aria-label')).toBe('Remove Zenoti – Hamburg');

    fireEvent.click(removeButton);
    const question = within(row('zenoti-hamburg')).getByRole('group', { name: /^Remove “Zenoti – Hamburg”\?/ });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep it' }));
    expect(core.calls.some((c) => c.command === 'removeConnection')).toBe(false);

    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Escape' });
    expect(screen.queryByTestId('connection-remove-confirm')).toBeNull();
    expect(document.activeElement).toBe(removeButton);

    fireEvent.click(removeButton);
    fireEvent.click(screen.getByTestId('connection-remove-confirm'));

    await waitFor(() => expect(rowIds()).toEqual(['magicline-berlin', 'wellhub-1']));
    expect(core.calls.at(-1)).toEqual({ command: 'removeConnection', input: { id: 'zenoti-hamburg' } });
    expect(core.storedKeys.has('zenoti-hamburg')).toBe(false);
    expect(screen.getByTestId('connections-message').textContent).toBe('“Zenoti – Hamburg” was removed.');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Connections' }));
  });
});

describe('the screen in the app', () => {
  it('switches between the desk and the connections from the header', async () => {
    core = new FakeCore({ connections: [magicline] });
    render(
      <DeskProvider db={db} desk={core.api}>
        <App />
      </DeskProvider>,
    );
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const deskLink = within(nav).getByTestId('nav-desk');
    const connectionsLink = within(nav).getByTestId('nav-connections');
    expect(deskLink.getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('check-in-input')).toBeTruthy();

    fireEvent.click(connectionsLink);
    expect(useDeskStore.getState().view).toBe('connections');
    expect(connectionsLink.getAttribute('aria-current')).toBe('page');
    expect(deskLink.getAttribute('aria-current')).toBeNull();
    await waitFor(() => expect(rowIds()).toEqual(['magicline-berlin']));
    // The scanner's input is not there to pull focus out of the form.
    expect(screen.queryByTestId('check-in-input')).toBeNull();

    fireEvent.click(screen.getByTestId('connection-add'));
    const label = field('connection-label');
    label.focus();
    fireEvent.keyDown(label, { key: '4' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.activeElement).toBe(label);

    fireEvent.click(deskLink);
    expect(screen.getByTestId('check-in-input')).toBeTruthy();
    expect(screen.queryByTestId('connections-screen')).toBeNull();
  });

  it('has no accessibility violations axe can find without a layout engine', async () => {
    showScreen();
    await listed();
    fireEvent.click(screen.getByTestId('connection-add'));
    fireEvent.click(screen.getByTestId('connection-advanced'));
    fireEvent.click(within(row('magicline-berlin')).getByTestId('connection-remove'));

    // jsdom computes no colours; contrast is checked by the end-to-end run in a real browser.
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['label', 'aria-allowed-attr', 'button-name']));
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

describe('connection ids', () => {
  it('are the label’s slug plus a suffix, within the contract', () => {
    expect(slugOf('Magicline – Berlin Mitte')).toBe('magicline-berlin-mitte');
    expect(slugOf('Straße & Söhne')).toBe('strasse-sohne');
    expect(newConnectionId('🏋️', 'zenoti', 'ab12cd')).toBe('zenoti-ab12cd');
    const long = newConnectionId('x'.repeat(200), 'magicline', 'ab12cd');
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^[a-z0-9-]+$/);
    expect(newConnectionId(`${'a'.repeat(56)}-b`, 'magicline', 'ab12cd')).toBe(`${'a'.repeat(56)}-ab12cd`);
  });
});
