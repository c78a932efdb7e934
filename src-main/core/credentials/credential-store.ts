import { z } from 'zod';
import { readJsonFile, writeJsonFile } from '../storage/json-file';

/**
 * Where API keys live: only in the core, encrypted at rest. The renderer never
 * sees one; commands take a key in and never hand it back.
 */
export interface CredentialStore {
  read(name: string): Promise<string | undefined>;
  write(name: string, secret: string): Promise<void>;
  remove(name: string): Promise<void>;
}

/** Turns a secret into what is written to disk and back. */
export interface SecretCipher {
  /** Written into the file so a file sealed one way is never read the other. */
  readonly scheme: string;
  seal(secret: string): string;
  open(sealed: string): string;
}

const SecretFile = z.object({ scheme: z.string(), secrets: z.record(z.string(), z.string()) });

/** One JSON file (0600) of sealed secrets, rewritten atomically on every change. */
export class SealedFileCredentialStore implements CredentialStore {
  constructor(
    private readonly path: string,
    private readonly cipher: SecretCipher,
  ) {}

  async read(name: string): Promise<string | undefined> {
    const sealed = (await this.load())[name];
    return sealed === undefined ? undefined : this.cipher.open(sealed);
  }

  async write(name: string, secret: string): Promise<void> {
    const secrets = await this.load();
    secrets[name] = this.cipher.seal(secret);
    await writeJsonFile(this.path, { scheme: this.cipher.scheme, secrets });
  }

  async remove(name: string): Promise<void> {
    const secrets = Object.fromEntries(Object.entries(await this.load()).filter(([key]) => key !== name));
    await writeJsonFile(this.path, { scheme: this.cipher.scheme, secrets });
  }

  private async load(): Promise<Record<string, string>> {
    const file = await readJsonFile(this.path, SecretFile);
    if (!file) return {};
    if (file.scheme !== this.cipher.scheme) {
      throw new Error(`${this.path} was written with ${file.scheme} protection and cannot be read with ${this.cipher.scheme}.`);
    }
    return file.secrets;
  }
}

/**
 * Browser mode's stand-in for the OS keychain: secrets are stored as they are,
 * protected only by the file's 0600 permissions. For development and tests; the
 * desktop app uses Electron's safeStorage instead.
 */
export const unencryptedDevelopmentCipher: SecretCipher = {
  scheme: 'plain-0600-development-only',
  seal: (secret) => secret,
  open: (sealed) => sealed,
};
