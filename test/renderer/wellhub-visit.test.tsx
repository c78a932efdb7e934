import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { CheckInBar } from '../../src-renderer/src/screens/check-in/check-in-bar';
import { DeskShortcuts } from '../../src-renderer/src/shortcuts/desk-shortcuts';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { aConnection, aLocation, aMember, allCapabilities, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;
const wellhubId = '1234567890123';
const wellhub = aConnection({
  id: 'wellhub-berlin',
  provider: 'wellhub',
  label: 'Wellhub – Berlin',
  capabilities: { ...allCapabilities(), validateVisit: true },
});
// A member whose card happens to carry 13 digits too.
const thirteenDigitCard = aMember({ id: 'lena', firstName: 'Lena', lastName: 'Roth', memberNumber: '1200', barcode: '4000000000017' });

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  const scene = rosterScene();
  await seedCache(db, { ...scene, members: [...(scene.members ?? []), thirteenDigitCard] });
  core = new FakeCore({ records: scene, connections: [aConnection(), wellhub] });
});
afterEach(() => dropDatabase(db));

async function showBar(): Promise<HTMLInputElement> {
  render(
    <DeskProvider db={db} desk={core.api}>
      <DeskShortcuts>
        <CheckInBar location={aLocation()} today="2026-03-20" />
      </DeskShortcuts>
    </DeskProvider>,
  );
  await waitFor(() => expect(core.calls.some((c) => c.command === 'listCapabilities')).toBe(true));
  return screen.getByTestId('check-in-input') as HTMLInputElement;
}

function enter(input: HTMLInputElement, code: string): void {
  fireEvent.change(input, { target: { value: code } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

const message = () => screen.getByTestId('check-in-message').textContent;
const commandsSent = () => core.calls.map((c) => c.command).filter((c) => c === 'validateVisit' || c === 'checkInByBarcode');

describe('Wellhub visits at the check-in bar', () => {
  it('validates 13 digits no cached member carries as a Wellhub visit, and says what Wellhub answered', async () => {
    core.answers.set('validate_visit', { state: 'confirmed', outcome: { code: 'visit_validated', params: { member: 'Anna Weber' } } });
    const input = await showBar();
    await screen.findByTestId('wellhub-visit');
    enter(input, wellhubId);

    await waitFor(() => expect(message()).toBe('Wellhub visit validated: Anna Weber may go in.'));
    expect(core.calls.find((c) => c.command === 'validateVisit')?.input).toEqual({
      actionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      connectionId: 'wellhub-berlin',
      visitorId: wellhubId,
    });
    expect(commandsSent()).toEqual(['validateVisit']);
    expect((await db.deskActions.toArray()).map((a) => [a.kind, a.visitorId, a.state])).toEqual([['validate_visit', wellhubId, 'confirmed']]);
  });

  it('says why Wellhub refused a visit', async () => {
    core.answers.set('validate_visit', { state: 'rejected', error: { code: 'visit_not_validated', params: { detail: 'No active Wellhub plan' } } });
    const input = await showBar();
    await screen.findByTestId('wellhub-visit');
    enter(input, wellhubId);
    await waitFor(() => expect(message()).toBe(
      `Wellhub visit ${wellhubId} is not valid: Wellhub did not validate this visit. (the system said: “No active Wellhub plan”)`,
    ));
  });

  it('checks in a member whose card carries the 13 digits', async () => {
    const input = await showBar();
    await screen.findByTestId('wellhub-visit');
    enter(input, '4000000000017');
    await waitFor(() => expect(commandsSent()).toEqual(['checkInByBarcode']));
  });

  it('treats 13 digits as a member card where no system validates visits', async () => {
    core = new FakeCore({ records: rosterScene(), connections: [aConnection()] });
    const input = await showBar();
    enter(input, wellhubId);
    await waitFor(() => expect(commandsSent()).toEqual(['checkInByBarcode']));
    expect(screen.queryByTestId('wellhub-visit')).toBeNull();
  });

  it('takes the next entry as a Wellhub id after Alt+W, whatever card it matches', async () => {
    const input = await showBar();
    await screen.findByTestId('wellhub-visit');
    input.focus();
    fireEvent.keyDown(input, { key: 'w', code: 'KeyW', altKey: true });

    expect(screen.getByLabelText('Wellhub ID (13 digits)')).toBe(input);
    expect(screen.getByTestId('wellhub-visit').getAttribute('aria-pressed')).toBe('true');
    enter(input, '12345');
    expect(message()).toBe('“12345” is not a Wellhub ID: it has 13 digits.');

    enter(input, '4000000000017');
    await waitFor(() => expect(commandsSent()).toEqual(['validateVisit']));
    expect(screen.getByLabelText('Scan a card or type a name')).toBe(input);
  });

  it('has a button for the same, and Escape leaves the mode', async () => {
    const input = await showBar();
    fireEvent.click(await screen.findByTestId('wellhub-visit'));
    expect(document.activeElement).toBe(input);
    expect(input.dataset['mode']).toBe('wellhub');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.dataset['mode']).toBe('check-in');
  });
});
