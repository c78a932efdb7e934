import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/credentials/credential-store';

/**
 * Seals secrets with the OS keychain through Electron's safeStorage. On Linux
 * without a keyring Electron falls back to a hard-coded password ("basic_text"),
 * which is no protection at all: refuse rather than pretend.
 */
export function safeStorageCipher(): SecretCipher {
  const unprotected = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  const refuse = (): never => {
    throw new Error(
      'This computer has no keyring (GNOME Keyring or KWallet) for Classdesk to protect API keys with. Install one, then add the connection again.',
    );
  };
  return {
    scheme: 'electron-safe-storage',
    seal: (secret) => {
      if (unprotected || !safeStorage.isEncryptionAvailable()) refuse();
      return safeStorage.encryptString(secret).toString('base64');
    },
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
