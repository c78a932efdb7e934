import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SealedFileCredentialStore, unencryptedDevelopmentCipher } from '../../src-main/core/credentials/credential-store';
import { reversingCipher } from '../support/test-credentials';

const reversed = reversingCipher;

async function tempFile() {
  return join(await mkdtemp(join(tmpdir(), 'classdesk-keys-')), 'credentials.json');
}

describe('sealed credential file', () => {
  it('stores, reads and removes secrets, writing only the sealed form with 0600', async () => {
    const path = await tempFile();
    const store = new SealedFileCredentialStore(path, reversed);
    await store.write('magicline:main', 'key-123');
    expect(await store.read('magicline:main')).toBe('key-123');
    expect(await readFile(path, 'utf8')).not.toContain('key-123');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await store.remove('magicline:main');
    expect(await store.read('magicline:main')).toBeUndefined();
  });

  it('refuses to read a file sealed another way instead of handing out garbage', async () => {
    const path = await tempFile();
    await new SealedFileCredentialStore(path, unencryptedDevelopmentCipher).write('k', 'v');
    await expect(new SealedFileCredentialStore(path, reversed).read('k')).rejects.toThrow(/cannot be read/);
  });
});
