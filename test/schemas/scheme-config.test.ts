import { describe, expect, it } from 'vitest';
import { getScheme, SCHEMES } from '../../config/schemes';
import { helseNordLvs } from '../../config/schemes/helse-nord-lvs';
import { innlandet } from '../../config/schemes/innlandet';
import { midtNorgeSondreTrondelag } from '../../config/schemes/midt-norge-sondre-trondelag';
import { sorRogaland } from '../../config/schemes/sor-rogaland';
import {
  NATIONAL_GUIDELINE_AREAS,
  parseSchemeConfig,
  PRIORITY_PATIENT_GROUPS,
  REPRESENTS,
  schemeConfigSchema,
} from '../../schemas/scheme-config.schema';

const minimal = () => ({
  id: 'test-scheme',
  name: 'Helsefellesskap Test',
  hospitalTrust: { name: 'Test HF', organisationNumber: '983974724', internalUnits: ['Medisinsk klinikk'] },
  committee: { shortName: 'FSU', name: 'Faglig samarbeidsutvalg' },
  secretariatEmail: 'sekretariat@test.example',
  financeEmail: 'okonomi@test.example',
  senderEmail: 'ikke-svar@test.example',
  projectNumber: 'P-1',
  criteria: [{ id: 'a', label: 'A', description: 'Kriterium A' }],
  criteriaRule: { minMet: 1 },
  yearlyPotNok: { '2027': 1_000_000 },
  meetings: [{ date: '2027-01-14', time: '09:00', title: 'Møte' }],
  halfYearReportTo: 'SSU',
});

describe('shipped scheme configurations', () => {
  it('all parse and are registered by id', () => {
    expect(Object.keys(SCHEMES).sort()).toEqual(['innlandet', 'lofoten-vesteralen-salten', 'sondre-trondelag', 'sor-rogaland']);
    expect(() => parseSchemeConfig(sorRogaland)).not.toThrow();
    expect(() => parseSchemeConfig(innlandet)).not.toThrow();
    expect(getScheme('sor-rogaland')?.committee.shortName).toBe('FSU');
    expect(getScheme('innlandet')?.committee.shortName).toBe('SSU');
    expect(getScheme('nope')).toBeUndefined();
    expect(getScheme('__proto__')).toBeUndefined();
    expect(getScheme('toString')).toBeUndefined();
  });

  it('Sør-Rogaland follows seed 002', () => {
    const s = SCHEMES['sor-rogaland']!;
    expect(s.projectNumber).toBe('R-11326-D11325');
    expect(s.hospitalTrust.organisationNumber).toBe('983974678');
    expect(s.hospitalTrust.internalUnits).toContain('Kvinneklinikken');
    expect(s.submissionLeadDays).toBe(14);
    expect(s.maxPeriodMonths).toBe(12);
    expect(s.statusReportAfterMonths).toBe(6);
    expect(s.criteria).toHaveLength(4);
    expect(s.criteriaRule.minMet).toBe(s.criteria.length);
    expect(s.halfYearReportTo).toBe('SSU');
    expect(s.yearlyPotNok['2026']).toBe(10_000_000);
    expect(s.yearlyPotNok['2027']).toBe(10_000_000);
    expect(s.meetings[0]!.date > '2026-11-22').toBe(true);
    expect(s.meetings.at(-1)!.date.startsWith('2027')).toBe(true);
  });

  it('Sør-Rogaland\'s register has the four service-model groups and the five councils of seed 002', () => {
    const groups = SCHEMES['sor-rogaland']!.anchoring!.groups;
    expect(groups.filter((g) => g.kind === 'service-model-group')).toHaveLength(4);
    const councils = groups.filter((g) => g.kind === 'professional-council').map((g) => g.name);
    for (const part of ['2d', '6', '7', '9', '11']) expect(councils.some((n) => n.includes(`(delavtale ${part})`)), part).toBe(true);
    for (const g of groups) expect(g.leaderEmail).not.toBe(g.deputyLeaderEmail);
  });

  it('Innlandet follows seed 000', () => {
    const s = SCHEMES['innlandet']!;
    expect(s.hospitalTrust.organisationNumber).toBe('983971709');
    expect(s.criteria.map((c) => c.id)).toEqual(['operations', 'development', 'implementation']);
    expect(s.criteriaRule.minMet).toBe(1);
    expect(s.yearlyPotNok['2027']).toBe(10_700_000);
    expect(s.meetings[0]!.date > '2026-11-22').toBe(true);
    expect(s.meetings.at(-1)!.date.startsWith('2027')).toBe(true);
    // "Tiltak som tildeles midler anmerkes i handlingsdelen, og status på handlingsdel rapporteres i SSU møte."
    expect(s.actionPlan?.title).toBe('handlingsdelen av strategiplanen for Helsefellesskap Innlandet');
  });

  it('only Innlandet has an action part', () => {
    expect(Object.values(SCHEMES).filter((s) => s.actionPlan).map((s) => s.id)).toEqual(['innlandet']);
  });

  it('the single-level schemes have no preparation step', () => {
    expect(SCHEMES['sor-rogaland']!.preparation).toBeUndefined();
    expect(SCHEMES['innlandet']!.preparation).toBeUndefined();
  });

  it('Helse Nord (Lofoten, Vesterålen, Salten) follows seeds 001 and 004: ranked, then KU decides', () => {
    expect(() => parseSchemeConfig(helseNordLvs)).not.toThrow();
    const s = SCHEMES['lofoten-vesteralen-salten']!;
    expect(s.hospitalTrust.name).toBe('Nordlandssykehuset HF');
    expect(s.hospitalTrust.organisationNumber).toBe('983974910');
    expect(s.hospitalTrust.internalUnits).toContain('Nordlandssykehuset Vesterålen');
    expect(s.committee.shortName).toBe('KU');
    expect(s.preparation?.ranked).toBe(true);
    expect(s.preparation?.members).toEqual([]);
    expect(s.criteria.map((c) => c.id)).toEqual(['co-location', 'flexible-beds', 'municipal-24h-units', 'digital-team-models']);
    // Recommended areas, "positive til andre initiativ": none is required.
    expect(s.criteriaRule.minMet).toBe(0);
    expect(s.yearlyPotNok['2026']).toBe(11_000_000);
    expect(s.yearlyPotNok['2027']).toBe(11_000_000);
    expect(s.meetings[0]!.date > '2026-11-22').toBe(true);
    expect(s.meetings.at(-1)!.date.startsWith('2027')).toBe(true);
    expect(s.meetings.some((m) => m.date.slice(5, 7) === '07')).toBe(false);
  });

  it('Midt-Norge (søndre Trøndelag) follows seed 003: AU with one of each kind, then ASU decides', () => {
    expect(() => parseSchemeConfig(midtNorgeSondreTrondelag)).not.toThrow();
    const s = SCHEMES['sondre-trondelag']!;
    expect(s.hospitalTrust.name).toBe('St. Olavs hospital HF');
    expect(s.hospitalTrust.organisationNumber).toBe('883974832');
    expect(s.committee.shortName).toBe('ASU');
    expect(s.preparation?.body.shortName).toBe('AU');
    expect(s.preparation?.ranked).toBe(false);
    const kinds = s.preparation!.members.map((m) => m.represents);
    expect(kinds).toHaveLength(REPRESENTS.length);
    expect([...kinds].sort()).toEqual([...REPRESENTS].sort());
    // One member per kind: a recommendation records the members who took part by whom they represent.
    const twice = { ...midtNorgeSondreTrondelag, preparation: { ...midtNorgeSondreTrondelag.preparation, members: [...midtNorgeSondreTrondelag.preparation.members.slice(0, 2), { represents: 'municipality' as const, title: 'En til' }] } };
    expect(() => parseSchemeConfig(twice)).toThrow(/duplicate member \(represents\) id 'municipality'/);
    expect(s.criteriaRule.minMet).toBe(1);
    expect(s.yearlyPotNok['2026']).toBe(11_170_000);
    expect(s.yearlyPotNok['2027']).toBe(11_170_000);
    expect(s.halfYearReportTo).toBeUndefined(); // the seed sets no half-yearly report
    expect(s.meetings[0]!.date > '2026-11-22').toBe(true);
    expect(s.meetings.at(-1)!.date.startsWith('2027')).toBe(true);
    expect(s.meetings.some((m) => m.date.slice(5, 7) === '07')).toBe(false);
  });
});

describe('schemeConfigSchema', () => {
  it('fills the defaults', () => {
    const s = parseSchemeConfig(minimal());
    expect(s.submissionLeadDays).toBe(14);
    expect(s.maxPeriodMonths).toBe(12);
    expect(s.statusReportAfterMonths).toBe(6);
    expect(s.finalReportDueDays).toBe(60);
    expect(s.linkValidityDays).toBe(60);
    expect(s.timeZone).toBe('Europe/Oslo');
    expect(s.reminders).toEqual({
      submissionDeadlineDaysBefore: [7, 1],
      reportDueDaysBefore: [14],
      overdueEveryDays: 14,
      maxOverdueReminders: 12,
      overdueCopiesToSecretariat: 1,
      cosignEveryDays: 7,
      invoiceAfterDays: 30,
      maxInvoiceReminders: 3,
    });
    expect(s.guidelineAreas.map((a) => a.id)).toEqual([
      'waiting-times',
      'recruitment',
      'priority-groups',
      'small-hospitals',
      'cost-shift',
    ]);
    expect(s.guidelineAreas).toEqual(NATIONAL_GUIDELINE_AREAS.map((a) => ({ ...a })));
    expect(s.priorityPatientGroups).toEqual(PRIORITY_PATIENT_GROUPS.map((g) => ({ ...g })));
  });

  it('an anchoring register needs groups with unique ids, a known kind and the leaders\' addresses', () => {
    const group = { id: 'tmg-eldre', kind: 'service-model-group', name: 'TMG eldre', leaderEmail: 'leder@test.example', deputyLeaderEmail: 'nestleder@test.example' };
    expect(parseSchemeConfig({ ...minimal(), anchoring: { allowDirect: true, groups: [group] } }).anchoring?.groups).toEqual([group]);
    expect(() => parseSchemeConfig({ ...minimal(), anchoring: { allowDirect: true } })).toThrow(/anchoring\.groups/);
    expect(() => parseSchemeConfig({ ...minimal(), anchoring: { allowDirect: true, groups: [] } })).toThrow(/anchoring\.groups/);
    expect(() => parseSchemeConfig({ ...minimal(), anchoring: { allowDirect: true, groups: [group, group] } })).toThrow(/duplicate anchoring group id 'tmg-eldre'/);
    expect(() => parseSchemeConfig({ ...minimal(), anchoring: { allowDirect: true, groups: [{ ...group, kind: 'utvalg' }] } })).toThrow(/anchoring\.groups\.0\.kind/);
    expect(() => parseSchemeConfig({ ...minimal(), anchoring: { allowDirect: true, groups: [{ ...group, leaderEmail: 'ikke en adresse' }] } })).toThrow(/leaderEmail/);
  });

  it('partial reminders keep the other defaults', () => {
    const s = parseSchemeConfig({ ...minimal(), reminders: { cosignEveryDays: 3 } });
    expect(s.reminders.cosignEveryDays).toBe(3);
    expect(s.reminders.overdueEveryDays).toBe(14);
  });

  it('rejects minMet above the number of criteria, naming the path', () => {
    expect(() => parseSchemeConfig({ ...minimal(), criteriaRule: { minMet: 2 } })).toThrow(/criteriaRule\.minMet/);
  });

  it('rejects unsorted, duplicate and impossible meeting dates', () => {
    const m = (date: string) => ({ date, time: '09:00', title: 'Møte' });
    expect(() => parseSchemeConfig({ ...minimal(), meetings: [m('2027-02-01'), m('2027-01-01')] })).toThrow(
      /meetings\.1\.date/,
    );
    expect(() => parseSchemeConfig({ ...minimal(), meetings: [m('2027-02-01'), m('2027-02-01')] })).toThrow(
      /meetings\.1\.date/,
    );
    expect(() => parseSchemeConfig({ ...minimal(), meetings: [m('2027-02-30')] })).toThrow(/meetings\.0\.date/);
    expect(() =>
      parseSchemeConfig({ ...minimal(), meetings: [{ date: '2027-01-01', time: '24:00', title: 'x' }] }),
    ).toThrow(/meetings\.0\.time/);
  });

  it('marks a meeting that takes no new applications (application rounds) with a boolean', () => {
    const meetings = [{ date: '2027-01-14', time: '09:00', title: 'Runde 1' }, { date: '2027-02-11', time: '09:00', title: 'Mellom rundene', newApplications: false }];
    expect(parseSchemeConfig({ ...minimal(), meetings }).meetings[1]).toEqual(meetings[1]);
    expect(() => parseSchemeConfig({ ...minimal(), meetings: [{ ...meetings[1], newApplications: 'nei' }] })).toThrow(/meetings\.0\.newApplications/);
  });

  it('rejects a wrong hospital-trust organisation number, unknown keys and bad slugs', () => {
    const wrong = { ...minimal(), hospitalTrust: { ...minimal().hospitalTrust, organisationNumber: '983974725' } };
    expect(() => parseSchemeConfig(wrong)).toThrow(/hospitalTrust\.organisationNumber/);
    expect(() => parseSchemeConfig({ ...minimal(), extra: true })).toThrow(/Invalid scheme configuration 'test-scheme'/);
    expect(() => parseSchemeConfig({ ...minimal(), id: 'Not A Slug' })).toThrow(/\bid\b/);
    expect(() => parseSchemeConfig({ ...minimal(), timeZone: 'Europe/Stockholm' })).toThrow(/timeZone/);
    expect(() => parseSchemeConfig({ ...minimal(), yearlyPotNok: { '27': 1 } })).toThrow(/yearlyPotNok/);
  });

  it("the hospital trust's data protection officer is optional, and an address when given", () => {
    expect(parseSchemeConfig(minimal()).hospitalTrust.dataProtectionOfficerEmail).toBeUndefined();
    const trust = (address: string) => ({ ...minimal(), hospitalTrust: { ...minimal().hospitalTrust, dataProtectionOfficerEmail: address } });
    expect(parseSchemeConfig(trust('personvernombud@test.example')).hospitalTrust.dataProtectionOfficerEmail).toBe('personvernombud@test.example');
    expect(() => parseSchemeConfig(trust('personvernombudet'))).toThrow(/hospitalTrust\.dataProtectionOfficerEmail/);
  });

  it("the hospital trust's own text about the legal basis is optional, and 1-1000 characters when given", () => {
    expect(parseSchemeConfig(minimal()).hospitalTrust.legalBasis).toBeUndefined();
    const trust = (legalBasis: string) => ({ ...minimal(), hospitalTrust: { ...minimal().hospitalTrust, legalBasis } });
    expect(parseSchemeConfig(trust('  Oppgaven følger av oppdragsdokumentet. ')).hospitalTrust.legalBasis).toBe('Oppgaven følger av oppdragsdokumentet.');
    expect(parseSchemeConfig(trust('x'.repeat(1000))).hospitalTrust.legalBasis).toHaveLength(1000);
    expect(() => parseSchemeConfig(trust(' '))).toThrow(/hospitalTrust\.legalBasis/);
    expect(() => parseSchemeConfig(trust('x'.repeat(1001)))).toThrow(/hospitalTrust\.legalBasis/);
  });

  it('lists the project numbers the scheme had before: optional, bounded, without duplicates or the current one', () => {
    expect(parseSchemeConfig(minimal()).formerProjectNumbers).toBeUndefined();
    expect(parseSchemeConfig({ ...minimal(), formerProjectNumbers: [' P-0 ', 'P-00'] }).formerProjectNumbers).toEqual(['P-0', 'P-00']);
    expect(() => parseSchemeConfig({ ...minimal(), formerProjectNumbers: ['P-0', 'P-0'] })).toThrow(/formerProjectNumbers\.1: duplicate former project number 'P-0'/);
    expect(() => parseSchemeConfig({ ...minimal(), formerProjectNumbers: ['P-0', 'P-1'] })).toThrow(/formerProjectNumbers\.1: 'P-1' is the current projectNumber/);
    expect(() => parseSchemeConfig({ ...minimal(), formerProjectNumbers: ['P-1 '] })).toThrow(/formerProjectNumbers\.0/);
    expect(() => parseSchemeConfig({ ...minimal(), formerProjectNumbers: [''] })).toThrow(/formerProjectNumbers\.0/);
    expect(() => parseSchemeConfig({ ...minimal(), formerProjectNumbers: ['x'.repeat(51)] })).toThrow(/formerProjectNumbers\.0/);
    expect(() => parseSchemeConfig({ ...minimal(), formerProjectNumbers: Array.from({ length: 21 }, (_, i) => `P-0${i}`) })).toThrow(/formerProjectNumbers/);
    expect(() => parseSchemeConfig({ ...minimal(), formerProjectNumbers: 'P-0' })).toThrow(/formerProjectNumbers/);
    expect(() => parseSchemeConfig({ ...minimal(), formerProjectNumbers: [{ projectNumber: 'P-0' }] })).toThrow(/formerProjectNumbers\.0/);
  });

  it('rejects duplicate criterion ids and oversize strings', () => {
    const c = { id: 'a', label: 'A', description: 'x' };
    expect(() => parseSchemeConfig({ ...minimal(), criteria: [c, c] })).toThrow(/criteria\.1\.id/);
    expect(() => parseSchemeConfig({ ...minimal(), name: 'x'.repeat(201) })).toThrow(/name/);
  });

  it('accepts a preparation step and defaults its members to none', () => {
    const s = parseSchemeConfig({ ...minimal(), preparation: { body: { shortName: 'AU', name: 'Arbeidsutvalg' }, ranked: false } });
    expect(s.preparation).toEqual({ body: { shortName: 'AU', name: 'Arbeidsutvalg' }, ranked: false, members: [] });
    expect(parseSchemeConfig(minimal()).preparation).toBeUndefined();
  });

  it('rejects an unknown represents value and unknown keys in the preparation step, naming the path', () => {
    const preparation = {
      body: { shortName: 'AU', name: 'Arbeidsutvalg' },
      ranked: false,
      members: [{ represents: 'municipality', title: 'Representant fra kommunene' }],
    };
    expect(() => parseSchemeConfig({ ...minimal(), preparation })).not.toThrow();
    expect(() =>
      parseSchemeConfig({ ...minimal(), preparation: { ...preparation, members: [{ represents: 'politician', title: 'Ordfører' }] } }),
    ).toThrow(/preparation\.members\.0\.represents/);
    expect(() => parseSchemeConfig({ ...minimal(), preparation: { ...preparation, extra: true } })).toThrow(/preparation/);
    expect(() =>
      parseSchemeConfig({ ...minimal(), preparation: { ...preparation, body: { ...preparation.body, extra: true } } }),
    ).toThrow(/preparation\.body/);
    expect(() =>
      parseSchemeConfig({
        ...minimal(),
        preparation: { ...preparation, members: [{ ...preparation.members[0]!, extra: true }] },
      }),
    ).toThrow(/preparation\.members\.0/);
    expect(() => parseSchemeConfig({ ...minimal(), preparation: { body: preparation.body } })).toThrow(/preparation\.ranked/);
  });

  it('is strict', () => {
    expect(schemeConfigSchema().safeParse({ ...minimal(), committee: { shortName: 'FSU', name: 'x', y: 1 } }).success).toBe(
      false,
    );
  });
});
