import { z } from 'zod';
import { DeskMessage } from './desk-messages';

/**
 * The desk's settings, as layers give them: built-in defaults < the machine's provisioning file
 * (IT, for every desk on the PC) < the desk's own choices (the Settings screen) < the machine's
 * policy file, whose values are locked. Every layer is a partial `DeskSettings`, validated on its
 * own so an error names the file and the field. No secrets belong in any layer: API keys stay in
 * the credential store, the front-desk PIN is kept as a hash.
 */

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM, e.g. 06:30');

/** One stretch the gym is open on a weekday, in the desk location's time zone; `closes` may be 24:00. */
export const OpeningSpan = z
  .object({ opens: clockTime, closes: z.union([clockTime, z.literal('24:00')]) })
  .strict()
  .refine((span) => span.opens < span.closes, { message: 'a span closes after it opens', path: ['closes'] });
export type OpeningSpan = z.infer<typeof OpeningSpan>;

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof weekdays)[number];

/** The gym's opening hours per weekday; a day without spans is closed all day. */
export const OpeningHours = z.object(Object.fromEntries(weekdays.map((day) => [day, z.array(OpeningSpan).max(6)])) as Record<Weekday, z.ZodArray<typeof OpeningSpan>>).strict();
export type OpeningHours = z.infer<typeof OpeningHours>;

export const DeskLanguage = z.enum(['system', 'en', 'de']);
export type DeskLanguage = z.infer<typeof DeskLanguage>;

export const UpdateChannel = z.enum(['stable', 'beta']);
export type UpdateChannel = z.infer<typeof UpdateChannel>;

export const DeskSettings = z
  .object({
    /** 'system' follows the operating system's language. */
    language: DeskLanguage,
    /** The location this desk serves (its today first); null until chosen. */
    deskLocationId: z.string().min(1).max(200).nullable(),
    /** How far back and ahead the core fetches classes. */
    syncDaysBack: z.number().int().min(0).max(7),
    syncDaysAhead: z.number().int().min(1).max(60),
    /** Classes, bookings and members older than this many days leave the desk's store. */
    dataRetentionDays: z.number().int().min(1).max(90),
    /** Finished desk actions older than this many days leave (waiting ones never do). */
    actionRetentionDays: z.number().int().min(1).max(365),
    /** A success and a failure sound on every scan. */
    sounds: z.boolean(),
    /** Keystrokes closer together than this, ending in Enter, are a scanner's, not a person's. */
    scannerKeyGapMs: z.number().int().min(5).max(200),
    /** The outage kit (every class of the day on paper, as PDFs) is written this many minutes before a location's first class. */
    outageKitMinutesBefore: z.number().int().min(0).max(720),
    openingHours: OpeningHours,
    /** Full screen, no menus or dev tools, closing asks first, starts at login, stays in the tray. */
    frontDeskMode: z.boolean(),
    /**
     * Closing the desk in front-desk mode asks for this PIN, kept as its SHA-256 in hex; only the
     * policy file may set it. Without it closing asks for a confirmation.
     */
    closePinSha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the PIN, 64 hex digits').nullable(),
    /** Whether this desk looks for updates at all. */
    updates: z.boolean(),
    updateChannel: UpdateChannel,
    /** Where updates come from (electron-updater's generic provider); null: the address built into the app. */
    updateUrl: z.url({ protocol: /^https?$/ }).nullable(),
  })
  .strict();
export type DeskSettings = z.infer<typeof DeskSettings>;
export type SettingName = keyof DeskSettings;
export const settingNames = Object.keys(DeskSettings.shape) as SettingName[];

/** What a file or the Settings screen may give: any of the settings, each checked on its own. */
export const SettingsLayer = DeskSettings.partial().strict();
export type SettingsLayer = z.infer<typeof SettingsLayer>;

const everyDay = (spans: OpeningSpan[]): OpeningHours => Object.fromEntries(weekdays.map((day) => [day, spans])) as OpeningHours;

export const defaultSettings: DeskSettings = {
  language: 'system',
  deskLocationId: null,
  syncDaysBack: 1,
  syncDaysAhead: 14,
  dataRetentionDays: 7,
  actionRetentionDays: 30,
  sounds: true,
  scannerKeyGapMs: 35,
  outageKitMinutesBefore: 30,
  // Most gyms: early to late every day. Updates wait for the hours outside.
  openingHours: everyDay([{ opens: '06:00', closes: '23:00' }]),
  frontDeskMode: false,
  closePinSha256: null,
  updates: true,
  updateChannel: 'stable',
  updateUrl: null,
};

/** Which layer a setting's value came from; 'policy' means it is locked. */
export const SettingSource = z.enum(['default', 'provisioning', 'desk', 'policy']);
export type SettingSource = z.infer<typeof SettingSource>;

/** A layer that could not be used as written: which file, which field, what is wrong. */
export const SettingsProblem = z.object({
  file: z.string().max(1000),
  field: z.string().max(200).optional(),
  /** What is wrong, as a code the desk words (the parser's own words as its detail). */
  message: DeskMessage,
});
export type SettingsProblem = z.infer<typeof SettingsProblem>;

/** What the Settings screen shows: the values in force, where each came from, and what is wrong in the files. */
export const EffectiveSettings = z.object({
  values: DeskSettings,
  sources: z.record(z.enum(settingNames as [SettingName, ...SettingName[]]), SettingSource),
  problems: z.array(SettingsProblem),
});
export type EffectiveSettings = z.infer<typeof EffectiveSettings>;
