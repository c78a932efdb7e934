/** A quiet pass must cost nothing, so a newer last-sync time alone is told at most this often. */
const lastSyncGrainMs = 5 * 60_000;

/**
 * Whether a last-sync time is news worth an event (and, for health, a write): it appeared, went away,
 * or moved on by five minutes since the one last told. Used by the desk's status and each connection's health.
 */
export function lastSyncIsNews(told: string | undefined, now: string | undefined): boolean {
  if (told === now) return false;
  if (told === undefined || now === undefined) return true;
  return Date.parse(now) - Date.parse(told) >= lastSyncGrainMs;
}
