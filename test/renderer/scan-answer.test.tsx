import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckInByBarcodeResult } from '../../src-shared/contract';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { applySnapshot } from '../../src-renderer/src/data/replica';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { CheckInBar } from '../../src-renderer/src/screens/check-in/check-in-bar';
import { initialUiState, useDeskStore, type DeskMessage } from '../../src-renderer/src/store';
import { DeskToast, toastMs } from '../../src-renderer/src/ui/desk-toast';
import { FakeCore } from './fake-core';
import { aBooking, aDeskAction, aLocation, aMember, aSession, dropDatabase, freshDatabase, snapshotOf } from './fixtures';

/** The page's speaker: which tones were started, in order. jsdom has no Web Audio of its own. */
const played: { wave: string; frequency: number }[] = [];
class SpeakerAudioContext {
  state = 'running';
  currentTime = 0;
  destination = {};
  resume = () => Promise.resolve();
  createGain() {
    const param = { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined };
    return { gain: param, connect: (next: unknown) => next };
  }
  createOscillator() {
    const oscillator = {
      type: 'sine',
      frequency: { value: 0 },
      connect: (next: unknown) => next,
      start: () => played.push({ wave: oscillator.type, frequency: oscillator.frequency.value }),
      stop: () => undefined,
    };
    return oscillator;
  }
}

let db: DeskDatabase;
let core: FakeCore;

beforeAll(() => vi.stubGlobal('AudioContext', SpeakerAudioContext));
afterAll(() => vi.unstubAllGlobals());
beforeEach(async () => {
  played.length = 0;
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  const records = { locations: [aLocation()], sessions: [aSession()], members: [aMember()], bookings: [aBooking()] };
  await applySnapshot(db, snapshotOf(1, records));
  core = new FakeCore({ records });
});
afterEach(() => dropDatabase(db));

async function scanWith(result: CheckInByBarcodeResult | Error): Promise<void> {
  core.api.checkInByBarcode = async () => {
    if (result instanceof Error) throw result;
    return result;
  };
  render(
    <DeskProvider db={db} desk={core.api}>
      <CheckInBar location={aLocation()} today="2026-03-20" />
    </DeskProvider>,
  );
  // The settings in force have been read before the scan.
  await waitFor(() => expect(core.calls.some((c) => c.command === 'getSettings')).toBe(true));
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  const input = screen.getByTestId('check-in-input');
  fireEvent.change(input, { target: { value: '4000001' } });
  fireEvent.keyDown(input, { key: 'Enter' });
  await waitFor(() => expect(screen.getByTestId('check-in-message').textContent).not.toBe(''));
}

const checkedIn: CheckInByBarcodeResult = {
  outcome: 'check_in',
  action: aDeskAction({ state: 'confirmed' }),
  member: aMember(),
  session: aSession(),
};

describe('a scan’s answer', () => {
  it('sounds two rising beeps when the member may go in', async () => {
    await scanWith(checkedIn);
    expect(played).toHaveLength(2);
    expect(played[1]!.frequency).toBeGreaterThan(played[0]!.frequency);
    expect(screen.getByTestId('check-in-message').dataset['tone']).toBe('success');
  });

  it('sounds one low buzz when not', async () => {
    await scanWith({ outcome: 'unknown_barcode' });
    expect(played).toEqual([{ wave: 'square', frequency: expect.any(Number) }]);
    expect(played[0]!.frequency).toBeLessThan(400);
  });

  it('stays silent when the sounds setting is off', async () => {
    core.settings.values.sounds = false;
    await scanWith(checkedIn);
    expect(played).toEqual([]);
  });
});

describe('an answer on screen', () => {
  it('leaves by itself after a few seconds, an alarm a little later than good news', () => {
    vi.useFakeTimers();
    try {
      const cleared: DeskMessage[] = [];
      const good: DeskMessage = { tone: 'success', text: 'in' };
      const { rerender } = render(<DeskToast message={good} clear={(m) => cleared.push(m)} testId="t" className="" />);
      act(() => vi.advanceTimersByTime(toastMs.calm - 1));
      expect(cleared).toEqual([]);
      act(() => vi.advanceTimersByTime(1));
      expect(cleared).toEqual([good]);

      const bad: DeskMessage = { tone: 'error', text: 'no' };
      rerender(<DeskToast message={bad} clear={(m) => cleared.push(m)} testId="t" className="" />);
      act(() => vi.advanceTimersByTime(toastMs.calm));
      expect(cleared).toEqual([good]);
      act(() => vi.advanceTimersByTime(toastMs.alarm - toastMs.calm));
      expect(cleared).toEqual([good, bad]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is taken away only while it is still the one shown', () => {
    const first: DeskMessage = { tone: 'success', text: 'first' };
    const second: DeskMessage = { tone: 'success', text: 'second' };
    useDeskStore.getState().tellCheckIn(first);
    useDeskStore.getState().tellCheckIn(second);
    useDeskStore.getState().dismissCheckIn(first);
    expect(useDeskStore.getState().checkInMessage).toBe(second);
    useDeskStore.getState().dismissCheckIn(second);
    expect(useDeskStore.getState().checkInMessage).toBeNull();
  });

  it('that says the desk is offline goes when it is back online; other answers stay', () => {
    const offline: DeskMessage = { tone: 'error', text: 'The desk is offline, so this was not sent.', until: 'online' };
    const refused: DeskMessage = { tone: 'error', text: 'Not done: Membership paused' };
    const store = useDeskStore.getState();
    store.setLink('down');
    store.tellCheckIn(offline);
    store.tellRoster(refused);
    store.setLink('connecting');
    expect(useDeskStore.getState().checkInMessage).toBe(offline);
    store.setLink('up');
    expect(useDeskStore.getState().checkInMessage).toBeNull();
    // Told while the desk already counts as up (the call failed first): it stays until the link is back.
    store.tellCheckIn(offline);
    store.setLink('up');
    expect(useDeskStore.getState().checkInMessage).toBe(offline);
    store.setLink('down');
    store.setLink('up');
    expect(useDeskStore.getState().checkInMessage).toBeNull();
    expect(useDeskStore.getState().rosterMessage).toBe(refused);
  });
});
