import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkAccess, watchAccess, type AccessVerdict } from '../../src-renderer/src/desk/access-check';
import { AccessNeeded } from '../../src-renderer/src/desk/access-needed';
import { takeAccessToken } from '../../src-renderer/src/desk/access-token';
import { connectSocketDesk, type DeskSocket } from '../../src-renderer/src/desk/socket-desk';

afterEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('the access key in the address bar', () => {
  it('is read, then taken out of the address, other parts kept', () => {
    window.history.replaceState({ kept: 1 }, '', '/?view=desk&token=secret-key#roster');
    expect(takeAccessToken(window)).toBe('secret-key');
    expect(window.location.search).toBe('?view=desk');
    expect(window.location.hash).toBe('#roster');
    expect(window.location.href).not.toContain('secret-key');
    expect(window.history.state).toEqual({ kept: 1 });
  });

  it('is still there after a reload, from the tab’s own storage', () => {
    window.history.replaceState(null, '', '/?token=secret-key');
    takeAccessToken(window);
    // A reload opens the address as it is now: without the key.
    expect(window.location.search).toBe('');
    const replace = vi.spyOn(window.history, 'replaceState');
    expect(takeAccessToken(window)).toBe('secret-key');
    expect(replace).not.toHaveBeenCalled();
    replace.mockRestore();
  });

  it('is null for a page opened without one', () => {
    window.history.replaceState(null, '', '/');
    expect(takeAccessToken(window)).toBeNull();
  });
});

describe('asking the server whether the key fits', () => {
  it('sends the key in a header and reads the answer', async () => {
    const asked: RequestInit[] = [];
    const answering = (status: number) => async (_path: string, init: RequestInit) => {
      asked.push(init);
      return { status };
    };
    expect(await checkAccess('k', answering(204))).toBe('granted');
    expect(await checkAccess('k', answering(401))).toBe('refused');
    expect(await checkAccess('k', answering(500))).toBe('unknown');
    expect(await checkAccess('k', () => Promise.reject(new TypeError('Failed to fetch')))).toBe('unknown');
    expect(asked[0]?.headers).toEqual({ 'X-Classdesk-Token': 'k' });
  });
});

/** A socket whose handshake the server refuses: it closes without ever opening, as a browser's does on 401. */
class RefusedSocket implements DeskSocket {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor() {
    setTimeout(() => this.onclose?.(new CloseEvent('close', { code: 1006 })), 0);
  }
  send(): void {}
  close(): void {}
}

describe('a page whose key the server refuses', () => {
  it('is told once, and stops retrying', async () => {
    let sockets = 0;
    const desk = connectSocketDesk('ws://127.0.0.1/ws?token=old', {
      makeSocket: () => {
        sockets += 1;
        return new RefusedSocket();
      },
      firstRetryMs: 1,
      maxRetryMs: 1,
    });
    const verdicts: AccessVerdict[] = ['unknown', 'refused'];
    const check = vi.fn(async () => verdicts.shift() ?? 'refused');
    const refused = vi.fn(() => desk.close());
    watchAccess(desk, 'old', refused, check);
    await vi.waitFor(() => expect(refused).toHaveBeenCalledTimes(1));
    const socketsThen = sockets;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sockets).toBe(socketsThen);
    expect(check).toHaveBeenCalledTimes(2);
    expect(refused).toHaveBeenCalledTimes(1);
  });

  it('keeps the desk while the server is only out of reach', async () => {
    const desk = connectSocketDesk('ws://127.0.0.1/ws?token=k', { makeSocket: () => new RefusedSocket(), firstRetryMs: 1, maxRetryMs: 1 });
    const check = vi.fn(async (): Promise<AccessVerdict> => 'unknown');
    const refused = vi.fn();
    watchAccess(desk, 'k', refused, check);
    await vi.waitFor(() => expect(check.mock.calls.length).toBeGreaterThan(2));
    expect(refused).not.toHaveBeenCalled();
    desk.close();
  });

  it('says in one sentence how to get in', () => {
    render(<AccessNeeded />);
    expect(screen.getByRole('alert').textContent).toBe(
      'This page needs the desk link with its access key. Open the link that “npm run web” printed where it was started.',
    );
  });
});
