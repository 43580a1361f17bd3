import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../functions/domain/csv';

describe('CSV for Excel', () => {
  it('neutralises text Excel would run as a formula, quotes separators, and keeps numbers as numbers', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('-5 kr')).toBe("'-5 kr");
    expect(csvCell('@kommune')).toBe("'@kommune");
    expect(csvCell('Team; "Dalane"')).toBe('"Team; ""Dalane"""');
    expect(csvCell('linje 1\nlinje 2')).toBe('"linje 1\nlinje 2"');
    expect(csvCell(-25_000)).toBe('-25000');
    expect(csvCell(undefined)).toBe('');
  });

  it('writes a BOM, the header and one line per row, CRLF-separated', () => {
    const rows = [{ id: 'a', amount: 1 }, { id: 'b', amount: -2 }];
    expect(toCsv([['Id', (r: (typeof rows)[number]) => r.id], ['Beløp', (r) => r.amount]], rows)).toBe('\uFEFFId;Beløp\r\na;1\r\nb;-2\r\n');
  });
});
