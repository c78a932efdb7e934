import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logFileName, openLogFile } from '../../../src-main/core/logs/log-file';
import { Redactor } from '../../../src-main/core/logs/redaction';

const key = 'zk-live-4f1c9a7e1b2d';
const now = () => new Date('2026-11-23T09:00:00.000Z');

async function logDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'classdesk-logs-')), 'logs');
}

describe('log file', () => {
  it('writes timestamped lines, echoes them, and never lets a known key reach the file', async () => {
    const dir = await logDir();
    const echoed: string[] = [];
    const redactor = new Redactor([key]);
    const file = openLogFile({ dir, redactor, echo: (line) => echoed.push(line), now });
    file.log(`Sync failed for Zenoti Main with key ${key}`, new Error(`401 for Authorization: ${key}`));
    file.log('Sent header Authorization: Bearer unknown-token-123');
    await file.close();

    const written = await readFile(join(dir, logFileName), 'utf8');
    expect(written).toContain('2026-11-23T09:00:00.000Z Sync failed for Zenoti Main with key [redacted]');
    expect(written).toContain('Error: 401 for Authorization: [redacted]');
    expect(written).not.toContain(key);
    expect(written).not.toContain('unknown-token-123');
    expect(echoed.join('\n')).not.toContain(key);
    expect(file.recentLines(1)).toEqual(['2026-11-23T09:00:00.000Z Sent header Authorization: [redacted]']);
  });

  it('rotates by size into classdesk.1.log … and keeps only as many files as told', async () => {
    const dir = await logDir();
    const file = openLogFile({ dir, redactor: new Redactor(), echo: () => {}, now, size: '1K', keep: 2 });
    const line = 'x'.repeat(200);
    // Rotation happens between writes, so give the stream a moment after each batch past the size.
    for (let batch = 0; batch < 4; batch += 1) {
      for (let i = 0; i < 7; i += 1) file.log(`${batch}-${i} ${line}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    file.log('the last line');
    await file.close();

    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['classdesk.1.log', 'classdesk.2.log', 'classdesk.log']);
    expect((await stat(join(dir, 'classdesk.1.log'))).size).toBeGreaterThan(1024);
    expect(await readFile(join(dir, logFileName), 'utf8')).toContain('the last line');
  });

  it('shows the previous run’s last lines in a new run’s recent lines', async () => {
    const dir = await logDir();
    const first = openLogFile({ dir, redactor: new Redactor(), echo: () => {}, now });
    first.log('before the restart');
    await first.close();
    const second = openLogFile({ dir, redactor: new Redactor(), echo: () => {}, now });
    expect(second.recentLines()).toEqual(['2026-11-23T09:00:00.000Z before the restart']);
    await second.close();
  });

  it('still logs to the console when its folder cannot be made, and never throws', async () => {
    const base = await mkdtemp(join(tmpdir(), 'classdesk-logs-'));
    await writeFile(join(base, 'not-a-folder'), '');
    const echoed: string[] = [];
    const file = openLogFile({ dir: join(base, 'not-a-folder', 'logs'), redactor: new Redactor([key]), echo: (line) => echoed.push(line), now });
    file.log(`still here, key ${key}`);
    await file.close();
    expect(echoed[0]).toMatch(/^Classdesk: no log file, .+ cannot be made/);
    expect(echoed.at(-1)).toBe('2026-11-23T09:00:00.000Z still here, key [redacted]');
  });
});
