import type { DeskSettingsBook } from '../settings/desk-settings';

/**
 * Which location this reception desk serves. The sync scheduler fetches that
 * location's today first and refreshes it most often. It is the `deskLocationId`
 * setting (one source of truth: the Settings screen, IT's files and the desk's
 * own choice on Today all go through it); `desk.json`, where it lived before,
 * is taken over when the settings open.
 */
export class DeskPlace {
  constructor(private readonly settings: DeskSettingsBook) {}

  get locationId(): string | undefined {
    return this.settings.values.deskLocationId ?? undefined;
  }

  /** Returns whether it changed; refused ('conflict') when IT's policy fixes the location. */
  async set(locationId: string): Promise<boolean> {
    if (locationId === this.locationId) return false;
    await this.settings.save({ deskLocationId: locationId });
    return true;
  }
}
