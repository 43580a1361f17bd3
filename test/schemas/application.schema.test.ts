import querystring from 'node:querystring';
import { describe, expect, it } from 'vitest';
import { SCHEMES } from '../../config/schemes';
import { type ApplicationInput, buildApplicationSchema, exampleApplication, formToApplicationInput } from '../../schemas/application.schema';
import { toFieldErrors } from '../../schemas/fields.schema';
import { parseCleanInteger, parseFieldName } from '../../schemas/form-body';

const sr = SCHEMES['sor-rogaland']!;
const inn = SCHEMES['innlandet']!;

function errorsFor(input: unknown, scheme = sr): Record<string, string> {
  const result = buildApplicationSchema(scheme).safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? {} : toFieldErrors(result.error);
}

const mutate = (change: (a: ApplicationInput) => void, scheme = sr): ApplicationInput => {
  const a = exampleApplication(scheme);
  change(a);
  return a;
};

describe('exampleApplication', () => {
  for (const scheme of [sr, inn]) {
    it(`is valid for ${scheme.id}, both owner variants, and parses to itself`, () => {
      const schema = buildApplicationSchema(scheme);
      const example = exampleApplication(scheme);
      expect(schema.parse(example)).toEqual(example);
      const internal = exampleApplication(scheme, { owner: 'internal-unit' });
      expect(schema.parse(internal).owner.isInternalUnit).toBe(true);
      expect(example.owner.isInternalUnit).toBe(false);
    });
  }
  it('returns a fresh object every time', () => {
    const a = exampleApplication(sr);
    a.partners[0]!.email = 'changed@x.no';
    expect(exampleApplication(sr).partners[0]!.email).not.toBe('changed@x.no');
  });
});

describe('organisation numbers', () => {
  it('reports a wrong check digit', () => {
    const e = errorsFor(mutate((a) => (a.partners[0]!.organisationNumber = '964965227')));
    expect(e['partners.0.organisationNumber']).toBe('Organisasjonsnummeret har feil kontrollsiffer. Sjekk det mot Enhetsregisteret (brreg.no).');
  });
  it('reports a wrong length', () => {
    const e = errorsFor(mutate((a) => (a.partners[1]!.organisationNumber = '12345')));
    expect(e['partners.1.organisationNumber']).toBe('Organisasjonsnummeret må ha 9 siffer.');
  });
  it('accepts spaces and removes them', () => {
    const parsed = buildApplicationSchema(sr).parse(mutate((a) => (a.partners[0]!.organisationNumber = '964 965 226')));
    expect(parsed.partners[0]!.organisationNumber).toBe('964965226');
  });
});

describe('partners', () => {
  it('needs a municipality and a hospital trust', () => {
    const e = errorsFor(mutate((a) => a.partners.forEach((p) => (p.kind = 'municipality'))));
    expect(e['partners']).toBe('Søknaden må ha minst én kommune og ett helseforetak som parter.');
  });
  it('needs a municipality even with only hospital trusts', () => {
    const e = errorsFor(mutate((a) => a.partners.forEach((p) => (p.kind = 'hospital_trust'))));
    expect(e['partners']).toBe('Søknaden må ha minst én kommune og ett helseforetak som parter.');
  });
  it("needs the scheme's own hospital trust", () => {
    const e = errorsFor(mutate((a) => (a.partners[2]!.organisationNumber = '983971709')));
    expect(e['partners']).toBe('Helse Stavanger HF (org.nr. 983974678) må være med som part.');
  });
  it('rejects duplicate e-mails (case-insensitive)', () => {
    // (two partners other than the owner's: the owner's own address has its own message, below)
    const e = errorsFor(mutate((a) => (a.partners[2]!.email = a.partners[1]!.email.toUpperCase())));
    expect(mutate(() => {}).owner.partnerIndex).toBe(0);
    expect(e['partners.2.email']).toBe('E-postadressen er allerede brukt av en annen part.');
  });
  it("lets the owner sign for the owner's own organisation, never for another partner", () => {
    const base = mutate(() => {});
    const own = base.owner.partnerIndex;
    const other = own === 0 ? 1 : 0;
    expect(buildApplicationSchema(sr).safeParse(mutate((a) => (a.partners[own]!.email = a.owner.email.toUpperCase()))).success).toBe(true);
    const e = errorsFor(mutate((a) => (a.partners[other]!.email = a.owner.email.toUpperCase())));
    expect(e[`partners.${other}.email`]).toBe(`Prosjektansvarlig kan ikke signere for ${base.partners[other]!.organisationName}. Skriv e-postadressen til kontaktpersonen der.`);
  });
  it('rejects a bad e-mail and an unknown kind', () => {
    const e = errorsFor(
      mutate((a) => {
        a.partners[0]!.email = 'ikke-en-adresse';
        (a.partners[1] as { kind: string }).kind = 'company';
      }),
    );
    expect(e['partners.0.email']).toBe('Skriv en gyldig e-postadresse.');
    expect(e['partners.1.kind']).toBe('Velg kommune, helseforetak eller annen organisasjon.');
  });
  it('needs at least one and at most 20 partners', () => {
    expect(errorsFor(mutate((a) => (a.partners = [])))['partners']).toBe(
      'Søknaden må ha minst én kommune og ett helseforetak som parter.',
    );
    const many = mutate((a) => {
      a.partners = Array.from({ length: 21 }, (_, i) => ({ ...a.partners[0]!, email: `p${i}@x.no` }));
    });
    expect(errorsFor(many)['partners']).toBe('Søknaden kan ha høyst 20 parter.');
  });
  it('lower-cases and trims e-mails', () => {
    const parsed = buildApplicationSchema(sr).parse(mutate((a) => (a.owner.email = '  Kari.Nordmann@Stavanger.Kommune.Example ')));
    expect(parsed.owner.email).toBe('kari.nordmann@stavanger.kommune.example');
  });
});

describe('owner', () => {
  it('must point at an existing partner', () => {
    expect(errorsFor(mutate((a) => (a.owner.partnerIndex = 3)))['owner.partnerIndex']).toBe(
      'Prosjektansvarlig må høre til en av partene.',
    );
  });
  it('an internal unit must belong to the hospital trust and be one of its units', () => {
    expect(errorsFor(mutate((a) => (a.owner.isInternalUnit = true)))['owner.isInternalUnit']).toMatch(
      /^Bare en prosjektansvarlig i Helse Stavanger HF kan være en intern enhet/,
    );
    const wrongUnit = exampleApplication(sr, { owner: 'internal-unit' });
    wrongUnit.owner.unit = 'Kantina';
    expect(errorsFor(wrongUnit)['owner.unit']).toBe('Velg en av enhetene i Helse Stavanger HF.');
    const caseInsensitive = exampleApplication(sr, { owner: 'internal-unit' });
    caseInsensitive.owner.unit = caseInsensitive.owner.unit.toUpperCase();
    expect(buildApplicationSchema(sr).safeParse(caseInsensitive).success).toBe(true);
  });
  it("an owner in the hospital trust is one of its units (cost booking), not an invoicing owner", () => {
    const unchecked = exampleApplication(sr, { owner: 'internal-unit' });
    unchecked.owner.isInternalUnit = false;
    expect(errorsFor(unchecked)['owner.isInternalUnit']).toBe(
      'En prosjektansvarlig i Helse Stavanger HF er en enhet i helseforetaket, og kostnadene føres på prosjektnummeret. Kryss av og velg enheten.',
    );
  });
});

describe('amounts and budget', () => {
  it('reports a budget that does not add up', () => {
    const e = errorsFor(mutate((a) => (a.requestedAmount = 900_000)));
    expect(e['budget']).toBe(
      'Summen av omsøkt tilskudd i budsjettet (850 000 kr) må være lik omsøkt beløp (900 000 kr).',
    );
  });
  it('needs whole, non-negative kroner', () => {
    const e = errorsFor(
      mutate((a) => {
        a.requestedAmount = 1.5;
        a.budget[0]!.personnel = -1;
      }),
    );
    expect(e['requestedAmount']).toBe('Beløpet må være et helt antall kroner.');
    expect(e['budget.0.personnel']).toBe('Beløpet kan ikke være negativt.');
  });
  it('rejects zero and more than 50 000 000', () => {
    expect(errorsFor(mutate((a) => (a.requestedAmount = 0)))['requestedAmount']).toBe('Beløpet må være større enn 0 kr.');
    expect(errorsFor(mutate((a) => (a.requestedAmount = 50_000_001)))['requestedAmount']).toBe(
      'Beløpet kan være høyst 50 000 000 kr.',
    );
  });
  it('a string where a number belongs gets a Norwegian type error', () => {
    const e = errorsFor({ ...exampleApplication(sr), requestedAmount: '850000' });
    expect(e['requestedAmount']).toBe('Beløpet må være et helt antall kroner.');
  });
  it('one budget line per partner, pointing at a partner', () => {
    const dup = errorsFor(mutate((a) => (a.budget[1]!.partnerIndex = 0)));
    expect(dup['budget.1.partnerIndex']).toBe('Hver part kan bare ha én budsjettlinje. Slå sammen linjene, eller velg en annen part.');
    const missing = errorsFor(mutate((a) => (a.budget[2]!.partnerIndex = 7)));
    expect(missing['budget.2.partnerIndex']).toBe('Budsjettlinjen må høre til en av partene.');
  });
  it('a line for every partner, showing what each contributes (zeros allowed)', () => {
    const withoutTrust = mutate((a) => {
      const dropped = a.budget.pop()!;
      a.budget[0]!.requestedGrant += dropped.requestedGrant;
    });
    expect(errorsFor(withoutTrust)['budget']).toBe(`Budsjettet mangler en linje for ${withoutTrust.partners[2]!.organisationName}. Hver part skal vise hva den bidrar med (0 kr er lov).`);
    // A partner with no name yet is named as the form names it ("Part 3").
    const unnamed = mutate((a) => {
      const dropped = a.budget.pop()!;
      a.budget[0]!.requestedGrant += dropped.requestedGrant;
      a.partners[2]!.organisationName = '';
    });
    expect(errorsFor(unnamed)['budget']).toBe('Budsjettet mangler en linje for part 3. Hver part skal vise hva den bidrar med (0 kr er lov).');
    const zeros = mutate((a) => {
      const line = a.budget[1]!;
      a.budget[0]!.requestedGrant += line.requestedGrant;
      Object.assign(line, { personnel: 0, money: 0, purchases: 0, equipment: 0, requestedGrant: 0 });
    });
    expect(buildApplicationSchema(sr).safeParse(zeros).success).toBe(true);
  });
});

describe('period', () => {
  it('accepts exactly 12 months and rejects 12 months + 1 day', () => {
    expect(buildApplicationSchema(sr).safeParse(mutate((a) => (a.periodEnd = '2027-12-31'))).success).toBe(true);
    const e = errorsFor(mutate((a) => (a.periodEnd = '2028-01-01')));
    expect(e['periodEnd']).toBe('Perioden kan være høyst 12 måneder (siste mulige sluttdato er 31.12.2027).');
  });
  it('end must be after start', () => {
    expect(errorsFor(mutate((a) => (a.periodEnd = '2026-12-31')))['periodEnd']).toBe('Sluttdato må være etter startdato.');
  });
  it('dates must exist', () => {
    const e = errorsFor(mutate((a) => (a.periodStart = '2027-02-29')));
    expect(e['periodStart']).toBe('Skriv en gyldig dato (DD.MM.ÅÅÅÅ).');
  });
  it('follows the scheme limit', () => {
    const six = { ...sr, maxPeriodMonths: 6 };
    expect(errorsFor(exampleApplication(six), six)['periodEnd']).toMatch(/^Perioden kan være høyst 6 måneder/);
  });
});

describe('continues (the case number of the grant it continues)', () => {
  it('is optional, trimmed, and has the form of a case number', () => {
    expect(buildApplicationSchema(sr).parse(exampleApplication(sr)).continues).toBeUndefined();
    expect(buildApplicationSchema(sr).parse(mutate((a) => (a.continues = ' app_Ab3-_x9ZZq1w2e3r '))).continues).toBe('app_Ab3-_x9ZZq1w2e3r');
    for (const bad of ['app_kort', 'sak 42', 'app_Ab3-_x9ZZq1w2e3r4', 'APP_Ab3-_x9ZZq1w2e3r']) {
      expect(errorsFor(mutate((a) => (a.continues = bad)))['continues'], bad).toBe('Skriv saksnummeret slik det står i vedtaksbrevet: app_ fulgt av 16 tegn.');
    }
    expect(errorsFor(mutate((a) => ((a as unknown as { continues: number }).continues = 42)))['continues']).toBe('Skriv saksnummeret slik det står i vedtaksbrevet: app_ fulgt av 16 tegn.');
  });
  it('an empty form field is no continuation', () => {
    const form = querystring.parse(querystring.stringify({ continues: '' }));
    expect(formToApplicationInput(form as Record<string, string>)).not.toHaveProperty('continues');
  });
});

describe('criteria, guideline areas, patient groups', () => {
  it('Innlandet with zero criteria fails', () => {
    const e = errorsFor(mutate((a) => (a.criteriaMet = []), inn), inn);
    expect(e['criteriaMet']).toBe('Velg minst 1 kriterium.');
  });
  it('Innlandet with one criterion passes', () => {
    expect(buildApplicationSchema(inn).safeParse(mutate((a) => (a.criteriaMet = ['implementation']), inn)).success).toBe(
      true,
    );
  });
  it('Helse Nord: the development areas are recommended, so an application may name none (other initiatives are welcome)', () => {
    const nord = SCHEMES['lofoten-vesteralen-salten']!;
    expect(buildApplicationSchema(nord).safeParse(mutate((a) => (a.criteriaMet = []), nord)).success).toBe(true);
  });
  it('Sør-Rogaland needs all four', () => {
    const e = errorsFor(mutate((a) => (a.criteriaMet = a.criteriaMet.slice(0, 3))));
    expect(e['criteriaMet']).toBe('Kryss av for alle 4 kriteriene: FSU vurderer søknaden etter alle.');
  });
  it('unknown and duplicate ids', () => {
    const e = errorsFor(
      mutate((a) => {
        a.criteriaMet = ['operations', ...a.criteriaMet];
        a.guidelineAreas = ['moon-landing'];
        a.priorityPatientGroups = ['discharge-ready', 'discharge-ready'];
      }),
    );
    expect(e['criteriaMet.0']).toBe('Ukjent kriterium: operations.');
    expect(e['guidelineAreas.0']).toBe('Ukjent område: moon-landing.');
    expect(e['priorityPatientGroups.1']).toBe('Pasientgruppen er valgt mer enn én gang.');
  });
  it('needs at least one guideline area', () => {
    expect(errorsFor(mutate((a) => (a.guidelineAreas = [])))['guidelineAreas']).toBe(
      'Velg minst ett område i de nasjonale føringene.',
    );
  });
  it('Innlandet also takes "andre behov" instead of a guideline area (000), and only Innlandet', () => {
    const other = 'Felles kompetanseløft i legemiddelhåndtering, forankret i strategiplanens handlingsdel.';
    expect(inn.allowOtherNeed).toBe(true);
    expect(sr.allowOtherNeed).toBe(false);
    const parsed = buildApplicationSchema(inn).parse(mutate((a) => ((a.guidelineAreas = []), (a.otherNeed = other)), inn));
    expect(parsed).toMatchObject({ guidelineAreas: [], otherNeed: other });
    expect(errorsFor(mutate((a) => ((a.guidelineAreas = []), (a.otherNeed = '  ')), inn), inn)['guidelineAreas']).toBe(
      'Velg minst ett område i de nasjonale føringene, eller beskriv hvilket annet behov tiltaket dekker.',
    );
    expect(errorsFor(mutate((a) => (a.otherNeed = other)))['otherNeed']).toBe(
      'Helsefellesskapet i Sør-Rogaland gir tilskudd bare til tiltak innenfor de nasjonale føringene; velg område i stedet.',
    );
    expect(buildApplicationSchema(sr).safeParse(mutate((a) => (a.otherNeed = ''))).success).toBe(true);
  });
});

describe('shape', () => {
  it('unknown keys are named', () => {
    expect(errorsFor({ ...exampleApplication(sr), hacker: true })['_form']).toBe('Ukjent felt: hacker.');
    const nested = exampleApplication(sr) as unknown as { owner: Record<string, unknown> };
    nested.owner.admin = true;
    expect(errorsFor(nested)['owner']).toBe('Ukjent felt: admin.');
  });
  it('missing fields and wrong types are Norwegian', () => {
    const { title: _t, ...noTitle } = exampleApplication(sr);
    expect(errorsFor(noTitle)['title']).toBe('Feltet må fylles ut.');
    expect(errorsFor({ ...exampleApplication(sr), title: 42 })['title']).toBe('Feltet må være tekst.');
    expect(errorsFor({ ...exampleApplication(sr), title: '   ' })['title']).toBe('Feltet må fylles ut.');
    expect(errorsFor({ ...exampleApplication(sr), title: 'ab' })['title']).toBe('Teksten må ha minst 3 tegn.');
    expect(errorsFor({ ...exampleApplication(sr), criteriaMet: 'x' })['criteriaMet']).toBe('Feltet må være en liste.');
    expect(errorsFor('nope')['_form']).toBe('Feltet har ugyldig format.');
  });
  it('oversize strings and arrays', () => {
    const e = errorsFor(
      mutate((a) => {
        a.summary = 'x'.repeat(2001);
        a.challenge = 'x'.repeat(4001);
        a.expectedEffect.citizen = 'x'.repeat(2001);
        a.patientResponsibility = 'x'.repeat(2001);
        a.partners[0]!.email = `${'a'.repeat(250)}@x.no`;
        a.guidelineAreas = Array.from({ length: 21 }, () => 'recruitment');
      }),
    );
    expect(e['summary']).toBe('Teksten kan ha høyst 2 000 tegn.');
    expect(e['challenge']).toBe('Teksten kan ha høyst 4 000 tegn.');
    expect(e['expectedEffect.citizen']).toBe('Teksten kan ha høyst 2 000 tegn.');
    expect(e['patientResponsibility']).toBe('Teksten kan ha høyst 2 000 tegn.');
    expect(e['partners.0.email']).toBe('Skriv en gyldig e-postadresse.');
    expect(e['guidelineAreas']).toBe('Du kan velge høyst 20 områder.');
  });
  it('patientResponsibility is optional', () => {
    const { patientResponsibility: _p, ...rest } = exampleApplication(sr);
    expect(buildApplicationSchema(sr).safeParse(rest).success).toBe(true);
  });
  it('all messages are Norwegian (no zod English leaks) for a hostile body', () => {
    const result = buildApplicationSchema(sr).safeParse({
      title: [],
      partners: [null, 5, { kind: 1 }],
      owner: 'x',
      budget: [{}],
      expectedEffect: {},
      anchoring: { kind: 'x' },
      requestedAmount: Number.MAX_SAFE_INTEGER + 2,
    });
    expect(result.success).toBe(false);
    for (const issue of result.error!.issues) expect(issue.message).not.toMatch(/Invalid|expected|received/i);
  });
});

describe('anchoring (scheme.anchoring)', () => {
  const direct = { kind: 'direct' as const, justification: 'Prosjektet er drøftet i samhandlingsavdelingen og med kommuneoverlegene.' };
  it('Sør-Rogaland asks where the project is anchored', () => {
    const { anchoring: _a, ...rest } = exampleApplication(sr);
    expect(errorsFor(rest)['anchoring.kind']).toBe('Velg hvor prosjektet er forankret.');
    expect(errorsFor(mutate((a) => (a.anchoring = { kind: 'x' } as never)))['anchoring.kind']).toBe('Velg hvor prosjektet er forankret.');
  });
  it('a group is one of the register\'s, by id: the applicant types no leader\'s address', () => {
    expect(buildApplicationSchema(sr).parse(mutate((a) => (a.anchoring = { kind: 'group', groupId: 'fagrad-ikt' }))).anchoring).toEqual({ kind: 'group', groupId: 'fagrad-ikt' });
    expect(errorsFor(mutate((a) => (a.anchoring = { kind: 'group' } as never)))['anchoring.groupId']).toBe('Feltet må fylles ut.');
    expect(errorsFor(mutate((a) => (a.anchoring = { kind: 'group', groupId: 'tmg-som-ikke-finnes' })))['anchoring.groupId']).toBe(
      'Velg en av tjenestemodellgruppene eller fagrådene i Helsefellesskapet i Sør-Rogaland.',
    );
    // Addresses typed beside the id, as the form asked before the register, are refused, not stored.
    const typed = { kind: 'group', groupId: 'fagrad-ikt', leaderEmail: 'hvem-som-helst@example.com' };
    expect(errorsFor(mutate((a) => (a.anchoring = typed as never)))['anchoring']).toBe('Ukjent felt: leaderEmail.');
    // The kinds the applicant used to choose are no longer a way in.
    const old = { kind: 'professional-council', name: 'TMG', leaderEmail: 'a@b.no', deputyLeaderEmail: 'c@d.no' };
    expect(errorsFor(mutate((a) => (a.anchoring = old as never)))['anchoring.kind']).toBe('Velg hvor prosjektet er forankret.');
  });
  it('Sør-Rogaland lets a project go directly to FSU with a justification (002 4.2), and only with one', () => {
    expect(buildApplicationSchema(sr).parse(mutate((a) => (a.anchoring = direct))).anchoring).toEqual(direct);
    expect(errorsFor(mutate((a) => (a.anchoring = { kind: 'direct', justification: ' ' })))['anchoring.justification']).toBe('Feltet må fylles ut.');
    expect(errorsFor(mutate((a) => (a.anchoring = { ...direct, leaderEmail: 'x@y.no' } as never)))['anchoring']).toBe('Ukjent felt: leaderEmail.');
  });
  it('a scheme with groups and no direct way refuses a direct project', () => {
    const strict = { ...sr, anchoring: { ...sr.anchoring!, allowDirect: false } };
    expect(errorsFor(mutate((a) => (a.anchoring = direct)), strict)['anchoring.kind']).toBe(
      'Prosjektet må være forankret i en tjenestemodellgruppe eller et fagråd før det sendes til FSU.',
    );
  });
  it('a scheme without such groups asks nothing, and refuses an anchoring', () => {
    expect(inn.anchoring).toBeUndefined();
    expect(exampleApplication(inn).anchoring).toBeUndefined();
    const withGroup = { ...exampleApplication(inn), anchoring: exampleApplication(sr).anchoring };
    expect(errorsFor(withGroup, inn)['anchoring']).toBe('Helsefellesskap Innlandet har ikke tjenestemodellgrupper eller fagråd; send søknaden uten forankring.');
  });
  it('the form sends only the fields of the chosen kind (it has no script to hide the others)', () => {
    const form = { 'anchoring.kind': 'direct', 'anchoring.groupId': 'fagrad-ikt', 'anchoring.justification': direct.justification };
    expect((formToApplicationInput(form) as ApplicationInput).anchoring).toEqual(direct);
    const group = { 'anchoring.kind': 'group', 'anchoring.groupId': 'fagrad-ikt', 'anchoring.justification': '' };
    expect((formToApplicationInput(group) as ApplicationInput).anchoring).toEqual({ kind: 'group', groupId: 'fagrad-ikt' });
    expect((formToApplicationInput({ title: 'x' }) as ApplicationInput).anchoring).toBeUndefined();
  });
});

describe('toFieldErrors', () => {
  it('keeps the first message per path and puts root issues under _form', () => {
    const e = errorsFor({ ...exampleApplication(sr), extra: 1, title: '' });
    expect(e).toEqual({ _form: 'Ukjent felt: extra.', title: 'Feltet må fylles ut.' });
  });
});

describe('formToApplicationInput', () => {
  const toForm = (a: ApplicationInput): Record<string, string | string[]> => {
    const form: Record<string, string | string[]> = {
      title: a.title,
      summary: a.summary,
      challenge: a.challenge,
      need: a.need,
      'expectedEffect.citizen': a.expectedEffect.citizen,
      'expectedEffect.hospital': a.expectedEffect.hospital,
      'expectedEffect.municipality': a.expectedEffect.municipality,
      criteriaMet: a.criteriaMet,
      guidelineAreas: a.guidelineAreas,
      priorityPatientGroups: a.priorityPatientGroups,
      'owner.partnerIndex': String(a.owner.partnerIndex),
      'owner.name': a.owner.name,
      'owner.email': a.owner.email,
      'owner.unit': a.owner.unit,
      requestedAmount: '850 000',
      periodStart: a.periodStart,
      periodEnd: a.periodEnd,
      patientResponsibility: a.patientResponsibility ?? '',
    };
    for (const [k, v] of Object.entries(a.anchoring ?? {})) form[`anchoring.${k}`] = v;
    a.partners.forEach((p, i) => {
      for (const [k, v] of Object.entries(p)) form[`partners.${i}.${k}`] = String(v);
    });
    a.budget.forEach((b, i) => {
      for (const [k, v] of Object.entries(b)) form[`budget.${i}.${k}`] = String(v);
    });
    return form;
  };

  it('round-trips the example, with "250 000" style numbers', () => {
    const example = exampleApplication(sr);
    const form = toForm(example);
    form['budget.2.requestedGrant'] = '250 000';
    expect(buildApplicationSchema(sr).parse(formToApplicationInput(form))).toEqual(example);
  });

  it('the checkbox owner.isInternalUnit: on/true/ja → true, absent → false', () => {
    const example = exampleApplication(sr, { owner: 'internal-unit' });
    for (const v of ['on', 'true', 'ja']) {
      const out = formToApplicationInput({ ...toForm(example), 'owner.isInternalUnit': v }) as ApplicationInput;
      expect(out.owner.isInternalUnit).toBe(true);
    }
    const unchecked = formToApplicationInput(toForm(exampleApplication(sr))) as ApplicationInput;
    expect(unchecked.owner.isInternalUnit).toBe(false);
    const hiddenPlusBox = formToApplicationInput({ ...toForm(example), 'owner.isInternalUnit': ['false', 'on'] });
    expect((hiddenPlusBox as ApplicationInput).owner.isInternalUnit).toBe(true);
    expect(buildApplicationSchema(sr).parse(hiddenPlusBox)).toEqual(example);
  });

  it('a bad number stays text and gets a Norwegian error', () => {
    const form = { ...toForm(exampleApplication(sr)), requestedAmount: '850 000,50', 'budget.0.money': '12a' };
    const e = errorsFor(formToApplicationInput(form));
    expect(e['requestedAmount']).toBe('Beløpet må være et helt antall kroner.');
    expect(e['budget.0.money']).toBe('Beløpet må være et helt antall kroner.');
  });

  it('single checkbox values become lists; none checked becomes []', () => {
    const form = toForm(exampleApplication(inn));
    form.criteriaMet = 'operations';
    delete form.priorityPatientGroups;
    const out = formToApplicationInput(form) as ApplicationInput;
    expect(out.criteriaMet).toEqual(['operations']);
    expect(out.priorityPatientGroups).toEqual([]);
    delete form.criteriaMet;
    expect(errorsFor(formToApplicationInput(form), inn)['criteriaMet']).toBe('Velg minst 1 kriterium.');
  });

  it('empty optional fields are omitted, empty required fields are reported', () => {
    const form = { ...toForm(exampleApplication(sr)), patientResponsibility: '', title: '  ' };
    const out = formToApplicationInput(form) as Record<string, unknown>;
    expect(Object.hasOwn(out, 'patientResponsibility')).toBe(false);
    expect(errorsFor(out)['title']).toBe('Feltet må fylles ut.');
  });

  it('a group of fields left all empty is checked field by field: each error names a control of the form', () => {
    const form = toForm(exampleApplication(sr));
    const emptied = (prefix: string) => ({ ...form, ...Object.fromEntries(Object.keys(form).filter((k) => k.startsWith(prefix)).map((k) => [k, ''])) });
    expect(errorsFor(formToApplicationInput(emptied('expectedEffect.')))).toEqual({
      'expectedEffect.citizen': 'Feltet må fylles ut.',
      'expectedEffect.hospital': 'Feltet må fylles ut.',
      'expectedEffect.municipality': 'Feltet må fylles ut.',
    });
    expect(Object.keys(errorsFor(formToApplicationInput(emptied('owner.'))))).toEqual(['owner.partnerIndex', 'owner.name', 'owner.email', 'owner.unit']);
    expect(errorsFor(formToApplicationInput(emptied('budget.')))).toEqual({ budget: 'Budsjettet må ha minst én linje.' });
  });

  it('drops trailing empty rows and keeps row numbers for gaps', () => {
    const form = { ...toForm(exampleApplication(sr)), 'partners.4.organisationName': '', 'partners.4.email': '' };
    expect((formToApplicationInput(form) as ApplicationInput).partners).toHaveLength(3);
    const gap = { ...toForm(exampleApplication(sr)), 'partners.4.organisationName': 'Klepp kommune' };
    const e = errorsFor(formToApplicationInput(gap));
    expect(e['partners.3.organisationName']).toBe('Feltet må fylles ut.');
    expect(e['partners.4.organisationNumber']).toBe('Feltet må fylles ut.');
  });

  it('empty budget amounts in a used row mean 0', () => {
    const form = toForm(exampleApplication(sr));
    form['budget.1.equipment'] = '';
    const out = formToApplicationInput(form) as ApplicationInput;
    expect(out.budget[1]!.equipment).toBe(0);
  });

  it('ignores prototype-pollution keys and indices above 19', () => {
    const hostile = querystring.parse(
      [
        '__proto__.polluted=yes',
        '__proto__=x',
        'constructor.prototype.polluted=yes',
        'partners.0.__proto__=x',
        'partners%5B0%5D%5B__proto__%5D%5Bpolluted%5D=yes',
        'owner.constructor=x',
        'prototype=x',
        'partners.20.email=x%40y.no',
        'partners.999999999.email=x%40y.no',
        'a.b.c.d.e.f=deep',
      ].join('&'),
    );
    expect(Object.keys(hostile)).toContain('__proto__');
    const form = Object.assign(Object.create(null) as Record<string, string | string[]>, toForm(exampleApplication(sr)));
    for (const key of Object.keys(hostile)) form[key] = hostile[key]!;
    const out = formToApplicationInput(form) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getPrototypeOf((out.partners as object[])[0])).toBe(Object.prototype);
    expect((out.partners as unknown[]).length).toBe(3);
    expect(Object.keys(out)).not.toContain('__proto__');
    expect(Object.keys(out)).not.toContain('prototype');
    expect(Object.keys(out)).not.toContain('a');
    expect(buildApplicationSchema(sr).parse(out)).toEqual(exampleApplication(sr));
  });

  it('unknown form fields reach the schema and are named', () => {
    const e = errorsFor(formToApplicationInput({ ...toForm(exampleApplication(sr)), status: 'approved' }));
    expect(e['_form']).toBe('Ukjent felt: status.');
  });

  it('supports bracket names', () => {
    expect(parseFieldName('partners[1][email]')).toEqual(['partners', 1, 'email']);
    expect(parseFieldName('criteriaMet[]')).toEqual(['criteriaMet']);
    expect(parseFieldName('partners[20][email]')).toBeUndefined();
    expect(parseFieldName('0.email')).toBeUndefined();
  });
});

describe('parseCleanInteger', () => {
  it.each([
    ['250000', 250000],
    ['250 000', 250000],
    ['1 250 000', 1250000],
    ['250\u00a0000', 250000],
    [' 42 ', 42],
    ['-5', -5],
  ])('%s → %d', (raw, n) => expect(parseCleanInteger(raw)).toBe(n));
  it.each(['25 00', '250,5', '1.5', '12a', '', '1e3', '99999999999999999999'])('%s stays text', (raw) =>
    expect(parseCleanInteger(raw)).toBe(raw),
  );
});
