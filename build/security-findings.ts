/**
 * Electronegativity's findings, read from its CSV report and held against the reviewed exceptions.
 * The tool exits 0 on HIGH findings (and 1 when its online version lookup fails, with or without
 * findings), so its exit code says nothing: the gate reads the report.
 */

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
}

/** A finding the team reviewed and accepted, with the reason a reviewer can check. */
export interface ReviewedException {
  check: string;
  /** The scanned file, relative to the scanned folder ("N/A" for the tool's global checks). */
  file: string;
  reason: string;
}

const gating = new Set(['HIGH', 'MEDIUM']);

/** One CSV line into fields: quoted fields may hold commas and doubled quotes. */
function fieldsOf(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field.trim());
      field = '';
    } else field += char;
  }
  fields.push(field.trim());
  return fields;
}

export function readFindings(csv: string): Finding[] {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = fieldsOf(lines[0] ?? '');
  if (header[0] !== 'issue' || header[1] !== 'severity') {
    throw new Error('The electronegativity report has no header line; the scan did not finish.');
  }
  return lines.slice(1).map((line) => {
    const [check = '', severity = '', confidence = '', file = '', location = '', sample = ''] = fieldsOf(line);
    return { check, severity, confidence, file, location, sample };
  });
}

/** HIGH and MEDIUM findings no reviewed exception covers: each one fails the gate. */
export function unreviewed(findings: readonly Finding[], exceptions: readonly ReviewedException[]): Finding[] {
  return findings.filter(
    (finding) => gating.has(finding.severity) && !exceptions.some((e) => e.check === finding.check && e.file === finding.file),
  );
}

/** Exceptions no finding needs any more: the reason went away, so the exception should too. */
export function stale(findings: readonly Finding[], exceptions: readonly ReviewedException[]): ReviewedException[] {
  return exceptions.filter((e) => !findings.some((finding) => finding.check === e.check && finding.file === e.file));
}
