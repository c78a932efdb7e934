/**
 * The renderer's Content-Security-Policy, for both hosts: the Electron shell's
 * `classdesk://` protocol and browser mode's static server send it as a header,
 * so nothing the page does can loosen it. It lives here, beside neither host,
 * because each must be able to change without touching the other.
 */
const sources = (connectSrc: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connectSrc}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/** Electron: the contract rides IPC, so the page connects to nothing but its own origin. */
export const desktopContentSecurityPolicy = sources("'self'");

/** Browser mode: the contract rides a WebSocket to the core on loopback. */
export const browserModeContentSecurityPolicy = sources("'self' ws://127.0.0.1:*");
