import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../src-shared/domain';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { applySnapshot } from '../../src-renderer/src/data/replica';
import { findMembers, looksLikeCode, wantsSearch } from '../../src-renderer/src/screens/check-in/member-search';
import { aMember, dropDatabase, freshDatabase, snapshotOf } from './fixtures';

let db: DeskDatabase;
const here = aMember().connectionId;

const members: Member[] = [
  aMember({ id: 'anna', firstName: 'Anna', lastName: 'Müller', memberNumber: 'M-10115', barcode: '4000001', email: 'anna.mueller@example.com', phone: '+49 151 2345678' }),
  aMember({ id: 'elif', firstName: 'Elif', lastName: 'Şahin', memberNumber: 'M-10116', barcode: '4000002' }),
  aMember({ id: 'jorg', firstName: 'Jörg', lastName: 'Groß-Öztürk', memberNumber: '20017', barcode: undefined }),
  aMember({ id: 'marta', firstName: 'Marta', lastName: 'Mueller', memberNumber: 'M-10200', barcode: '4000003' }),
  // Sorted before Müller by key: a member whose code, not name, starts with "m".
  aMember({ id: 'code-m', firstName: 'Zoe', lastName: 'Zimmer', memberNumber: 'MA-1', barcode: '4000004' }),
];
// A chain: another centre with hundreds of Müllers, all earlier in every index than this desk's.
const elsewhere = Array.from({ length: 400 }, (_, index) =>
  aMember({ id: `other-${index}`, connectionId: 'another-centre', firstName: 'Aaron', lastName: 'Müller', memberNumber: `A-${index}`, barcode: `9${index}` }),
);

beforeEach(async () => {
  db = freshDatabase();
  await applySnapshot(db, snapshotOf(1, { members: [...elsewhere, ...members] }));
});
afterEach(() => dropDatabase(db));

const found = async (text: string) => (await findMembers(db, text, here)).map((member) => member.id);

describe('member search at the desk', () => {
  it('finds a name whatever the case and accents: Müller, muller, MUELLER; Şahin, sahin; Groß-Öztürk, gross, ozturk', async () => {
    for (const text of ['Müller', 'muller', 'MUELLER', 'mül']) expect(await found(text), text).toContain('anna');
    expect((await found('mueller')).sort()).toEqual(['anna', 'marta']);
    for (const text of ['Şahin', 'sahin', 'SAHIN']) expect(await found(text), text).toEqual(['elif']);
    for (const text of ['gross', 'Groß', 'ozturk', 'oeztuerk', 'jorg', 'joerg']) expect(await found(text), text).toEqual(['jorg']);
  });

  it('needs every word to match, first name and last name in any order', async () => {
    expect(await found('anna mü')).toEqual(['anna']);
    expect(await found('müller anna')).toEqual(['anna']);
    expect(await found('anna sahin')).toEqual([]);
  });

  it('finds by member number (as printed, without the dash, in parts), card code, e-mail and phone', async () => {
    for (const text of ['M-10115', 'm-10115', 'm10115', '10115']) expect(await found(text), text).toEqual(['anna']);
    expect(await found('4000002')).toEqual(['elif']);
    expect(await found('anna.mueller@ex')).toEqual(['anna']);
    for (const text of ['+49 151 2345678', '01512345', '1512345', '4915123']) expect(await found(text), text).toEqual(['anna']);
  });

  it('searches the desk’s own system only, however many members other centres have', async () => {
    expect(await found('müller')).toEqual(expect.arrayContaining(['anna']));
    expect((await findMembers(db, 'müller', here)).every((member) => member.connectionId === here)).toBe(true);
    const there = await findMembers(db, 'aaron', 'another-centre');
    expect(there).toHaveLength(8);
    expect(there.every((member) => member.connectionId === 'another-centre')).toBe(true);
  });

  it('lists name matches before members whose code happens to start the same way, and hands back contract members', async () => {
    const list = await findMembers(db, 'm', here);
    expect(list.map((member) => member.id).at(-1)).toBe('code-m');
    expect(list[0]).not.toHaveProperty('searchKeys');
  });

  it('finds members changed later, by their new name only', async () => {
    await db.members.put({ ...members[1]!, lastName: 'Yılmaz' });
    expect(await found('sahin')).toEqual([]);
    expect(await found('yilmaz')).toEqual(['elif']);
  });
});

describe('what the check-in bar makes of typed text', () => {
  it('searches for a letter or four digits, and treats numbers and codes as scans', () => {
    expect(wantsSearch('a')).toBe(true);
    expect(wantsSearch('015')).toBe(false);
    expect(wantsSearch('0151')).toBe(true);
    expect(looksLikeCode('M-10115')).toBe(true);
    expect(looksLikeCode('4000001')).toBe(true);
    expect(looksLikeCode('Anna')).toBe(false);
    expect(looksLikeCode('anna mü')).toBe(false);
    expect(looksLikeCode('anna@example.com')).toBe(false);
  });
});
