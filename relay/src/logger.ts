import pino, { type Logger } from 'pino';

/** JSON lines on stdout (one per event, for any log collector); secrets and tokens are never logged. */
export function relayLogger(level: string): Logger {
  return pino({ level, base: { service: 'classdesk-relay' }, redact: ['req.headers.authorization', 'req.headers["x-gympass-signature"]'] });
}
