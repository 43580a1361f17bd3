import { describe, expect, it } from 'vitest';
import { matchAttendee, recusalsOfAttendees } from '../../functions/domain/attendance';

const present = ['Ingrid Bø, medlem (Sandnes kommune)', 'Kari Nordmann (leder)', 'Åse Ødegård', 'Ola Hansen, Sandnes kommune', 'Ola Hansen, Helse Stavanger'];

describe('matchAttendee: a name written for a disqualification', () => {
  it('is the attendee whose name (before the first comma or parenthesis) it is, in any case of letters and spacing, Norwegian letters intact', () => {
    expect(matchAttendee(present, 'Ingrid Bø')).toEqual({ line: 'Ingrid Bø, medlem (Sandnes kommune)' });
    expect(matchAttendee(present, '  ingrid   BØ ')).toEqual({ line: 'Ingrid Bø, medlem (Sandnes kommune)' });
    expect(matchAttendee(present, 'Kari Nordmann')).toEqual({ line: 'Kari Nordmann (leder)' });
    expect(matchAttendee(present, 'åse ødegård')).toEqual({ line: 'Åse Ødegård' });
    // Composed or decomposed å is the same letter; a different letter is another name.
    expect(matchAttendee(present, 'A\u030ase Ødegård')).toEqual({ line: 'Åse Ødegård' });
    expect(matchAttendee(present, 'Ase Odegard')).toHaveProperty('problem');
    expect(matchAttendee(present, 'Ingrid Bo')).toHaveProperty('problem');
  });

  it('is the line it repeats, whole', () => {
    expect(matchAttendee(present, 'ola hansen, sandnes kommune')).toEqual({ line: 'Ola Hansen, Sandnes kommune' });
  });

  it('matches no one: says so; matches several: names them and asks for the whole line', () => {
    expect(matchAttendee(present, 'Siri Berg')).toEqual({ problem: 'Siri Berg står ikke blant dem som var til stede. Skriv navnet slik det står der.' });
    // Another role than the one under «Til stede» is not the name alone, and not the line.
    expect(matchAttendee(present, 'Ingrid Bø, Stavanger kommune')).toHaveProperty('problem');
    expect(matchAttendee(present, 'Ola Hansen')).toEqual({
      problem: 'Flere som var til stede, heter Ola Hansen: «Ola Hansen, Sandnes kommune» og «Ola Hansen, Helse Stavanger». Skriv hele linjen slik den står under «Til stede».',
    });
  });
});

describe('recusalsOfAttendees', () => {
  it('gives each case the attendees\' lines, once each, and the first problem of a case that has one', () => {
    expect(recusalsOfAttendees(present, { app_A: ['Ingrid Bø', 'ingrid bø, medlem (sandnes kommune)'], app_B: ['Kari Nordmann', 'Ola Hansen'], app_C: [] })).toEqual({
      recused: { app_A: ['Ingrid Bø, medlem (Sandnes kommune)'] },
      problems: { app_B: expect.stringMatching(/^Flere som var til stede, heter Ola Hansen:/) },
    });
  });
});
