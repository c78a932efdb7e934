import { z } from 'zod';

/**
 * What the core tells the desk — refusals, errors, outcomes, problems — crosses the contract as a
 * code with parameters, never as a sentence; the renderer words each code in the desk's language
 * (src-renderer/src/i18n/message-words.ts). Adding a language is then translating the renderer's
 * words only.
 *
 * Parameter conventions, so every language formats them alike:
 * - a name ending in `At` is a UTC instant (ISO string), shown in the location's zone;
 * - `provider` is the system's name as the desk shows it (Magicline, Zenoti…), `member` a person's
 *   name, `session` a class title: names, never words;
 * - `detail` is free text the desk cannot know in advance (a provider's own words, a file parser's
 *   complaint): shown as it came, marked as the system's words.
 */
export const deskMessageCodes = [
  // Why an action did not fit its time around the class, or the class itself.
  'class_cancelled',
  'checkin_not_open_yet',
  'checkin_closed',
  'class_not_ended',
  'class_started',
  // What the desk's connection cannot do, or no longer knows.
  'action_not_offered',
  'checkin_not_offered',
  'booking_check_not_offered',
  'member_search_not_offered',
  'connection_not_set_up',
  'connection_removed',
  'booking_not_on_roster',
  'class_not_in_schedule',
  'location_not_connected',
  'member_not_known',
  'booking_not_known',
  'class_not_known',
  'record_not_known',
  'action_incomplete',
  'action_id_reused',
  // The contract and the core itself.
  'unknown_command',
  'invalid_input',
  'internal_error',
  'wipe_refused_actions_waiting',
  'store_put_aside',
  'store_read_only',
  'store_cannot_save_actions',
  'desk_service_restarted',
  'snapshot_cursor_invalid',
  'not_classdesk_window',
  'wipe_not_here',
  'setting_locked',
  'close_pin_policy_only',
  // A provider's answer in general (HTTP, network, limits).
  'provider_unreachable',
  'provider_timeout',
  'provider_key_refused',
  'provider_key_forbidden',
  'provider_rate_limited',
  'provider_unavailable',
  'provider_refused',
  'provider_unreadable',
  'provider_answer_too_large',
  'provider_too_many_records',
  'provider_said',
  'provider_location_unknown',
  'sync_window_not_instants',
  'sync_window_backwards',
  'sync_window_too_long',
  // Connection settings.
  'settings_wrong_adapter',
  'settings_tenant_missing',
  'settings_tenant_invalid',
  'settings_gym_id_missing',
  'settings_time_zone_missing',
  'settings_center_missing',
  'settings_center_unknown',
  'settings_file_unreadable',
  'settings_file_empty',
  'settings_file_not_json',
  'settings_file_not_object',
  'settings_unknown_field',
  'settings_pin_policy_only',
  'settings_value_invalid',
  'settings_time_zone_unknown',
  'connection_name_reserved',
  'connection_system_fixed',
  'connection_settings_invalid',
  'api_key_missing',
  'connection_ok',
  'connection_plain_http',
  // Why a booking, a change or a request answer was refused (booking systems' reasons).
  'no_class_credits',
  'booking_limit_reached',
  'already_booked',
  'already_on_waitlist',
  'already_checked_in',
  'already_requested',
  'not_checked_in',
  'membership_paused',
  'other_booking_same_time',
  'class_display_only',
  'booking_not_open_yet',
  'booking_closed',
  'studio_closed',
  'booking_not_allowed',
  'class_full',
  'class_full_no_waitlist',
  'class_full_goes_to_waitlist',
  'waitlist_closed',
  'class_not_bookable',
  'member_of_other_location',
  'booking_cancelled',
  'on_waitlist_not_booked',
  'enrolled_not_booked',
  'booking_closed_in_system',
  'class_started_no_change',
  'undo_checkin_first',
  'not_on_waitlist',
  'class_full_cancel_first',
  'request_not_confirmed_yet',
  'request_confirmed_cancel_instead',
  'wellhub_class_started',
  'wellhub_class_length',
  'wellhub_slot_nothing_to_update',
  'wellhub_places_out_of_range',
  'wellhub_overbooked',
  'marked_no_show',
  'booking_pending',
  'booking_request_turned_down',
  'booking_cannot_change',
  'booked_directly',
  'request_already_confirmed',
  'request_already_waitlisted',
  'request_cannot_answer',
  'request_lapsed',
  'cancelled_in_app',
  'request_not_known',
  'rejection_reason_unknown',
  'cancel_refused',
  'book_refused',
  'search_refused',
  'timetable_refused',
  'class_product_refused',
  'class_refused',
  'wellhub_message_unreadable',
  'wellhub_message_unsigned',
  'wellhub_wrong_gym',
  'wellhub_gym_refused',
  // Wellhub visits at the door.
  'visit_validated',
  'visit_already_validated',
  'visit_no_checkin',
  'visit_checkin_cancelled',
  'visit_checkin_expired',
  'visit_not_validated',
  'wellhub_id_wrong',
  // The gym's Wellhub relay (relay/README.md).
  'request_decided_elsewhere_confirmed',
  'request_decided_elsewhere_rejected',
  'relay_decision_failed',
  'relay_not_connected',
  'relay_token_refused',
  'relay_only_for_wellhub',
  'demo_marker_local_only',
  // One roster across channels: classes of the gym's main system sold on Wellhub.
  'class_links_only_for_wellhub',
  'class_link_not_main_class',
] as const;

export const DeskMessageCode = z.enum(deskMessageCodes);
export type DeskMessageCode = z.infer<typeof DeskMessageCode>;

/** A parameter: a name, a number, an instant (…At) or a provider's own words (detail). */
const paramValue = z.union([z.string().max(2000), z.number()]);
export const DeskMessageParams = z.record(z.string().regex(/^[a-z][A-Za-z]{0,39}$/), paramValue);
export type DeskMessageParams = z.infer<typeof DeskMessageParams>;

export const DeskMessage = z
  .object({
    code: DeskMessageCode,
    params: DeskMessageParams.optional(),
  })
  .strict();
export type DeskMessage = z.infer<typeof DeskMessage>;

/** A message with its parameters, leaving out those not known (so `params` never holds undefined). */
export function deskMessage(code: DeskMessageCode, params: Record<string, string | number | undefined> = {}): DeskMessage {
  const known = Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  return known.length > 0 ? { code, params: Object.fromEntries(known) } : { code };
}

/** The one line the log keeps for a message: code and parameters, for support (never shown at the desk). */
export function messageForLog(message: DeskMessage): string {
  return message.params ? `${message.code} ${JSON.stringify(message.params)}` : message.code;
}

/**
 * What a release before the codes stored as a sentence (a desk action's error, a connection's last
 * error), carried on as the system's words so the desk still shows it.
 */
export function fromLegacyText(text: string): DeskMessage {
  return { code: 'provider_said', params: { detail: text.slice(0, 2000) } };
}
