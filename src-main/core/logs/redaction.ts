/**
 * Takes secrets out of text before it is written to a log file or copied as diagnostics. A support
 * person asks for these files by mail or chat, so nothing in them may open a gym's booking system.
 */

const hidden = '[redacted]';

/** Secrets shorter than this are not searched for as plain text: "1" would blot out every digit. */
const shortestSecret = 6;

/**
 * Values that look like credentials whatever their key: HTTP auth headers, `token=` in a URL, and
 * JSON or header fields named like a key or password. Each keeps its name and loses its value.
 */
const credentialPatterns: RegExp[] = [
  /\b(authorization"?\s*[:=]\s*"?)(?:(?:bearer|basic|token)\s+)?[^\s",;]+/gi,
  /\b(bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /([?&#]token=)[^&#\s"']+/gi,
  /\b((?:api[-_]?key|x-api-key|apikey|access[-_]?token|refresh[-_]?token|client[-_]?secret|secret|password|token)"?\s*[:=]\s*"?)[^\s",;&}]+/gi,
];

const escapeForRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Remembers the secrets it is told about (API keys, the browser-mode token) and hides them and credential-like values. */
export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.remember(secret);
  }

  remember(secret: string | undefined): void {
    const trimmed = secret?.trim();
    if (trimmed && trimmed.length >= shortestSecret) this.secrets.add(trimmed);
  }

  redact(text: string): string {
    let result = text;
    // Longest first, so a key that contains another one is hidden whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      result = result.replace(new RegExp(escapeForRegExp(secret), 'g'), hidden);
      // Keys also travel URL-encoded (query strings) and base64-encoded (Basic auth).
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) result = result.replaceAll(encoded, hidden);
    }
    for (const pattern of credentialPatterns) result = result.replace(pattern, `$1${hidden}`);
    return result;
  }
}
