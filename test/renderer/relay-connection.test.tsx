import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection, RelayLink } from '../../src-shared/connections';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { ConnectionsScreen } from '../../src-renderer/src/screens/connections/connections-screen';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { FakeCore } from './fake-core';
import { aConnection, aLocation, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

// 17:50 in Berlin on Friday 20 March 2026.
const nowMs = Date.parse('2026-03-20T16:50:00.000Z');
const token = 'cdt_4711_front-desk_Qm9yaXM';

const wellhub = (overrides: Partial<Connection> = {}) =>
  aConnection({
    id: 'wellhub-mitte',
    provider: 'wellhub',
    label: 'Wellhub – Studio Mitte',
    tenant: undefined,
    scopeId: '4711',
    hasApiKey: true,
    ...overrides,
  });

beforeEach(() => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
});
afterEach(() => dropDatabase(db));

function showScreen(connections: Connection[]) {
  core = new FakeCore({ connections });
  return render(
    <DeskProvider db={db} desk={core.api}>
      <ConnectionsScreen location={aLocation()} nowMs={nowMs} />
    </DeskProvider>,
  );
}

const field = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;
const type = (testId: string, value: string) => fireEvent.change(field(testId), { target: { value } });
const saveInputs = () => core.calls.filter((c) => c.command === 'saveConnection').map((c) => c.input as Record<string, unknown>);
const labelOf = (testId: string) => document.querySelector(`label[for="${field(testId).id}"]`)?.textContent ?? '';
/** The hint a screen reader reads after the field's label. */
const hintOf = (testId: string) =>
  (field(testId).getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

async function editWellhub(): Promise<HTMLElement> {
  const row = await screen.findByTestId('connection-row');
  fireEvent.click(within(row).getByTestId('connection-edit'));
  return screen.getByTestId('connection-form');
}

describe('the relay section of a Wellhub connection', () => {
  it('is there for Wellhub only, labelled and explained', async () => {
    showScreen([]);
    await waitFor(() => expect(screen.queryByText('Loading connections…')).toBeNull());
    fireEvent.click(screen.getByTestId('connection-add'));
    expect(screen.queryByTestId('relay-fields')).toBeNull();

    fireEvent.change(screen.getByTestId('connection-provider'), { target: { value: 'wellhub' } });
    const section = screen.getByTestId('relay-fields');
    expect(section.tagName).toBe('FIELDSET');
    expect(section.querySelector('legend')?.textContent).toBe('Wellhub relay');
    expect(within(section).getByText(/relay\/README\.md/)).toBeTruthy();
    expect(labelOf('connection-relay-url')).toBe('Relay address (optional)');
    expect(labelOf('connection-relay-token')).toBe('Desk token');
    expect(field('connection-relay-token').type).toBe('password');
    expect(field('connection-relay-token').getAttribute('autocomplete')).toBe('off');
    expect(hintOf('connection-relay-token')).toContain('never shows it again');
  });

  it('saves the relay address and sends the typed desk token once, then shows it nowhere', async () => {
    showScreen([wellhub()]);
    await editWellhub();
    type('connection-relay-url', ' https://relay.example.org ');
    type('connection-relay-token', `  ${token} `);
    fireEvent.click(screen.getByTestId('connection-save'));

    await waitFor(() => expect(screen.queryByTestId('connection-form')).toBeNull());
    const [input] = saveInputs();
    expect(input).toEqual({
      settings: { id: 'wellhub-mitte', provider: 'wellhub', label: 'Wellhub – Studio Mitte', scopeId: '4711', relayUrl: 'https://relay.example.org' },
      relayDeskToken: token,
    });
    expect(core.storedRelayTokens.get('wellhub-mitte')).toBe(token);
    expect(within(screen.getByTestId('connection-row')).getByText('Relay: https://relay.example.org')).toBeTruthy();

    // Reopened: the address is back, the token field empty, with word that one is stored.
    await editWellhub();
    expect(field('connection-relay-url').value).toBe('https://relay.example.org');
    expect(field('connection-relay-token').value).toBe('');
    expect(field('connection-relay-token').required).toBe(false);
    expect(hintOf('connection-relay-token')).toContain('A desk token is stored. Leave this empty to keep it');
    expect(document.body.innerHTML).not.toContain(token);
    expect(JSON.stringify(useDeskStore.getState())).not.toContain(token);
    const cached = await Promise.all(db.tables.map((table) => table.toArray()));
    expect(JSON.stringify(cached)).not.toContain(token);
  });

  it('sends no token when the field stays empty, keeping the stored one', async () => {
    showScreen([wellhub({ relayUrl: 'https://relay.example.org', hasRelayToken: true })]);
    await editWellhub();
    type('connection-label', 'Wellhub – Mitte');
    fireEvent.click(screen.getByTestId('connection-save'));

    await waitFor(() => expect(screen.queryByTestId('connection-form')).toBeNull());
    const [input] = saveInputs();
    expect(input && 'relayDeskToken' in input).toBe(false);
    expect(input?.['settings']).toMatchObject({ relayUrl: 'https://relay.example.org' });
    expect(core.storedRelayTokens.get('wellhub-mitte')).toBe('stored-relay-token');
  });

  it('asks for a token before a new relay is saved, and for https://', async () => {
    showScreen([wellhub()]);
    await editWellhub();
    type('connection-relay-url', 'http://relay.example.org');
    fireEvent.click(screen.getByTestId('connection-save'));

    expect(saveInputs()).toEqual([]);
    expect(field('connection-relay-url').getAttribute('aria-invalid')).toBe('true');
    expect(hintOf('connection-relay-url')).toContain('starting with https://');
    expect(hintOf('connection-relay-token')).toContain('Enter this desk’s token for the relay.');
  });
});

describe('the relay link in words', () => {
  const linked = (relay: RelayLink) => wellhub({ relayUrl: 'https://relay.example.org', hasRelayToken: true, relay });

  it.each([
    [{ state: 'connected', since: '2026-03-20T08:00:00.000Z' }, 'Relay connected'],
    [{ state: 'connected', since: '2026-03-20T08:00:00.000Z', lastEventAt: '2026-03-20T16:41:00.000Z' }, 'Relay connected (last event 17:41)'],
    [{ state: 'connecting', since: '2026-03-20T16:49:00.000Z' }, 'Connecting to the relay…'],
    [{ state: 'refused', since: '2026-03-20T16:49:00.000Z' }, 'The relay refused the desk token — create a new one'],
    // 09:02 UTC is 10:02 at the gym in Berlin.
    [{ state: 'unreachable', since: '2026-03-20T09:02:00.000Z' }, 'Relay unreachable since 10:02'],
  ] satisfies [RelayLink, string][])('%o reads “%s”, on the list and in the form', async (relay, words) => {
    showScreen([linked(relay)]);
    const row = await screen.findByTestId('connection-row');
    expect(within(row).getByTestId('relay-link').textContent).toBe(words);
    expect(within(row).getByTestId('relay-link').dataset['state']).toBe(relay.state);

    const form = await editWellhub();
    const inForm = within(form).getByTestId('relay-link');
    expect(inForm.textContent).toBe(words);
    expect(inForm.getAttribute('role')).toBe('status');
  });

  it('adds the problem the core names', async () => {
    showScreen([linked({ state: 'unreachable', since: '2026-03-20T09:02:00.000Z', problem: { code: 'provider_unreachable', params: { provider: 'Relay' } } })]);
    const row = await screen.findByTestId('connection-row');
    const problem = within(row).getByTestId('relay-link-problem').textContent ?? '';
    expect(problem.trim().length).toBeGreaterThan(0);
    expect(within(row).getByTestId('relay-link').textContent).toBe(`Relay unreachable since 10:02 ${problem.trim()}`);
  });

  it('follows the core’s connections events while the form is open', async () => {
    showScreen([linked({ state: 'connecting', since: '2026-03-20T16:49:00.000Z' })]);
    const form = await editWellhub();
    core.setConnections([linked({ state: 'refused', since: '2026-03-20T16:49:30.000Z' })]);
    await waitFor(() => expect(within(form).getByTestId('relay-link').dataset['state']).toBe('refused'));
  });

  it('has no accessibility violations axe can find, form and link included', async () => {
    showScreen([linked({ state: 'unreachable', since: '2026-03-20T09:02:00.000Z' })]);
    await editWellhub();
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
