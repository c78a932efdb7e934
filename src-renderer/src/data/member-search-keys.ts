import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { Member } from '../../../src-shared/domain';

/**
 * What a member can be found by at the desk, as keys of one IndexedDB multi-entry index, so a
 * keystroke's search reads a key range instead of scanning 50,000 members. Every key starts with
 * the member's connection (a chain desk searches its own system only) and a kind: names rank
 * above codes, e-mail and phone.
 */
export const nameKind = 'n';
export const otherKind = 'x';
export type SearchKind = typeof nameKind | typeof otherKind;

/** Where a connection's keys of one kind begin; a word's keys are this plus the folded word. */
export function keyPrefix(connectionId: string, kind: SearchKind): string {
  return `${connectionId}\u0001${kind}`;
}

/** Letters NFKD does not take apart. */
const spelledOut: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower case without accents: Müller → muller, Şahin → sahin, İlkay → ilkay, Øre → ore. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/g, (letter) => spelledOut[letter] ?? letter);
}

/** German spelling without umlauts (Müller → Mueller), how a name is typed on a keyboard without them. */
function umlautsSpelledOut(text: string): string {
  return text.toLowerCase().replace(/[äöü]/g, (letter) => `${letter === 'ä' ? 'a' : letter === 'ö' ? 'o' : 'u'}e`);
}

/** The words of a text as the index holds them: folded, split at anything that is not a letter or digit. */
export function searchWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function nameWords(name: string): string[] {
  return [...searchWords(name), ...searchWords(umlautsSpelledOut(name))];
}

/** A code as typed (M-10115), without its dashes (m10115), and its parts (m, 10115). */
function codeWords(code: string | undefined): string[] {
  if (!code) return [];
  const parts = searchWords(code);
  return [fold(code), parts.join(''), ...parts];
}

/**
 * A phone number's digits, and the same without a country code of one to three digits, also with
 * the trunk 0 in front (+49 151 2345 is found by 491512345, 1512345 and 01512345).
 */
function phoneWords(phone: string | undefined): string[] {
  const digits = phone?.replace(/\D/g, '') ?? '';
  if (digits.length < 4) return [];
  const local = [1, 2, 3].map((cut) => digits.slice(cut)).filter((rest) => rest.length >= 4);
  return [digits, ...local, ...local.map((rest) => `0${rest}`)];
}

export function memberSearchKeys(member: Member): string[] {
  const names = [...nameWords(member.firstName), ...nameWords(member.lastName)];
  const others = [
    ...codeWords(member.memberNumber),
    ...codeWords(member.barcode),
    ...(member.email ? [fold(member.email), ...searchWords(member.email)] : []),
    ...phoneWords(member.phone),
  ];
  const nameKeys = names.map((word) => keyPrefix(member.connectionId, nameKind) + word);
  const otherKeys = others.map((word) => keyPrefix(member.connectionId, otherKind) + word);
  return [...new Set([...nameKeys, ...otherKeys])];
}

/** A cached member row: the contract's member and its search keys. */
export type SearchableMember = Member & { searchKeys?: string[] };

function withSearchKeys(request: DBCoreMutateRequest): DBCoreMutateRequest {
  if (request.type !== 'add' && request.type !== 'put') return request;
  return { ...request, values: request.values.map((member: Member) => ({ ...member, searchKeys: memberSearchKeys(member) })) };
}

/**
 * Gives every member written to the cache its search keys, whichever way it is written (snapshot,
 * change set, an upgrade's modify), so no write path can forget them.
 */
export const memberSearchKeysMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'memberSearchKeys',
  create: (down) => ({
    ...down,
    table(name) {
      const table = down.table(name);
      if (name !== 'members') return table;
      return { ...table, mutate: (request) => table.mutate(withSearchKeys(request)) };
    },
  }),
};
