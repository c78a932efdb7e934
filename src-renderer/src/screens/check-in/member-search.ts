import type { Member } from '../../../../src-shared/domain';
import type { DeskDatabase } from '../../data/db';
import { keyPrefix, nameKind, otherKind, searchWords, type SearchableMember, type SearchKind } from '../../data/member-search-keys';

/** Text with a letter: a name, an e-mail, a number like M-10115. */
export function looksLikeName(text: string): boolean {
  return /\p{L}/u.test(text);
}

/** The list of members opens for a letter, or four digits and more (a phone or member number). */
export function wantsSearch(text: string): boolean {
  return looksLikeName(text) || (text.match(/\p{N}/gu)?.length ?? 0) >= 4;
}

/**
 * A member number or card code as someone types it: letters and digits with at most dashes, one
 * digit at least, no spaces. Enter sends it as a check-in, as if scanned; the core finds the
 * member by card code or member number.
 */
export function looksLikeCode(text: string): boolean {
  return /^[\p{L}\p{N}-]+$/u.test(text) && /\p{N}/u.test(text);
}

/**
 * Members read per kind of key for the longest word typed: the list shows a handful, and the other
 * words are checked on these. A word shared by more members than this (a thousand Annas) finds the
 * first of them by key; typing more of any word narrows it down.
 */
const candidatesPerKind = 100;

/**
 * Members of the desk's own booking system (connection) whose name, member number, card code,
 * e-mail or phone has words starting with every word typed, ignoring case and accents ("muller",
 * "MUELLER" and "Müller" find Müller; "sahin" finds Şahin). Name matches come first, then by name.
 */
export async function findMembers(db: DeskDatabase, text: string, connectionId: string, limit = 8): Promise<Member[]> {
  // Digits with spaces or dashes and no letter are one number, a phone number most likely.
  const words = looksLikeName(text) ? searchWords(text) : [text.replace(/\D/g, '')].filter(Boolean);
  // The longest word narrows most: its keys are read from the index, the others checked on what it found.
  const [driving, ...others] = [...words].sort((a, b) => b.length - a.length);
  if (driving === undefined) return [];
  const keysOf = (kind: SearchKind) =>
    db.members
      .where('searchKeys')
      .startsWith(keyPrefix(connectionId, kind) + driving)
      .limit(candidatesPerKind)
      .primaryKeys();
  const [byName, byOther] = await Promise.all([keysOf(nameKind), keysOf(otherKind)]);
  const candidates = await db.members.bulkGet([...new Set([...byName, ...byOther])]);

  const matches = (member: SearchableMember, kind: SearchKind, word: string) =>
    (member.searchKeys ?? []).some((key) => key.startsWith(keyPrefix(connectionId, kind) + word));
  const found = candidates.filter(
    (member): member is SearchableMember =>
      member !== undefined && others.every((word) => matches(member, nameKind, word) || matches(member, otherKind, word)),
  );
  const isNameMatch = (member: SearchableMember) => words.every((word) => matches(member, nameKind, word));
  return found
    .map((member) => ({ member, byName: isNameMatch(member) }))
    .sort(
      (a, b) =>
        Number(b.byName) - Number(a.byName) ||
        a.member.lastName.localeCompare(b.member.lastName) ||
        a.member.firstName.localeCompare(b.member.firstName),
    )
    .slice(0, limit)
    .map(({ member }) => withoutSearchKeys(member));
}

/** The cache's member as the contract knows it: the keys are the index's business. */
function withoutSearchKeys(member: SearchableMember): Member {
  const { searchKeys: _keys, ...rest } = member;
  return rest;
}
