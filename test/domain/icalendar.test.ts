import { describe, expect, it } from 'vitest';
import { foldLine, icsCalendar, icsText } from '../../functions/domain/icalendar';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('iCalendar text', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(icsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds lines at 75 octets, never inside a character, and unfolding gives the line back', () => {
    const line = `SUMMARY:${'Søknadsfrist for FSU-møtet – ø æ å '.repeat(8)}`;
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const [i, l] of lines.entries()) {
      expect(octets(l)).toBeLessThanOrEqual(75);
      if (i > 0) expect(l.startsWith(' ')).toBe(true);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });
});

describe('icsCalendar', () => {
  it('publishes all-day events with CRLF line endings', () => {
    const ics = icsCalendar({
      productId: '-//Test//NO',
      name: 'Søknadsfrister, Sør-Rogaland',
      now: new Date('2026-11-20T09:00:00.000Z'),
      events: [
        { uid: 'a@x', date: '2026-11-26', summary: 'Søknadsfrist: FSU-møtet 10.12.2026', description: 'Innen utgangen av dagen; signert', url: 'https://x/soknad/ny/s' },
        { uid: 'b@x', date: '2027-01-14', summary: 'Søknadsfrist: FSU-møtet 28.01.2027', description: 'B', url: 'https://x/soknad/ny/s' },
      ],
    });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    const lines = ics.split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//NO']);
    expect(lines).toContain('X-WR-CALNAME:Søknadsfrister\\, Sør-Rogaland');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('DTSTART;VALUE=DATE:20261126');
    expect(lines).toContain('DTSTAMP:20261120T090000Z');
    expect(lines).toContain('DESCRIPTION:Innen utgangen av dagen\\; signert');
    expect(lines).toContain('UID:b@x');
  });
});
