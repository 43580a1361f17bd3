// Spreadsheet downloads (pure): semicolon-separated with a BOM, which is what Norwegian Excel opens
// correctly. Text that Excel would run as a formula is neutralised; numbers stay numbers.

export type CsvColumns<Row> = ReadonlyArray<readonly [label: string, value: (row: Row) => string | number | undefined]>;

export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<Row>(columns: CsvColumns<Row>, rows: readonly Row[]): string {
  const lines = [columns.map(([label]) => csvCell(label)).join(';'), ...rows.map((row) => columns.map(([, value]) => csvCell(value(row))).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
