import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectionSettings, SaveConnectionInput, connectionWarnings } from '../../src-shared/connections';

const settings = { id: 'wa-main', provider: 'whautomate', label: 'Whautomate' } as const;
const problemOf = (input: unknown, schema: z.ZodType = ConnectionSettings) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? undefined : z.prettifyError(parsed.error);
};
const baseUrlProblem = (baseUrl: string) => problemOf({ ...settings, baseUrl });
const keyProblem = (apiKey: string) => problemOf({ settings, apiKey }, SaveConnectionInput);

describe('connection settings: base URLs', () => {
  it('takes https:// anywhere and http:// only to this PC, with a warning', () => {
    for (const url of ['https://api.in.whautomate.com', 'https://api.example.com/v1/', 'http://127.0.0.1:5391', 'http://localhost:8080/api', 'http://[::1]:9000']) {
      expect(baseUrlProblem(url), url).toBeUndefined();
    }
    expect(connectionWarnings({ baseUrl: 'http://127.0.0.1:5391' })).toEqual([{ code: 'connection_plain_http' }]);
    expect(connectionWarnings({ baseUrl: 'https://api.example.com' })).toEqual([]);
    expect(connectionWarnings({})).toEqual([]);
  });

  it('refuses plain http:// to any other host, in words that say why', () => {
    for (const url of ['http://api.example.com', 'http://127.0.0.1.example.com', 'http://10.0.0.5', 'http://localhost.example.com']) {
      expect(baseUrlProblem(url), url).toContain('must start with https:// so the API key travels encrypted');
    }
  });

  it('refuses what the URL parser would quietly reinterpret: other schemes, control characters, credentials, ? and #', () => {
    expect(baseUrlProblem('ftp://api.example.com')).toContain('must start with https://');
    expect(baseUrlProblem('file:///etc/passwd')).toContain('must start with https://');
    expect(baseUrlProblem('https://api.exa\nmple.com')).toContain('line break, tab or other invisible character');
    expect(baseUrlProblem('https://api.example.com/\u0000')).toContain('invisible character');
    expect(baseUrlProblem('https://user:pass@api.example.com')).toContain('no user name or password');
    expect(baseUrlProblem('https://api.example.com/?x=1')).toContain('before any ? or #');
    expect(baseUrlProblem('https://api.example.com/#top')).toContain('before any ? or #');
    expect(baseUrlProblem('api.example.com')).toContain('not a web address');
    expect(baseUrlProblem(`https://api.example.com/${'a'.repeat(500)}`)).toContain('longer than 500 characters');
  });
});

describe('connection settings: API keys and text fields', () => {
  it('takes a real-looking key, trimmed', () => {
    const parsed = SaveConnectionInput.parse({ settings, apiKey: '  zk-live-4f1c9a7e1b2d==  ' });
    expect(parsed.apiKey).toBe('zk-live-4f1c9a7e1b2d==');
  });

  it('refuses control characters, characters no key has, and a key of absurd length, saying what to do', () => {
    expect(keyProblem('zk-live\nzk-live')).toContain('Paste only the key, once');
    expect(keyProblem('zk\tlive')).toContain('line break, tab');
    expect(keyProblem('zk-live\u200b')).toContain('a character no API key has');
    expect(keyProblem('zk-\u0000')).toContain('line break, tab');
    expect(keyProblem('k'.repeat(4097))).toContain('4096 characters at most');
    expect(keyProblem('   ')).toContain('Enter the API key');
  });

  it('refuses control characters in the name, tenant, scope and zone', () => {
    expect(problemOf({ ...settings, label: 'Berlin\u0007' })).toContain('invisible character');
    expect(problemOf({ ...settings, tenant: 'gym\r\nx-evil: 1' })).toContain('invisible character');
    expect(problemOf({ ...settings, scopeId: 'center\u001b[31m' })).toContain('invisible character');
    expect(problemOf({ ...settings, timeZone: 'Europe/\u0085Berlin' })).toContain('invisible character');
  });
});
