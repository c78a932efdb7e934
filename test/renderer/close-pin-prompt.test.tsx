import { act, fireEvent, render, screen } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import type { ClosePinAnswer, DeskCloseApi } from '../../src-shared/front-desk';
import { ClosePinPrompt } from '../../src-renderer/src/screens/close-pin/close-pin-prompt';

/** A stand-in for the preload's classdeskClose: main's ask on demand, answers from a list. */
function fakeClose(answers: ClosePinAnswer[] = []) {
  const listeners = new Set<() => void>();
  const submitted: string[] = [];
  const api: DeskCloseApi = {
    onPinAsked(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async submitPin(pin) {
      submitted.push(pin);
      return answers.shift() ?? { outcome: 'refused' };
    },
  };
  return { api, submitted, ask: () => act(() => listeners.forEach((listener) => listener())), listeners };
}

const field = () => screen.getByLabelText('PIN to close Classdesk') as HTMLInputElement;
async function typeAndEnter(pin: string): Promise<void> {
  fireEvent.change(field(), { target: { value: pin } });
  await act(async () => {
    fireEvent.submit(field().form!);
  });
}

describe('the PIN prompt for closing Classdesk', () => {
  it('appears only when main asks, as a labelled modal dialog with the focus in the PIN field', () => {
    const close = fakeClose();
    render(<ClosePinPrompt close={close.api} />);
    expect(screen.queryByRole('dialog')).toBeNull();
    close.ask();
    const dialog = screen.getByRole('dialog', { name: 'Close Classdesk' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.activeElement).toBe(field());
    expect(field().type).toBe('password');
    expect(field().getAttribute('aria-describedby')).toBeTruthy();
  });

  it('has no accessibility violations axe can find, an error shown included', async () => {
    const close = fakeClose([{ outcome: 'wrong', triesLeft: 4 }]);
    render(<ClosePinPrompt close={close.api} />);
    close.ask();
    await typeAndEnter('1234');
    // jsdom computes no colours; contrast is the end-to-end run's to check.
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });

  it('Enter sends the PIN to main; a wrong one says how many tries are left and empties the field', async () => {
    const close = fakeClose([{ outcome: 'wrong', triesLeft: 4 }]);
    render(<ClosePinPrompt close={close.api} />);
    close.ask();
    await typeAndEnter('1234');
    expect(close.submitted).toEqual(['1234']);
    expect(screen.getByRole('alert').textContent).toBe('Wrong PIN. 4 tries left before a pause.');
    expect(field().value).toBe('');
    expect(field().getAttribute('aria-invalid')).toBe('true');
  });

  it('a pause says how long', async () => {
    const close = fakeClose([{ outcome: 'paused', retryAfterSeconds: 30 }]);
    render(<ClosePinPrompt close={close.api} />);
    close.ask();
    await typeAndEnter('1234');
    expect(screen.getByRole('alert').textContent).toBe('Too many wrong PINs. Try again in 30 seconds.');
  });

  it('something that is not a PIN is not sent', async () => {
    const close = fakeClose();
    render(<ClosePinPrompt close={close.api} />);
    close.ask();
    await typeAndEnter('12');
    await typeAndEnter('12ab');
    expect(close.submitted).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe('A PIN is 4 to 12 digits.');
  });

  it('the right PIN: the dialog says it is closing and takes no more input', async () => {
    const close = fakeClose([{ outcome: 'accepted' }]);
    render(<ClosePinPrompt close={close.api} />);
    close.ask();
    await typeAndEnter('2468');
    const confirm = screen.getByTestId('close-pin-confirm');
    expect(confirm.textContent).toBe('Closing Classdesk…');
    expect(confirm.getAttribute('aria-disabled')).toBe('true');
    await typeAndEnter('2468');
    expect(close.submitted).toEqual(['2468']);
  });

  it('Escape and “Keep Classdesk open” dismiss it without sending anything; main can ask again', () => {
    const close = fakeClose();
    render(<ClosePinPrompt close={close.api} />);
    close.ask();
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    close.ask();
    fireEvent.click(screen.getByRole('button', { name: 'Keep Classdesk open' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(close.submitted).toEqual([]);
  });

  it('when main has no close waiting any more (front-desk mode turned off), the prompt goes', async () => {
    const close = fakeClose([{ outcome: 'not-asked' }]);
    render(<ClosePinPrompt close={close.api} />);
    close.ask();
    await typeAndEnter('2468');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Tab stays inside the dialog: from its last button back to the PIN field', () => {
    const close = fakeClose();
    render(<ClosePinPrompt close={close.api} />);
    close.ask();
    const dialog = screen.getByRole('dialog');
    const closeButton = screen.getByRole('button', { name: 'Close Classdesk' });
    closeButton.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(field());
  });

  it('browser mode (no classdeskClose) never shows it, and it stops listening when it goes', () => {
    const { container } = render(<ClosePinPrompt close={undefined} />);
    expect(container.innerHTML).toBe('');
    const close = fakeClose();
    const { unmount } = render(<ClosePinPrompt close={close.api} />);
    expect(close.listeners.size).toBe(1);
    unmount();
    expect(close.listeners.size).toBe(0);
  });
});
