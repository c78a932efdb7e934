import { readdir, stat } from 'node:fs/promises';
import { arch, release, type } from 'node:os';
import { join } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import type { Connection } from '../../src-shared/connections';
import { messageForLog } from '../../src-shared/desk-messages';

/** What the host adds to the report: the log it keeps and how it hides secrets. */
export interface DiagnosticsSource {
  /** The newest log lines, already redacted. */
  recentLog(): string[];
  /** Applied to the whole report once more, so a secret that slipped into a label or an error still stays out. */
  redact(text: string): string;
  /** Electron and Chromium versions in the desktop app; plain Node knows neither. */
  versions?: Record<string, string | undefined>;
}

export interface DeskFacts {
  dataDir: string;
  now: Date;
  connections: Connection[];
  pendingActions: number;
}

/**
 * The text behind "Copy diagnostics": what a support person asks for first, in one paste.
 * Connections are listed field by field from an allow-list, so a setting added later cannot leak
 * into it unnoticed, and an API key is only ever "stored" or "missing".
 */
export async function describeDesk(facts: DeskFacts, source: DiagnosticsSource): Promise<string> {
  const versions = { node: process.versions.node, electron: process.versions['electron'], chromium: process.versions['chrome'], ...source.versions };
  const lines = [
    `Classdesk diagnostics, ${facts.now.toISOString()}`,
    `App version: ${packageJson.version}`,
    `Node: ${versions.node ?? 'unknown'}; Electron: ${versions.electron ?? 'not running in Electron'}; Chromium: ${versions.chromium ?? 'not known'}`,
    `OS: ${type()} ${release()} (${arch()})`,
    `Data directory size: ${formatBytes(await folderSize(facts.dataDir))}`,
    `Pending desk actions: ${facts.pendingActions}`,
    '',
    `Connections (${facts.connections.length}${facts.connections.length === 0 ? ': the demo studio is shown' : ''}):`,
    ...facts.connections.flatMap(describeConnection),
    '',
    'Last log lines:',
    ...source.recentLog(),
  ];
  return source.redact(lines.join('\n'));
}

function describeConnection(connection: Connection): string[] {
  const { health } = connection;
  const settings = [
    `provider ${connection.provider}`,
    `label "${connection.label}"`,
    connection.tenant && `tenant ${connection.tenant}`,
    connection.scopeId && `scope ${connection.scopeId}`,
    connection.timeZone && `zone ${connection.timeZone}`,
    connection.baseUrl && `address ${connection.baseUrl}`,
    `API key ${connection.hasApiKey ? 'stored' : 'missing'}`,
  ].filter(Boolean);
  const healthWords = [
    `health ${health.state}`,
    health.lastSyncAt && `last sync ${health.lastSyncAt}`,
    health.failingSince && `failing since ${health.failingSince}`,
    health.lastError && `last error: ${messageForLog(health.lastError)}`,
    health.rejectedRecords > 0 && `${health.rejectedRecords} records rejected`,
    health.unreadRosters && `${health.unreadRosters} rosters unread`,
  ].filter(Boolean);
  return [`- ${connection.id}: ${settings.join(', ')}`, `  ${healthWords.join(', ')}`];
}

/** Everything under the data directory: the store, keys file, logs and backups together. */
async function folderSize(dir: string): Promise<number> {
  let total = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await folderSize(path);
    else if (entry.isFile()) total += await stat(path).then((s) => s.size, () => 0);
  }
  return total;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
