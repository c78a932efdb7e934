import { fireEvent, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { followAfterIdleMs, useFollowNow } from '../../src-renderer/src/screens/today/use-follow-now';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-20T09:00:00Z'));
  useDeskStore.setState(initialUiState);
});
afterEach(() => vi.useRealTimers());

describe('the open class as the day goes on', () => {
  it('goes back to the class running now once the desk has been left alone and the next class comes round', () => {
    const { rerender } = renderHook(({ current }) => useFollowNow(current), { initialProps: { current: 'yoga-0900' } });
    useDeskStore.getState().openSession('spin-1800');
    vi.setSystemTime(Date.now() + followAfterIdleMs);
    rerender({ current: 'pilates-1000' });
    expect(useDeskStore.getState().sessionId).toBeNull();
  });

  it('keeps the class staff opened while they are working with it', () => {
    const { rerender } = renderHook(({ current }) => useFollowNow(current), { initialProps: { current: 'yoga-0900' } });
    useDeskStore.getState().openSession('spin-1800');
    vi.setSystemTime(Date.now() + followAfterIdleMs);
    fireEvent.keyDown(document.body, { key: 'ArrowDown' });
    vi.setSystemTime(Date.now() + followAfterIdleMs - 1);
    rerender({ current: 'pilates-1000' });
    expect(useDeskStore.getState().sessionId).toBe('spin-1800');
  });

  it('leaves another day alone', () => {
    const { rerender } = renderHook(({ current }) => useFollowNow(current), { initialProps: { current: 'yoga-0900' } });
    useDeskStore.getState().showDay('2026-03-21');
    useDeskStore.getState().openSession('spin-1800');
    vi.setSystemTime(Date.now() + followAfterIdleMs);
    rerender({ current: 'pilates-1000' });
    expect(useDeskStore.getState().sessionId).toBe('spin-1800');
  });
});
