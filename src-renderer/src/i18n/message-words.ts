import type { TFunction } from 'i18next';
import { i18n } from '.';
import { DeskMessage, fromLegacyText, type DeskMessageCode } from '../../../src-shared/desk-messages';
import { formatSyncTime, placeOrThisPc, type GymPlace } from './gym-time';

/**
 * The one place a code from the core becomes words (src-shared/desk-messages.ts says what crosses).
 * Instants (`…At`) are written in the gym's zone and the desk's language; a key's variant is chosen by
 * what the parameters hold, so "Anna Weber is already checked in" and "This member is already checked
 * in" are both the same code; a system's own words (`detail`) follow the sentence, marked as theirs.
 */

/** Variants a code's wording may have, most specific first, by the parameter each needs. */
const variants: readonly (readonly [suffix: string, param: string])[] = [
  ['member', 'member'],
  ['product', 'product'],
  ['provider', 'provider'],
  ['time', 'opensAt'],
  ['aside', 'aside'],
  ['status', 'status'],
];

/** Codes whose sentence is the detail itself (what an older release stored as a sentence). */
const detailOnly: ReadonlySet<DeskMessageCode> = new Set(['provider_said']);

export interface WordingPlace {
  place?: GymPlace | undefined;
  /**
   * When it was said (a desk action's last change; now for a fresh answer): an instant on that local
   * day is written as a time alone, any other with its date.
   */
  saidAtMs?: number;
}

/**
 * A message in words. A string is what a release before the codes stored (an old desk action in the
 * page's cache): it is shown as the system's words it was.
 */
export function wordMessage(t: TFunction, message: DeskMessage | string | undefined, { place, saidAtMs = Date.now() }: WordingPlace = {}): string {
  if (message === undefined) return '';
  const checked = typeof message === 'string' ? fromLegacyText(message) : DeskMessage.safeParse(message).data;
  if (!checked) return t('messages.internal_error');
  const params = checked.params ?? {};
  const shown: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    shown[name] = typeof value === 'string' && name.endsWith('At') && !Number.isNaN(Date.parse(value)) ? formatSyncTime(value, placeOrThisPc(place), saidAtMs) : value;
  }
  const sentence: string = t(keyFor(checked.code, params), shown);
  const detail = typeof params.detail === 'string' ? params.detail.trim() : '';
  if (!detail || detailOnly.has(checked.code)) return sentence;
  return typeof params.provider === 'string'
    ? t('messages.detailLabel', { sentence, provider: params.provider, detail })
    : t('messages.detailLabelNoProvider', { sentence, detail });
}

/** The message key: the code's, or its variant for the parameters given when the language has one. */
function keyFor(code: DeskMessageCode, params: Record<string, unknown>): `messages.${DeskMessageCode}` {
  for (const [suffix, param] of variants) {
    const key = `messages.${code}_${suffix}`;
    if (params[param] !== undefined && i18n.exists(key)) return key as `messages.${DeskMessageCode}`;
  }
  return `messages.${code}`;
}
