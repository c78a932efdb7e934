import { describe, expect, it } from 'vitest';
import { CommandError, CheckInByBarcodeResult } from '../../src-shared/contract';
import { ConnectionHealth, ConnectionTestResult } from '../../src-shared/connections';
import { DeskMessage, DeskMessageCode, deskMessage, fromLegacyText, messageForLog } from '../../src-shared/desk-messages';
import { DeskAction, DeskStatus } from '../../src-shared/domain';
import { SettingsProblem } from '../../src-shared/settings';

const action = {
  id: '1a2b3c4d-0000-4000-8000-000000000001',
  kind: 'check_in',
  state: 'rejected',
  connectionId: 'demo',
  bookingId: 'b-1',
  createdAt: '2026-03-20T16:40:00.000Z',
  updatedAt: '2026-03-20T16:41:00.000Z',
};

describe('messages cross the contract as codes', () => {
  it('takes a code with its parameters wherever the core tells the desk something', () => {
    const said = { code: 'checkin_closed', params: { session: 'Yoga', closedAt: '2026-03-20T18:00:00.000Z' } };
    expect(DeskAction.safeParse({ ...action, error: said }).success).toBe(true);
    expect(CommandError.safeParse({ code: 'conflict', message: said }).success).toBe(true);
    expect(ConnectionTestResult.safeParse({ ok: false, message: { code: 'provider_key_refused', params: { provider: 'Zenoti' } } }).success).toBe(true);
    expect(ConnectionHealth.safeParse({ state: 'failing', rejectedRecords: 0, lastError: { code: 'provider_unreachable' } }).success).toBe(true);
    expect(SettingsProblem.safeParse({ file: '/etc/x.json', message: { code: 'settings_file_not_object' } }).success).toBe(true);
  });

  it('refuses a free-text sentence where a code is expected', () => {
    const sentence = 'Check-in for this class has closed.';
    expect(DeskAction.safeParse({ ...action, error: sentence }).success).toBe(false);
    expect(DeskAction.safeParse({ ...action, state: 'confirmed', outcome: 'Visit valid: Anna Weber' }).success).toBe(false);
    expect(CommandError.safeParse({ code: 'conflict', message: sentence }).success).toBe(false);
    expect(ConnectionTestResult.safeParse({ ok: true, message: 'Connected to Zenoti.' }).success).toBe(false);
    expect(ConnectionHealth.safeParse({ state: 'failing', rejectedRecords: 0, lastError: 'Zenoti is down.' }).success).toBe(false);
    const status = { connection: 'online', pendingActions: 0, connections: [] };
    expect(DeskStatus.safeParse({ ...status, storeProblem: 'The disk is full.' }).success).toBe(false);
    expect(SettingsProblem.safeParse({ file: '/etc/x.json', message: 'Not JSON.' }).success).toBe(false);
    const member = { id: 'm', connectionId: 'c', firstName: 'A', lastName: 'B', memberNumber: '1' };
    const session = {
      id: 's', connectionId: 'c', locationId: 'l', classTypeId: 'y', title: 'Yoga', startsAt: '2026-03-20T17:00:00.000Z',
      endsAt: '2026-03-20T18:00:00.000Z', capacity: 10, booked: 1, waitlisted: 0, status: 'scheduled',
    };
    expect(CheckInByBarcodeResult.safeParse({ outcome: 'refused', member, session, reason: { code: 'checkin_not_open_yet' } }).success).toBe(true);
    expect(CheckInByBarcodeResult.safeParse({ outcome: 'refused', member, session, reason: 'Check-in is not open yet.' }).success).toBe(false);
  });

  it('refuses a code it does not know, and parameters that are not names, numbers or short text', () => {
    expect(DeskMessage.safeParse({ code: 'class_on_fire' }).success).toBe(false);
    expect(DeskMessage.safeParse({ code: 'class_full', extra: 1 }).success).toBe(false);
    expect(DeskMessage.safeParse({ code: 'class_full', params: { member: { first: 'A' } } }).success).toBe(false);
    expect(DeskMessage.safeParse({ code: 'provider_said', params: { detail: 'x'.repeat(2001) } }).success).toBe(false);
    expect(DeskMessage.safeParse({ code: 'provider_said', params: { 'not a name': 'x' } }).success).toBe(false);
  });

  it('leaves out parameters that are not known, and logs code and parameters', () => {
    expect(deskMessage('class_full')).toEqual({ code: 'class_full' });
    expect(deskMessage('provider_refused', { provider: 'Zenoti', detail: undefined, status: 400 })).toEqual({
      code: 'provider_refused',
      params: { provider: 'Zenoti', status: 400 },
    });
    expect(messageForLog({ code: 'class_full' })).toBe('class_full');
    expect(messageForLog({ code: 'provider_key_refused', params: { provider: 'Zenoti' } })).toBe('provider_key_refused {"provider":"Zenoti"}');
    expect(fromLegacyText('Membership paused')).toEqual({ code: 'provider_said', params: { detail: 'Membership paused' } });
    expect(DeskMessageCode.options.length).toBeGreaterThan(100);
  });
});
