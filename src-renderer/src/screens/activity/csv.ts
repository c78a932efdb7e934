/** Characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV field. A text that a spreadsheet would run as a formula gets an
 * apostrophe in front; then RFC 4180: quoted when it holds a comma, a quote or
 * a line break, with quotes doubled.
 */
export function csvField(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows of fields as RFC 4180 CSV: comma separated, CRLF after every record. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
