import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from '../storage/json-file';

const DeskPlaceFile = z.object({ locationId: z.string().min(1).optional() });

/**
 * Which location this reception desk serves. The sync scheduler fetches that
 * location's today first and refreshes it most often; kept across restarts.
 */
export class DeskPlace {
  private constructor(
    private readonly path: string,
    private current: string | undefined,
  ) {}

  static async open(dataDir: string): Promise<DeskPlace> {
    const path = join(dataDir, 'desk.json');
    return new DeskPlace(path, (await readJsonFile(path, DeskPlaceFile))?.locationId);
  }

  get locationId(): string | undefined {
    return this.current;
  }

  /** Returns whether it changed. */
  async set(locationId: string): Promise<boolean> {
    if (locationId === this.current) return false;
    this.current = locationId;
    await writeJsonFile(this.path, { locationId });
    return true;
  }
}
