import { describe, expect, it } from 'vitest';
import { resources } from '../../src-renderer/src/i18n';
import { de } from '../../src-renderer/src/i18n/de';
import { en } from '../../src-renderer/src/i18n/en';
import { englishIn, englishStretches, leaves, sameInBothLanguages } from '../support/desk-words';

const english = new Map(leaves(en));
const german = new Map(leaves(de));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((match) => match[1]).sort();
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

describe('the German words', () => {
  it('have every English key, and no key English lacks, plural forms included', () => {
    expect([...german.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...english.keys()].filter((key) => !german.has(key))).toEqual([]);
  });

  it('are what the desk loads', () => {
    expect(resources.de.translation).toBe(de);
  });

  it('give every plural the forms the language needs (i18next picks them by Intl.PluralRules)', () => {
    for (const [language, words] of [['en', english], ['de', german]] as const) {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const plurals = new Set([...words.keys()].filter((key) => pluralSuffix.test(key)).map((key) => key.replace(pluralSuffix, '')));
      for (const base of plurals) {
        for (const category of categories) expect(words.has(`${base}_${category}`), `${language}: ${base}_${category}`).toBe(true);
      }
    }
  });

  it('use the same placeholders as the English, so no name or time is lost', () => {
    const differing = [...english].filter(([key, text]) => placeholders(text).join() !== placeholders(german.get(key) ?? '').join());
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  it('are translated: only names, numbers and words German shares are the same as in English', () => {
    const same = [...english].filter(([key, text]) => german.get(key) === text).map(([key]) => key);
    expect(same.filter((key) => !sameInBothLanguages.has(key))).toEqual([]);
  });

  it('contain none of the English stretches the screens are checked for', () => {
    expect(englishStretches.length).toBeGreaterThan(300);
    const leftOver = [...german].flatMap(([key, text]) => englishIn(text).map((piece) => `${key}: ${piece}`));
    expect(leftOver).toEqual([]);
    // The check finds English where it stands.
    expect(englishIn('Eingecheckt · Check in · Kurs')).toEqual(['Check in']);
  });
});
