import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src-main/core/provider-error';
import { checkSyncWindow, MAX_SYNC_WINDOW_DAYS } from '../../src-main/core/providers/sync-window-check';

const DAY = 86_400_000;
const from = '2026-11-22T00:00:00.000Z';
const plus = (days: number) => new Date(Date.parse(from) + days * DAY).toISOString();

function refusal(run: () => unknown): ProviderError {
  try {
    run();
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('the window was accepted');
}

describe('checkSyncWindow', () => {
  it('gives the window as milliseconds and as canonical UTC text', () => {
    expect(checkSyncWindow({ from: '2026-11-22T01:00:00+01:00', to: '2026-12-08T00:00:00Z' })).toEqual({
      fromMs: Date.parse(from),
      toMs: Date.parse('2026-12-08T00:00:00.000Z'),
      from,
      to: '2026-12-08T00:00:00.000Z',
    });
  });

  it('accepts an empty window and one of exactly the longest length', () => {
    expect(checkSyncWindow({ from, to: from }).toMs).toBe(Date.parse(from));
    expect(checkSyncWindow({ from, to: plus(MAX_SYNC_WINDOW_DAYS) }).to).toBe(plus(MAX_SYNC_WINDOW_DAYS));
  });

  it('refuses, never retryably, a window that is not instants, runs backwards or is too long', () => {
    const notInstants = refusal(() => checkSyncWindow({ from: 'yesterday', to: plus(1) }));
    const backwards = refusal(() => checkSyncWindow({ from: plus(1), to: from }));
    const tooLong = refusal(() => checkSyncWindow({ from, to: new Date(Date.parse(plus(MAX_SYNC_WINDOW_DAYS)) + 1).toISOString() }));
    for (const error of [notInstants, backwards, tooLong]) expect(error).toMatchObject({ retryable: false, code: 'invalid_input' });
    expect(notInstants.said).toMatchObject({ code: 'sync_window_not_instants', params: { from: 'yesterday' } });
    expect(backwards.said.code).toBe('sync_window_backwards');
    expect(tooLong.said).toMatchObject({ code: 'sync_window_too_long', params: { maxDays: MAX_SYNC_WINDOW_DAYS } });
  });
});
