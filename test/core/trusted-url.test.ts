import { describe, expect, it } from 'vitest';
import { isTrustedPageUrl } from '../../src-main/shell/trusted-url';

describe('trusted page URLs', () => {
  it.each([
    ['classdesk://desk/index.html', undefined, true],
    ['classdesk://desk.evil.example/index.html', undefined, false],
    ['classdesk://evil/desk', undefined, false],
    ['https://desk/index.html', undefined, false],
    ['file:///etc/passwd', undefined, false],
    ['http://localhost:5173/', 'http://localhost:5173', true],
    ['http://localhost:5173@evil.example/', 'http://localhost:5173', false],
    ['http://localhost:5174/', 'http://localhost:5173', false],
    ['http://localhost:5173/', undefined, false],
    ['not a url', undefined, false],
  ])('%s with dev server %s → %s', (url, devServer, trusted) => {
    expect(isTrustedPageUrl(url, devServer)).toBe(trusted);
  });
});
