import type { Member } from '../../../../src-shared/domain';
import type { DeskDatabase } from '../../data/db';

/** A name search starts when the typed text has a letter; a scanner only sends digits. */
export function looksLikeName(text: string): boolean {
  return /\p{L}/u.test(text);
}

function startsWith(value: string, prefix: string): boolean {
  return value.toLocaleLowerCase().startsWith(prefix.toLocaleLowerCase());
}

/**
 * Members whose first or last name starts with the text, ignoring case.
 * "anna mü" works too: the first word finds candidates through the indexes,
 * every word must then start the first or the last name. Only members of the
 * desk's own booking system (connection) can be checked in here.
 */
export async function findMembersByName(
  db: DeskDatabase,
  text: string,
  connectionId: string,
  limit = 8,
): Promise<Member[]> {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return [];
  const candidates = await db.members
    .where('lastName')
    .startsWithIgnoreCase(first)
    .or('firstName')
    .startsWithIgnoreCase(first)
    .limit(200)
    .toArray();
  return candidates
    .filter((member) => member.connectionId === connectionId)
    .filter((member) => words.every((word) => startsWith(member.firstName, word) || startsWith(member.lastName, word)))
    .sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName))
    .slice(0, limit);
}
