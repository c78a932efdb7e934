/**
 * Page script for part 4, added before the desk's own code runs (so it is
 * written as page script: this file is type-checked for Node). It times, with
 * the page's performance.now():
 * - the Enter keydown in the check-in bar (capture phase, before React sees it);
 * - the checkInByBarcode request leaving on the WebSocket, and its response
 *   arriving (before the desk's own handler runs): the durable acknowledgement;
 * - the first change set arriving after the request left (the core's "accepted", published);
 * - the first DOM commit that shows the armed roster row pending or checked in
 *   (MutationObserver; the paint follows within a frame).
 */
export const deskProbeScript = `(() => {
  let bench = null;
  let observer = null;
  const Native = window.WebSocket;
  class Watched extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (bench && bench.enterAt !== null && bench.ackAt === null && typeof event.data === 'string') {
          bench.biggestFrame = Math.max(bench.biggestFrame, event.data.length);
        }
        if (!bench || bench.requestId === null) return;
        try {
          const frame = JSON.parse(event.data);
          if (frame.type === 'event' && frame.event && frame.event.name === 'changes' && bench.sentAt !== null && bench.changeAt === null) {
            bench.changeAt = performance.now();
          }
          if (frame.type === 'response' && frame.id === bench.requestId) {
            bench.ackAt = performance.now();
            bench.outcome = frame.result && frame.result.ok ? frame.result.value.outcome + '/' + ((frame.result.value.action || {}).state || '') : 'error';
          }
        } catch (error) {}
      });
    }
    send(data) {
      if (bench && typeof data === 'string') {
        try {
          const frame = JSON.parse(data);
          if (frame.type === 'request' && frame.command === 'checkInByBarcode' && bench.requestId === null) {
            bench.requestId = frame.id;
            bench.sentAt = performance.now();
          } else if (frame.type === 'request') {
            bench.otherRequests.push(frame.command);
          }
        } catch (error) {}
      }
      return super.send(data);
    }
  }
  window.WebSocket = Watched;
  const shown = () => {
    const row = document.querySelector('[data-testid="roster-row"][data-booking-id="' + CSS.escape(bench.bookingId) + '"]');
    if (!row) return null;
    if (row.querySelector('[data-testid="roster-pending"]')) return 'pending';
    return row.getAttribute('data-status') === 'checked_in' ? 'checked_in' : null;
  };
  window.addEventListener('keydown', (event) => {
    if (bench && event.key === 'Enter' && bench.enterAt === null) bench.enterAt = performance.now();
  }, true);
  // Long tasks on the page's main thread (over 50 ms): a scan's answer waits behind them.
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
      if (longTasks.length > 500) longTasks.splice(0, longTasks.length - 500);
    }).observe({ type: 'longtask' });
  } catch (error) {}
  window.__deskBench = {
    arm(bookingId) {
      if (observer) observer.disconnect();
      bench = { bookingId, enterAt: null, sentAt: null, requestId: null, changeAt: null, ackAt: null, outcome: null, shownAt: null, shownAs: null, biggestFrame: 0, otherRequests: [] };
      observer = new MutationObserver(() => {
        if (bench.shownAt !== null || bench.enterAt === null) return;
        const state = shown();
        if (state) {
          bench.shownAt = performance.now();
          bench.shownAs = state;
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
      return shown();
    },
    done() {
      return bench !== null && bench.shownAt !== null && bench.ackAt !== null;
    },
    sample() {
      if (observer) observer.disconnect();
      observer = null;
      const taken = bench;
      bench = null;
      if (taken && taken.enterAt !== null) {
        const end = taken.ackAt ?? performance.now();
        const during = longTasks.filter((task) => task.start + task.duration > taken.enterAt && task.start < end);
        taken.pageLongTaskMs = during.reduce((longest, task) => Math.max(longest, task.duration), 0);
      }
      return taken;
    },
  };
})()`;

export interface ProbeSample {
  bookingId: string;
  enterAt: number | null;
  sentAt: number | null;
  /** The first change set after the request left: the core's published "accepted". */
  changeAt: number | null;
  ackAt: number | null;
  shownAt: number | null;
  shownAs: 'pending' | 'checked_in' | null;
  outcome: string | null;
  /** The longest main-thread task (over 50 ms) of the page between Enter and the answer; 0 when none. */
  pageLongTaskMs?: number;
  /** The largest WebSocket frame the page received between Enter and the answer, in characters. */
  biggestFrame?: number;
  /** Other commands the page sent meanwhile (a catch-up, a sync). */
  otherRequests?: string[];
}
