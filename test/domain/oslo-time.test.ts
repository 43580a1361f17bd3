import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  endOfOsloDay,
  formatNorwegianClock,
  formatNorwegianDate,
  formatNorwegianDateTime,
  isIsoDate,
  osloDateOf,
  osloInstant,
  osloTimeOf,
} from '../../functions/domain/oslo-time';

const iso = (d: Date) => d.toISOString();

describe('isIsoDate', () => {
  it.each(['2026-01-01', '2026-12-31', '2024-02-29', '2028-02-29', '2000-02-29'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });
  it.each([
    '2026-02-29', // not a leap year
    '1900-02-29', // century, not leap
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '26-01-01',
    '2026-01-01T00:00',
    ' 2026-01-01',
    '',
    '2026/01/01',
  ])('rejects %j', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});

describe('osloDateOf', () => {
  it('uses Oslo, not UTC, around midnight in winter (UTC+1)', () => {
    expect(osloDateOf(new Date('2026-01-14T22:59:59.999Z'))).toBe('2026-01-14');
    expect(osloDateOf(new Date('2026-01-14T23:00:00.000Z'))).toBe('2026-01-15');
  });
  it('uses Oslo around midnight in summer (UTC+2)', () => {
    expect(osloDateOf(new Date('2026-06-30T21:59:59.999Z'))).toBe('2026-06-30');
    expect(osloDateOf(new Date('2026-06-30T22:00:00.000Z'))).toBe('2026-07-01');
  });
  it('crosses the year in Oslo before UTC does', () => {
    expect(osloDateOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});

describe('osloTimeOf', () => {
  it('gives the Oslo wall clock with milliseconds', () => {
    expect(osloTimeOf(new Date('2026-01-15T22:59:59.999Z'))).toBe('23:59:59.999');
    expect(osloTimeOf(new Date('2026-07-01T08:05:00.000Z'))).toBe('10:05:00.000');
    expect(osloTimeOf(new Date('2026-01-15T23:00:00.000Z'))).toBe('00:00:00.000');
  });
});

describe('osloInstant', () => {
  it('converts winter and summer wall times', () => {
    expect(iso(osloInstant('2026-01-15'))).toBe('2026-01-14T23:00:00.000Z');
    expect(iso(osloInstant('2026-01-15', '10:00'))).toBe('2026-01-15T09:00:00.000Z');
    expect(iso(osloInstant('2026-07-01', '10:00'))).toBe('2026-07-01T08:00:00.000Z');
    expect(iso(osloInstant('2026-07-01', '23:59:59.999'))).toBe('2026-07-01T21:59:59.999Z');
  });

  describe('spring forward 2026-03-29 (02:00 CET → 03:00 CEST)', () => {
    it('is CET before the gap and CEST after it', () => {
      expect(iso(osloInstant('2026-03-29', '01:59'))).toBe('2026-03-29T00:59:00.000Z');
      expect(iso(osloInstant('2026-03-29', '03:00'))).toBe('2026-03-29T01:00:00.000Z');
      expect(iso(osloInstant('2026-03-29', '12:00'))).toBe('2026-03-29T10:00:00.000Z');
    });
    it('moves a nonexistent time forward to the later reading', () => {
      expect(iso(osloInstant('2026-03-29', '02:00'))).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
      expect(iso(osloInstant('2026-03-29', '02:30'))).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    });
    it('midnight of the change day and the next are 23 hours apart', () => {
      const start = osloInstant('2026-03-29').getTime();
      const next = osloInstant('2026-03-30').getTime();
      expect((next - start) / 3_600_000).toBe(23);
    });
  });

  describe('fall back 2026-10-25 (03:00 CEST → 02:00 CET)', () => {
    it('picks the first occurrence of an ambiguous time', () => {
      expect(iso(osloInstant('2026-10-25', '02:30'))).toBe('2026-10-25T00:30:00.000Z'); // CEST
    });
    it('is CEST before and CET after', () => {
      expect(iso(osloInstant('2026-10-25', '01:59'))).toBe('2026-10-24T23:59:00.000Z');
      expect(iso(osloInstant('2026-10-25', '03:00'))).toBe('2026-10-25T02:00:00.000Z');
    });
    it('midnight of the change day and the next are 25 hours apart', () => {
      const start = osloInstant('2026-10-25').getTime();
      const next = osloInstant('2026-10-26').getTime();
      expect((next - start) / 3_600_000).toBe(25);
    });
  });

  it('round-trips with osloDateOf/osloTimeOf', () => {
    for (const [date, time] of [
      ['2026-03-28', '23:59:59.999'],
      ['2026-03-29', '03:00:00.000'],
      ['2026-10-25', '01:00:00.000'],
      ['2026-10-25', '23:59:59.999'],
      ['2024-02-29', '12:34:56.789'],
    ] as const) {
      const instant = osloInstant(date, time);
      expect(osloDateOf(instant)).toBe(date);
      expect(osloTimeOf(instant)).toBe(time);
    }
  });

  it('rejects bad input', () => {
    expect(() => osloInstant('2026-02-30')).toThrow(RangeError);
    expect(() => osloInstant('2026-01-01', '24:00')).toThrow(RangeError);
    expect(() => osloInstant('2026-01-01', '10:60')).toThrow(RangeError);
    expect(() => osloInstant('2026-01-01', '9:00')).toThrow(RangeError);
  });
});

describe('endOfOsloDay', () => {
  it('is 23:59:59.999 Oslo time', () => {
    expect(iso(endOfOsloDay('2026-01-15'))).toBe('2026-01-15T22:59:59.999Z');
    expect(iso(endOfOsloDay('2026-07-01'))).toBe('2026-07-01T21:59:59.999Z');
  });
  it('is right on the DST change days', () => {
    expect(iso(endOfOsloDay('2026-03-29'))).toBe('2026-03-29T21:59:59.999Z'); // already CEST
    expect(iso(endOfOsloDay('2026-10-25'))).toBe('2026-10-25T22:59:59.999Z'); // already CET
    expect(iso(endOfOsloDay('2026-03-28'))).toBe('2026-03-28T22:59:59.999Z'); // still CET
    expect(iso(endOfOsloDay('2026-10-24'))).toBe('2026-10-24T21:59:59.999Z'); // still CEST
  });
  it('is one millisecond before the next Oslo day', () => {
    const end = endOfOsloDay('2026-12-31');
    expect(osloDateOf(end)).toBe('2026-12-31');
    expect(osloDateOf(new Date(end.getTime() + 1))).toBe('2027-01-01');
  });
});

describe('addDays', () => {
  it('adds and subtracts across month, year and leap day', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-04-12', -14)).toBe('2026-03-29');
    expect(addDays('2026-11-08', -14)).toBe('2026-10-25');
    expect(addDays('2026-05-05', 0)).toBe('2026-05-05');
  });
  it('rejects fractional days', () => {
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('keeps the day of month when it exists', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
    expect(addMonths('2026-08-15', 6)).toBe('2027-02-15');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
  it('handles leap days', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
  });
  it('does not chain clamping (one step from the original date)', () => {
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
  });
});

describe('daysBetween', () => {
  it('counts calendar days, signed', () => {
    expect(daysBetween('2026-01-01', '2026-01-15')).toBe(14);
    expect(daysBetween('2026-01-15', '2026-01-01')).toBe(-14);
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
  });
  it('is whole across DST changes', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });
});

describe('formatNorwegianDate', () => {
  it('formats as dd.mm.yyyy', () => {
    expect(formatNorwegianDate('2027-01-14')).toBe('14.01.2027');
    expect(formatNorwegianDate('2026-12-05')).toBe('05.12.2026');
  });
  it('rejects a non-date', () => {
    expect(() => formatNorwegianDate('2026-02-30')).toThrow(RangeError);
  });
});

describe('formatNorwegianClock and formatNorwegianDateTime', () => {
  it('write the time of day with a full stop, as Norwegian does, in Oslo time on either side of summer time', () => {
    expect(formatNorwegianClock('09:00')).toBe('kl. 09.00');
    expect(formatNorwegianClock('23:59:59')).toBe('kl. 23.59');
    expect(formatNorwegianDateTime(new Date('2026-11-26T22:59:59.999Z'))).toBe('26.11.2026 kl. 23.59');
    expect(formatNorwegianDateTime(new Date('2027-06-17T07:00:00.000Z'))).toBe('17.06.2027 kl. 09.00');
  });
});

describe("Oslo's offset rule against the runtime's tz database", () => {
  // The module computes the offset by the EU rule instead of asking Intl (cold start). This holds
  // the rule to the tz database the runtime ships, which a change of the rule would update.
  const tz = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Oslo',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const byTzDatabase = (instant: Date) => {
    const p = Object.fromEntries(tz.formatToParts(instant).map((part) => [part.type, part.value]));
    return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` };
  };
  const byRule = (instant: Date) => ({ date: osloDateOf(instant), time: osloTimeOf(instant).slice(0, 8) });

  it('agrees every 15 minutes from 00:00 to 03:00 UTC on each day a change can fall on, 1996–2099', () => {
    let checked = 0;
    for (let year = 1996; year < 2100; year++) {
      for (const month of [2, 9]) {
        // The last Sunday of March/October is one of the 25th–31st; the change is at 01:00 UTC.
        for (let day = 25; day <= 31; day++) {
          for (let minutes = 0; minutes < 180; minutes += 15) {
            const instant = new Date(Date.UTC(year, month, day, 0, minutes));
            expect(byRule(instant), instant.toISOString()).toEqual(byTzDatabase(instant));
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBe(104 * 2 * 7 * 12);
  });

  it('agrees at 5,000 instants spread over 2020–2100, seconds included', () => {
    const start = Date.UTC(2020, 0, 1);
    const span = Date.UTC(2100, 0, 1) - start;
    for (let i = 0; i < 5_000; i++) {
      // A fixed quasi-random spread (golden ratio) so a failure reproduces.
      const instant = new Date(start + Math.floor(((i * 0.618_033_988_75) % 1) * span));
      expect(byRule(instant), instant.toISOString()).toEqual(byTzDatabase(instant));
    }
  });

  it('turns wall times back into the instants the tz database gives, across both changes', () => {
    for (const [date, time] of [['2026-03-29', '01:59'], ['2026-03-29', '03:00'], ['2026-10-25', '01:59'], ['2026-10-25', '03:00'], ['2099-03-29', '12:00']] as const) {
      const instant = osloInstant(date, time);
      expect(byTzDatabase(instant)).toEqual({ date, time: `${time}:00` });
    }
  });
});
