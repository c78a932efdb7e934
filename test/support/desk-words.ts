import { de } from '../../src-renderer/src/i18n/de';
import { en } from '../../src-renderer/src/i18n/en';

type Tree = { readonly [key: string]: string | Tree };

/** Every word of a language as [dotted key, text], plural forms as their own keys ("x_one"). */
export function leaves(words: Tree, prefix = ''): [string, string][] {
  return Object.entries(words).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`),
  );
}

/**
 * Keys whose German is rightly the same as the English: names of products and systems, numbers and
 * placeholders only, and words German takes over as they are (Online, Status, Name, Beta, Alt, F1).
 */
export const sameInBothLanguages = new Set([
  'app.title',
  'common.memberName',
  'common.source.demo',
  'common.source.magicline',
  'common.source.perfectgym',
  'common.source.zenoti',
  'common.source.whautomate',
  'common.source.wellhub',
  'connections.provider.magicline',
  'connections.provider.perfectgym',
  'connections.provider.zenoti',
  'connections.provider.whautomate',
  'connections.provider.wellhub',
  'connections.form.provider',
  'connections.form.optional',
  'roster.groupHeading',
  'today.bookedOfCapacity',
  'cancel.session',
  'walkIn.session',
  'status.connection.online',
  'status.failingLine',
  'status.savedLine',
  'activity.sessionAt',
  'settings.problem',
  'settings.language.en',
  'settings.language.de',
  'settings.updateChannel.beta',
  'shortcuts.keys.alt',
  'shortcuts.keys.f1',
  'palette.forPerson',
  'messages.provider_said',
  'paper.place',
  'paper.name',
  'paper.status',
]);

/** Proper names that may stand in German text as they are. */
const names = ['Classdesk', 'Wellhub', 'Magicline', 'PerfectGym', 'Zenoti', 'Whautomate', 'Demo'];

const germanTexts = leaves(de).map(([, text]) => text);

/**
 * The stretches of English text a German screen must not show: every English word between its
 * placeholders and sentence marks, at least five letters long, that no German text also contains (so "Update" and
 * "Online", which German uses too, are not taken for English left over).
 */
export const englishStretches: readonly string[] = [
  ...new Set(
    leaves(en)
      .filter(([key]) => !sameInBothLanguages.has(key))
      .flatMap(([, text]) => text.split(/\{\{[^}]+\}\}|[.:;!?](?:\s|$)|\s[–—]\s/))
      .map((piece) => piece.replace(/^[\s:;,.()“”"'’#/–—-]+|[\s:;,.()“”"'’#/–—…-]+$/g, ''))
      .filter((piece) => piece.replace(/[^A-Za-z]/g, '').length >= 5)
      .filter((piece) => !names.includes(piece))
      .filter((piece) => !germanTexts.some((german) => german.includes(piece))),
  ),
];

const boundary = (piece: string) => new RegExp(`(^|[^A-Za-z])${piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z])`);
const matchers = englishStretches.map((piece) => ({ piece, pattern: boundary(piece) }));

/** The English stretches found in a screen's text (its words, labels and titles), none if all is German. */
export function englishIn(text: string): string[] {
  return matchers.filter(({ pattern }) => pattern.test(text)).map(({ piece }) => piece);
}
