import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../src-main/core/logs/redaction';

const key = 'zk-live-4f1c9a7e1b2d';

describe('redaction', () => {
  it('hides a secret it was told about wherever it appears, also URL-encoded', () => {
    const redactor = new Redactor([key, 'tok/en+with=signs']);
    const text = redactor.redact(`sent ${key} twice: ${key}; in a query: ?q=${encodeURIComponent('tok/en+with=signs')}`);
    expect(text).not.toContain(key);
    expect(text).not.toContain('tok%2Fen');
    expect(text).toContain('[redacted]');
  });

  it('hides credential-like values it was never told about, keeping their names', () => {
    const redactor = new Redactor();
    const samples = [
      'Authorization: Bearer abc.def.ghi-123',
      'authorization=Basic dXNlcjpwYXNz',
      'GET /?token=s3cr3t-token-value&x=1',
      '{"apiKey":"k-123456789","label":"Main"}',
      'x-api-key: k-987654321',
      'access_token=at-55555 refresh_token=rt-66666',
      'password: hunter2hunter2',
      '{"Authorization":"Bearer json-header-777"}',
    ];
    const text = redactor.redact(samples.join('\n'));
    for (const secret of ['abc.def.ghi-123', 'dXNlcjpwYXNz', 's3cr3t-token-value', 'k-123456789', 'k-987654321', 'at-55555', 'rt-66666', 'hunter2hunter2', 'json-header-777']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('Authorization: [redacted]');
    expect(text).toContain('?token=[redacted]&x=1');
    expect(text).toContain('"label":"Main"');
  });

  it('leaves ordinary text alone and ignores secrets too short to search for', () => {
    const redactor = new Redactor(['1', '']);
    expect(redactor.redact('Synced 12 classes for Zenoti Main in 310 ms')).toBe('Synced 12 classes for Zenoti Main in 310 ms');
  });

  it('is idempotent: redacting twice changes nothing more', () => {
    const redactor = new Redactor([key]);
    const once = redactor.redact(`token=${key} Bearer ${key}`);
    expect(redactor.redact(once)).toBe(once);
  });
});
