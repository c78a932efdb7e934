import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/src/app';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { i18n } from '../../src-renderer/src/i18n';
import { ClosePinPrompt } from '../../src-renderer/src/screens/close-pin/close-pin-prompt';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { englishIn } from '../support/desk-words';
import { rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { aConnection, aDeskAction, aLocation, aMember, aSession, allCapabilities, dropDatabase, freshDatabase } from './fixtures';

/** Every screen of the desk in German: German words where English stood, and no English left. */
let db: DeskDatabase;
let core: FakeCore;

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  await i18n.changeLanguage('de');
  db = freshDatabase();
  const attention = aDeskAction({ kind: 'promote_from_waitlist', state: 'needs_attention', bookingId: 'booking-carla', memberId: 'carla' });
  // A Berlin gym speaking German: dates and times as the studio's wall says them.
  const records = { ...rosterScene(), locations: [aLocation({ locale: 'de-DE' })] };
  await seedCache(db, { ...records, deskActions: [attention] });
  const capabilities = { ...allCapabilities(), book: true, validateBooking: true, confirmBookingRequests: true };
  core = new FakeCore({ records, connections: [aConnection({ id: aSession().connectionId, capabilities })] });
});
afterEach(async () => {
  await i18n.changeLanguage('en');
  await dropDatabase(db);
});

/** What a person sees or hears of the page: its text and the labels, titles and placeholders of its elements. */
function everythingSaid(): string {
  const attributes = [...document.body.querySelectorAll('*')].flatMap((element) =>
    ['aria-label', 'title', 'placeholder', 'alt'].map((name) => element.getAttribute(name) ?? ''),
  );
  return [document.body.textContent ?? '', ...attributes].join('\n');
}

async function showDesk(): Promise<void> {
  render(
    <DeskProvider db={db} desk={core.api}>
      <App />
    </DeskProvider>,
  );
  await screen.findAllByTestId('roster-row');
}

describe('the desk in German', () => {
  it('the desk: classes, roster, check-in bar and status in German, the day written out the German way', async () => {
    await showDesk();
    await screen.findByTestId('needs-attention');
    const said = everythingSaid();
    for (const german of ['Karte oder Name eingeben', 'Kurse', 'Teilnehmerliste', 'Einchecken', 'Stornieren', 'Warteliste', 'Mitglied hinzufügen', 'Freitag, 20. März 2026']) {
      expect(said).toContain(german);
    }
    expect(englishIn(said)).toEqual([]);
  });

  it('checks in by a scan and says so in German', async () => {
    core.api.checkInByBarcode = async () => ({ outcome: 'check_in', action: aDeskAction({ state: 'confirmed' }), member: aMember(), session: aSession() });
    await showDesk();
    const bar = screen.getByLabelText('Karte oder Name eingeben');
    fireEvent.change(bar, { target: { value: '4000001' } });
    fireEvent.keyDown(bar, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('check-in-message').textContent).toBe('Anna Müller eingecheckt in Yoga 18:00'));
    expect(englishIn(everythingSaid())).toEqual([]);
  });

  it('the cancel dialog and the walk-in dialog', async () => {
    await showDesk();
    fireEvent.click(screen.getAllByTestId('action-cancel')[0]!);
    const cancel = await screen.findByTestId('cancel-dialog');
    expect(within(cancel).getByRole('button', { name: 'Buchung stornieren' })).toBeTruthy();
    expect(englishIn(everythingSaid())).toEqual([]);
    fireEvent.keyDown(cancel, { key: 'Escape' });

    fireEvent.click(screen.getByTestId('add-member'));
    const walkIn = await screen.findByTestId('walk-in-dialog');
    fireEvent.change(within(walkIn).getByTestId('walk-in-search'), { target: { value: 'emil' } });
    fireEvent.click(await within(walkIn).findByTestId('walk-in-result'));
    await within(walkIn).findByTestId('walk-in-validation');
    expect(within(walkIn).getByRole('button', { name: 'Buchen' })).toBeTruthy();
    expect(englishIn(everythingSaid())).toEqual([]);
  });

  it('the shortcut help and the command palette', async () => {
    await showDesk();
    fireEvent.click(screen.getByTestId('show-shortcuts'));
    const help = await screen.findByTestId('shortcut-help');
    expect(help.textContent).toContain('Tastenkürzel');
    expect(englishIn(everythingSaid())).toEqual([]);
    fireEvent.keyDown(help, { key: 'Escape' });

    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const palette = await screen.findByTestId('command-palette');
    expect(within(palette).getAllByTestId('palette-item').length).toBeGreaterThan(0);
    expect(englishIn(everythingSaid())).toEqual([]);
  });

  it('Connections, Activity and Settings', async () => {
    await showDesk();
    fireEvent.click(screen.getByTestId('nav-connections'));
    await screen.findByText('Verbindung hinzufügen');
    await waitFor(() => expect(document.body.textContent).toContain('Magicline – Berlin Mitte'));
    expect(englishIn(everythingSaid())).toEqual([]);

    fireEvent.click(screen.getByTestId('nav-activity'));
    await screen.findAllByTestId('activity-row');
    expect(document.body.textContent).toContain('Braucht Aufmerksamkeit');
    expect(englishIn(everythingSaid())).toEqual([]);

    fireEvent.click(screen.getByTestId('nav-settings'));
    await screen.findByLabelText('Sprache');
    expect(document.body.textContent).toContain('Öffnungszeiten');
    expect(englishIn(everythingSaid())).toEqual([]);
  });

  it('the connection form, checked empty, and the wipe dialog', async () => {
    await showDesk();
    fireEvent.click(screen.getByTestId('nav-connections'));
    fireEvent.click(await screen.findByTestId('connection-add'));
    const form = await screen.findByTestId('connection-form');
    fireEvent.click(within(form).getByRole('button', { name: 'Verbindung speichern' }));
    await waitFor(() => expect(form.textContent).toContain('Noch nicht gespeichert'));
    expect(englishIn(everythingSaid())).toEqual([]);

    fireEvent.click(screen.getByTestId('nav-settings'));
    fireEvent.click(await screen.findByTestId('wipe-open'));
    await screen.findByLabelText('Zum Bestätigen LÖSCHEN eingeben');
    expect(englishIn(everythingSaid())).toEqual([]);
  });

  it('the PIN prompt for closing in front-desk mode', () => {
    let ask: () => void = () => undefined;
    render(
      <ClosePinPrompt
        close={{
          onPinAsked: (listener) => {
            ask = listener;
            return () => undefined;
          },
          submitPin: async () => ({ outcome: 'refused' }),
        }}
      />,
    );
    act(() => ask());
    expect(screen.getByRole('dialog', { name: 'Classdesk schließen' })).toBeTruthy();
    expect(englishIn(everythingSaid())).toEqual([]);
  });
});
