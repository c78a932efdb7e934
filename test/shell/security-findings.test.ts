import { describe, expect, it } from 'vitest';
import { readFindings, stale, unreviewed, type ReviewedException } from '../../build/security-findings';

// As Electronegativity 1.10 writes it (-o report.csv -r), quotes, commas in samples and all.
const report = `issue, severity, confidence, filename, location, sample, description, url
CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","src-main/shell/desk-window.ts","26:17","const window = new BrowserWindow({","Review the use of the contextIsolation option",https://github.com/doyensec/electronegativity/wiki/CONTEXT_ISOLATION_JS_CHECK
OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","src-main/shell/security.ts","41:38","if (isAllowed(url, ""x"")) void shell.openExternal(url);","Review the use of openExternal",https://github.com/doyensec/electronegativity/wiki/OPEN_EXTERNAL_JS_CHECK
CSP_GLOBAL_CHECK,"LOW","FIRM","src-renderer/index.html","5:0","default-src 'self'","One or more CSP directives detected seems to be vulnerable",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK
`;

const reviewed: ReviewedException[] = [
  { check: 'CONTEXT_ISOLATION_JS_CHECK', file: 'src-main/shell/desk-window.ts', reason: 'set in deskWebPreferences()' },
  { check: 'SANDBOX_JS_CHECK', file: 'src-main/shell/desk-window.ts', reason: 'set in deskWebPreferences()' },
];

describe('the security gate’s reading of Electronegativity', () => {
  it('reads every finding, quoted commas and doubled quotes included', () => {
    const findings = readFindings(report);
    expect(findings.map((f) => [f.check, f.severity, f.file])).toEqual([
      ['CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'src-main/shell/desk-window.ts'],
      ['OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'src-main/shell/security.ts'],
      ['CSP_GLOBAL_CHECK', 'LOW', 'src-renderer/index.html'],
    ]);
    expect(findings[1]?.sample).toBe('if (isAllowed(url, "x")) void shell.openExternal(url);');
  });

  it('fails on HIGH and MEDIUM findings no reviewed exception names, never on LOW ones', () => {
    const open = unreviewed(readFindings(report), reviewed);
    expect(open.map((f) => f.check)).toEqual(['OPEN_EXTERNAL_JS_CHECK']);
    // The same check in another file is not covered by an exception for this one.
    const elsewhere = readFindings(report.replace('src-main/shell/desk-window.ts', 'src-main/index.ts'));
    expect(unreviewed(elsewhere, reviewed).map((f) => f.check)).toEqual(['CONTEXT_ISOLATION_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK']);
  });

  it('names exceptions nothing needs any more', () => {
    expect(stale(readFindings(report), reviewed).map((e) => e.check)).toEqual(['SANDBOX_JS_CHECK']);
  });

  it('refuses a report without its header (a scan that died before writing)', () => {
    expect(() => readFindings('')).toThrow(/no header/);
  });
});
