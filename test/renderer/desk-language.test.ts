import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followLanguageSetting, spokenLanguage } from '../../src-renderer/src/i18n/desk-language';
import { i18n, resources } from '../../src-renderer/src/i18n';
import { FakeCore } from './fake-core';

const withWords = Object.keys(resources);

describe('the language the desk speaks', () => {
  it('for the computer’s language, finds the words of its region’s language (de-AT speaks de)', () => {
    for (const language of withWords) {
      expect(spokenLanguage('system', [`${language}-XX`])).toBe(language);
      expect(spokenLanguage('system', ['tlh-QO', language.toUpperCase()])).toBe(language);
    }
  });

  it('a language set at the desk or by IT is spoken when it has words; English otherwise', () => {
    for (const language of withWords) expect(spokenLanguage(language as 'en', ['tlh'])).toBe(language);
    expect(spokenLanguage('system', ['tlh-QO'])).toBe('en');
    expect(spokenLanguage('system', [])).toBe('en');
  });
});

describe('following the setting', () => {
  let core: FakeCore;
  let linkListeners: (() => void)[];
  let stop: () => void = () => undefined;
  beforeEach(() => {
    document.documentElement.lang = '';
    core = new FakeCore({ open: false });
    linkListeners = [];
  });
  afterEach(() => stop());

  const follow = () => {
    stop = followLanguageSetting(
      core.api,
      (listener) => {
        linkListeners.push(listener);
        return () => linkListeners.splice(linkListeners.indexOf(listener), 1);
      },
      () => ['tlh-QO'],
    );
  };

  it('asks again when the link comes up, and speaks what the settings say', async () => {
    follow();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.documentElement.lang).toBe('');
    core.restore();
    linkListeners.forEach((listener) => listener());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.language).toBe('en');
  });

  it('a settings push changes the page at once', () => {
    core.restore();
    follow();
    document.documentElement.lang = '';
    core.emit({ name: 'settings', payload: { ...core.settings, values: { ...core.settings.values, language: 'system' } } });
    expect(document.documentElement.lang).toBe('en');
  });

  it('stops listening when told', () => {
    core.restore();
    follow();
    stop();
    document.documentElement.lang = '';
    core.emit({ name: 'settings', payload: core.settings });
    expect(document.documentElement.lang).toBe('');
    expect(linkListeners).toHaveLength(0);
  });
});
