/** The core's sense of now. Injected so tests and browser mode can start the desk at a chosen instant. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that starts at `start` and then runs at normal speed. */
export function clockStartingAt(start: Date, realNow: Clock = systemClock): Clock {
  const offsetMs = start.getTime() - realNow().getTime();
  return () => new Date(realNow().getTime() + offsetMs);
}
