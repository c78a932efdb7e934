import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScanDetector } from '../../src-renderer/src/scanning/scan-detector';

const gapMs = 35;
let scans: string[];
let typed: string[];
let detector: ScanDetector;

beforeEach(() => {
  vi.useFakeTimers();
  scans = [];
  typed = [];
  detector = new ScanDetector({ gapMs, minLength: 4, onScan: (code) => scans.push(code), onTyped: (text) => typed.push(text) });
});
afterEach(() => {
  detector.dispose();
  vi.useRealTimers();
});

/** Keys `stepMs` apart on the fake clock, the first now; returns the time of the last. */
function typeKeys(text: string, stepMs: number, shortcutFor?: (char: string) => () => boolean): number {
  let at = Date.now();
  [...text].forEach((char, index) => {
    if (index > 0) {
      vi.advanceTimersByTime(stepMs);
      at = Date.now();
    }
    detector.key(char, at, shortcutFor?.(char));
  });
  return at;
}

describe('the scan detector', () => {
  it('takes a fast burst ending in Enter as one scan', () => {
    const last = typeKeys('X9912345', 8);
    vi.advanceTimersByTime(8);
    expect(detector.enter(last + 8)).toBe(true);
    expect(scans).toEqual(['X9912345']);
    expect(typed).toEqual([]);
  });

  it('never runs the shortcut of a key that starts a scan', () => {
    const ran: string[] = [];
    const last = typeKeys('X9912345', 10, (char) => () => {
      ran.push(char);
      return true;
    });
    detector.enter(last + 5);
    vi.advanceTimersByTime(1_000);
    expect(ran).toEqual([]);
    expect(scans).toEqual(['X9912345']);
  });

  it('runs a lone key’s shortcut once the gap has passed with no key after it', () => {
    const ran: string[] = [];
    detector.key('x', Date.now(), () => {
      ran.push('x');
      return true;
    });
    vi.advanceTimersByTime(gapMs - 1);
    expect(ran).toEqual([]);
    expect(detector.inBurst(Date.now())).toBe(true);
    vi.advanceTimersByTime(2);
    expect(ran).toEqual(['x']);
    expect(typed).toEqual([]);
  });

  it('hands a lone key on as typing when its shortcut had nothing to act on', () => {
    detector.key('c', Date.now(), () => false);
    vi.advanceTimersByTime(gapMs + 1);
    expect(typed).toEqual(['c']);
  });

  it('takes keys typed at a person’s pace as typing, one at a time, never as a scan', () => {
    const last = typeKeys('M-10115', 120);
    vi.advanceTimersByTime(120);
    expect(detector.enter(last + 120)).toBe(false);
    expect(scans).toEqual([]);
    expect(typed).toEqual(['M', '-', '1', '0', '1', '1', '5']);
  });

  it('counts a key exactly at the gap as part of the burst, one past it as the end', () => {
    const last = typeKeys('1234', gapMs);
    detector.enter(last + gapMs);
    expect(scans).toEqual(['1234']);

    const slow = typeKeys('5678', gapMs + 1);
    detector.enter(slow + 1);
    expect(scans).toEqual(['1234']);
    expect(typed.join('')).toBe('5678');
  });

  it('judges by the keys’ own times when the timer runs late', () => {
    // Two keys 50 ms apart by their timestamps, handled before the timer could fire.
    const start = Date.now();
    detector.key('1', start);
    detector.key('2', start + 50);
    expect(typed).toEqual(['1']);
  });

  it('does not take a burst shorter than the minimum as a scan', () => {
    const last = typeKeys('c1', 5);
    expect(detector.enter(last + 5)).toBe(true);
    expect(scans).toEqual([]);
    expect(typed).toEqual(['c1']);
  });

  it('lets Enter go when nothing is held, and ends a burst on any other key', () => {
    expect(detector.enter(Date.now())).toBe(false);
    typeKeys('12', 5);
    detector.interrupt();
    expect(typed).toEqual(['12']);
    expect(detector.inBurst(Date.now())).toBe(false);
  });

  it('follows a changed key gap', () => {
    detector.configure({ gapMs: 80 });
    const last = typeKeys('12345', 60);
    detector.enter(last + 60);
    expect(scans).toEqual(['12345']);
  });
});
