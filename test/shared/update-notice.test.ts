import { describe, expect, it } from 'vitest';
import { DeskEvent } from '../../src-shared/contract';

describe('the update event', () => {
  it('says an update is ready, with its version and when it installs (or that no time is set)', () => {
    expect(DeskEvent.safeParse({ name: 'update', payload: { state: 'ready', version: '1.2.0', installAt: '2026-06-01T21:00:00.000Z' } }).success).toBe(true);
    expect(DeskEvent.safeParse({ name: 'update', payload: { state: 'ready', version: '1.3.0-beta.1', installAt: null } }).success).toBe(true);
    expect(DeskEvent.safeParse({ name: 'update', payload: { state: 'none' } }).success).toBe(true);
  });

  it('refuses a missing version, a local time, and anything extra', () => {
    expect(DeskEvent.safeParse({ name: 'update', payload: { state: 'ready', installAt: null } }).success).toBe(false);
    expect(DeskEvent.safeParse({ name: 'update', payload: { state: 'ready', version: '1.2.0', installAt: '2026-06-01T23:00:00+02:00' } }).success).toBe(false);
    expect(DeskEvent.safeParse({ name: 'update', payload: { state: 'none', version: '1.2.0' } }).success).toBe(false);
  });
});
