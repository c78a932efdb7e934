import { join } from 'node:path';
import { SealedFileCredentialStore, type SecretCipher } from '../../src-main/core/credentials/credential-store';

/** A reversible stand-in for safeStorage, so a test can tell the sealed form on disk from the key. */
export const reversingCipher: SecretCipher = {
  scheme: 'test-reversed',
  seal: (secret) => [...secret].reverse().join(''),
  open: (sealed) => [...sealed].reverse().join(''),
};

export const testCredentials = (dataDir: string) =>
  new SealedFileCredentialStore(join(dataDir, 'credentials.json'), reversingCipher);
