import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { toFieldErrors } from '../../schemas/fields.schema';
import {
  attendanceRequestSchema,
  coerceFormBody,
  FORM_FIELD_KINDS,
  MAX_ATTENDEES,
  minutesApprovalSchema,
  decisionRequestSchema,
  formToObject,
  halfYearQuerySchema,
  informationRequestSchema,
  invoiceRequestSchema,
  parseFormBody,
  payoutQuerySchema,
  REQUEST_SCHEMAS,
  reallocationDecisionSchema,
  reallocationRequestSchema,
  repaymentClaimSchema,
  reportRequestSchema,
  signatureRequestSchema,
  withdrawRequestSchema,
} from '../../schemas/requests.schema';

type Schema = { safeParse(v: unknown): { success: true } | { success: false; error: import('zod/mini').core.$ZodError } };
function errorsOf(schema: Schema, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? {} : toFieldErrors(r.error);
}

describe('signatureRequestSchema', () => {
  it('sign needs no reason; decline does', () => {
    expect(signatureRequestSchema.parse({ decision: 'sign' })).toEqual({ decision: 'sign' });
    expect(errorsOf(signatureRequestSchema, { decision: 'decline' })).toEqual({
      reason: 'Skriv hvorfor du ikke vil signere.',
    });
    expect(errorsOf(signatureRequestSchema, { decision: 'decline', reason: '   ' })['reason']).toBe(
      'Skriv hvorfor du ikke vil signere.',
    );
    expect(signatureRequestSchema.parse({ decision: 'decline', reason: ' Uenig i budsjettet ' }).reason).toBe(
      'Uenig i budsjettet',
    );
  });
  it('unknown decision and unknown keys', () => {
    expect(errorsOf(signatureRequestSchema, { decision: 'maybe' })['decision']).toBe('Velg om du signerer eller avslår.');
    expect(errorsOf(signatureRequestSchema, { decision: 'sign', admin: 1 })['_form']).toBe('Ukjent felt: admin.');
  });
});

describe('decisionRequestSchema', () => {
  it('approve', () => {
    const ok = { outcome: 'approve', amount: 500_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' };
    expect(decisionRequestSchema.parse(ok)).toEqual(ok);
    expect(errorsOf(decisionRequestSchema, { ...ok, amount: 0 })['amount']).toBe('Beløpet må være større enn 0 kr.');
    expect(errorsOf(decisionRequestSchema, { ...ok, amount: 10.5 })['amount']).toBe(
      'Beløpet må være et helt antall kroner.',
    );
    expect(errorsOf(decisionRequestSchema, { ...ok, periodEnd: '2026-12-01' })['periodEnd']).toBe(
      'Sluttdato må være etter startdato.',
    );
    expect(errorsOf(decisionRequestSchema, { ...ok, periodStart: '2027-13-01' })['periodStart']).toBe(
      'Skriv en gyldig dato (DD.MM.ÅÅÅÅ).',
    );
  });
  it('reject needs a reason; defer does not', () => {
    expect(errorsOf(decisionRequestSchema, { outcome: 'reject' })['reason']).toBe('Skriv en begrunnelse for avslaget.');
    expect(errorsOf(decisionRequestSchema, { outcome: 'reject', reason: '' })['reason']).toBe(
      'Skriv en begrunnelse for avslaget.',
    );
    expect(decisionRequestSchema.parse({ outcome: 'defer' })).toEqual({ outcome: 'defer' });
  });
  it('unknown outcome and keys of another outcome', () => {
    expect(errorsOf(decisionRequestSchema, { outcome: 'maybe' })['outcome']).toBe('Velg innvilge, avslå eller utsette.');
    expect(errorsOf(decisionRequestSchema, {})['outcome']).toBe('Velg innvilge, avslå eller utsette.');
    expect(errorsOf(decisionRequestSchema, { outcome: 'defer', amount: 5 })['_form']).toBe('Ukjent felt: amount.');
  });
});

describe('the other bodies', () => {
  it('information request', () => {
    expect(informationRequestSchema.parse({ message: 'Send budsjett.' })).toEqual({ message: 'Send budsjett.' });
    expect(errorsOf(informationRequestSchema, { message: '' })['message']).toBe('Feltet må fylles ut.');
    expect(errorsOf(informationRequestSchema, { message: 'x'.repeat(4001) })['message']).toBe(
      'Teksten kan ha høyst 4 000 tegn.',
    );
  });
  it('report', () => {
    const ok = { progress: 'Godt i gang.', effect: 'Færre liggedøgn.', spentAmount: 0 };
    expect(reportRequestSchema.parse(ok)).toEqual(ok);
    expect(errorsOf(reportRequestSchema, { ...ok, spentAmount: -1 })['spentAmount']).toBe('Beløpet kan ikke være negativt.');
    expect(errorsOf(reportRequestSchema, { ...ok, spentAmount: '100' })['spentAmount']).toBe(
      'Beløpet må være et helt antall kroner.',
    );
    expect(errorsOf(reportRequestSchema, { effect: 'x', spentAmount: 1 })['progress']).toBe('Feltet må fylles ut.');
  });
  it('reallocation and its decision', () => {
    expect(reallocationRequestSchema.parse({ description: 'Flytt til opplæring', amount: 50_000 }).amount).toBe(50_000);
    expect(errorsOf(reallocationRequestSchema, { description: 'x', amount: 0 })['amount']).toBe(
      'Beløpet må være større enn 0 kr.',
    );
    expect(reallocationDecisionSchema.parse({ approved: false, reason: 'Nei' })).toEqual({ approved: false, reason: 'Nei' });
    expect(errorsOf(reallocationDecisionSchema, { approved: 'yes' })['approved']).toBe('Velg godkjenn eller avslå.');
    expect(errorsOf(reallocationDecisionSchema, {})['approved']).toBe('Feltet må fylles ut.');
  });
  it('repayment claim, invoice, withdraw', () => {
    expect(repaymentClaimSchema.parse({ amount: 1000, reason: 'Ikke brukt' })).toEqual({ amount: 1000, reason: 'Ikke brukt' });
    expect(errorsOf(repaymentClaimSchema, { amount: 1000 })['reason']).toBe('Feltet må fylles ut.');
    expect(invoiceRequestSchema.parse({ invoiceNumber: ' F-2027-001 ' })).toEqual({ invoiceNumber: 'F-2027-001' });
    expect(errorsOf(invoiceRequestSchema, { invoiceNumber: 'x'.repeat(51) })['invoiceNumber']).toBe(
      'Teksten kan ha høyst 50 tegn.',
    );
    expect(withdrawRequestSchema.parse({})).toEqual({});
    expect(errorsOf(withdrawRequestSchema, { reason: 'x'.repeat(2001) })['reason']).toBe('Teksten kan ha høyst 2 000 tegn.');
  });
  it('queries', () => {
    expect(payoutQuerySchema.parse({ projectNumber: 'R-11326-D11325', state: 'invoiced' }).state).toBe('invoiced');
    expect(errorsOf(payoutQuerySchema, { projectNumber: 'R', state: 'lost' })['state']).toBe('Ukjent utbetalingsstatus.');
    expect(halfYearQuerySchema.parse({ from: '2027-01-01', to: '2027-06-30', format: 'csv' }).format).toBe('csv');
    expect(errorsOf(halfYearQuerySchema, { from: '2027-07-01', to: '2027-06-30' })['to']).toBe(
      'Til-dato kan ikke være før fra-dato.',
    );
    expect(errorsOf(halfYearQuerySchema, { from: '2027-01-01', to: '2027-06-30', format: 'xml' })['format']).toBe(
      'Velg json eller csv.',
    );
  });
});

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; additionalProperties?: unknown };

/** A request's fields by the kind a form must turn them into, read from the schema itself (a union's options together). */
function fieldKindsOf(schema: z.ZodMiniType): Record<'numbers' | 'booleans' | 'arrays' | 'records', string[]> {
  const kinds = { numbers: new Set<string>(), booleans: new Set<string>(), arrays: new Set<string>(), records: new Set<string>() };
  const visit = (s: JsonSchema) => {
    for (const option of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) visit(option);
    for (const [name, field] of Object.entries(s.properties ?? {})) {
      if (field.type === 'number' || field.type === 'integer') kinds.numbers.add(name);
      else if (field.type === 'boolean') kinds.booleans.add(name);
      else if (field.type === 'array') kinds.arrays.add(name);
      else if (field.type === 'object' && field.additionalProperties) kinds.records.add(name);
    }
  };
  visit(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
  const sorted = (set: Set<string>) => [...set].sort();
  return { numbers: sorted(kinds.numbers), booleans: sorted(kinds.booleans), arrays: sorted(kinds.arrays), records: sorted(kinds.records) };
}

describe('form posts', () => {
  it.each(Object.keys(REQUEST_SCHEMAS) as Array<keyof typeof REQUEST_SCHEMAS>)('%s: the form knows every field that is not text, and no other', (key) => {
    const declared = FORM_FIELD_KINDS[key] ?? {};
    const sorted = (...lists: Array<readonly string[] | undefined>) => lists.flatMap((l) => l ?? []).sort();
    expect({
      numbers: sorted(declared.numbers),
      booleans: sorted(declared.booleans),
      arrays: sorted(declared.lists, declared.lines),
      records: sorted(declared.lineMaps),
    }).toEqual(fieldKindsOf(REQUEST_SCHEMAS[key]));
  });
  it('coerces the known number and boolean fields', () => {
    expect(coerceFormBody('decision', { outcome: 'approve', amount: '250 000', periodStart: '2027-01-01', periodEnd: '2027-06-30', comment: '' })).toEqual({
      outcome: 'approve',
      amount: 250_000,
      periodStart: '2027-01-01',
      periodEnd: '2027-06-30',
    });
    expect(coerceFormBody('reallocationDecision', { approved: 'on' })).toEqual({ approved: true });
    expect(coerceFormBody('reallocationDecision', { approved: 'false' })).toEqual({ approved: false });
    expect(formToObject({ approved: 'true', spentAmount: '1 000', progress: 'x' })).toEqual({
      approved: true,
      spentAmount: 1000,
      progress: 'x',
    });
  });
  it('checkbox lists: one ticked is a list of one, none ticked an empty list; the repayment choice is a boolean', () => {
    expect(coerceFormBody('recommendation', { recommended: 'true', participants: 'user-representative' })).toEqual({ recommended: true, participants: ['user-representative'] });
    expect(coerceFormBody('recommendation', { recommended: 'false' })).toEqual({ recommended: false, participants: [] });
    expect(parseFormBody('recommendation', { recommended: 'true', participants: ['municipality', 'styret'] }).success).toBe(false);
    expect(coerceFormBody('repaymentClaim', { amount: '5 000', reason: 'x', endGrant: 'false' })).toEqual({ amount: 5000, reason: 'x', endGrant: false });
  });
  it('a bad number stays text and is reported in Norwegian', () => {
    const r = parseFormBody('report', { progress: 'p', effect: 'e', spentAmount: '1 000,50' });
    expect(r.success).toBe(false);
    expect(toFieldErrors(r.error!)['spentAmount']).toBe('Beløpet må være et helt antall kroner.');
  });
  it('ignores prototype-pollution keys', () => {
    const form = Object.assign(Object.create(null) as Record<string, string>, {
      'constructor.prototype.x': '1',
      'prototype': '1',
      reason: 'r',
    });
    Object.defineProperty(form, '__proto__', { value: 'x', enumerable: true });
    const out = coerceFormBody('withdraw', form);
    expect(out).toEqual({ reason: 'r' });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(withdrawRequestSchema.parse(out)).toEqual({ reason: 'r' });
  });
  it('parseFormBody parses a decline', () => {
    const r = parseFormBody('signature', { decision: 'decline', reason: 'Uenig' });
    expect(r.success && r.data).toEqual({ decision: 'decline', reason: 'Uenig' });
  });
});

describe('attendanceRequestSchema', () => {
  it('takes who was present (at least one) and who sent apologies, each trimmed', () => {
    expect(attendanceRequestSchema.parse({ present: [' Kari Nordmann, leder ', 'Ola Hansen'], absent: ['Per Olsen'] })).toEqual({
      present: ['Kari Nordmann, leder', 'Ola Hansen'],
      absent: ['Per Olsen'],
    });
    expect(attendanceRequestSchema.parse({ present: ['Kari'] })).toEqual({ present: ['Kari'] });
    expect(errorsOf(attendanceRequestSchema, { present: [] })['present']).toBe('Skriv hvem som var til stede, én person per linje.');
    expect(errorsOf(attendanceRequestSchema, {})['present']).toBe('Feltet må fylles ut.');
    expect(errorsOf(attendanceRequestSchema, { present: 'Kari' })['present']).toBe('Feltet må være en liste.');
  });

  it('names the line that is empty or too long, and bounds the list', () => {
    expect(errorsOf(attendanceRequestSchema, { present: ['Kari', '  '] })['present']).toBe('Linje 2 er tom. Skriv én person per linje.');
    expect(errorsOf(attendanceRequestSchema, { present: ['Kari'], absent: ['x'.repeat(201)] })['absent']).toBe('Linje 1 har mer enn 200 tegn. Skriv én person per linje.');
    expect(attendanceRequestSchema.safeParse({ present: ['x'.repeat(200)] }).success).toBe(true);
    const many = Array.from({ length: MAX_ATTENDEES + 1 }, (_, i) => `Person ${i}`);
    expect(errorsOf(attendanceRequestSchema, { present: many })['present']).toBe(`Skriv høyst ${MAX_ATTENDEES} personer.`);
    expect(errorsOf(attendanceRequestSchema, { present: ['Kari'], admin: true })['_form']).toBe('Ukjent felt: admin.');
  });

  it('refuses the same person both present and absent (any letter case)', () => {
    expect(errorsOf(attendanceRequestSchema, { present: ['Kari Nordmann', 'Ola'], absent: ['kari nordmann'] })['absent']).toBe(
      'kari nordmann står både som til stede og med forfall.',
    );
  });

  it('reads the form\'s text areas one person per line, without the blank lines', () => {
    expect(coerceFormBody('attendance', { present: 'Kari Nordmann, leder\r\n\r\n  Ola Hansen  \n', absent: '' })).toEqual({ present: ['Kari Nordmann, leder', 'Ola Hansen'], absent: [] });
    expect(coerceFormBody('attendance', {})).toEqual({ present: [], absent: [] });
  });
});

describe('minutesApprovalSchema', () => {
  it('takes an optional note, bounded', () => {
    expect(minutesApprovalSchema.parse({})).toEqual({});
    expect(minutesApprovalSchema.parse({ note: ' Godkjent i FSU-møtet 14. januar ' })).toEqual({ note: 'Godkjent i FSU-møtet 14. januar' });
    expect(errorsOf(minutesApprovalSchema, { note: 'x'.repeat(2001) })['note']).toBe('Teksten kan ha høyst 2 000 tegn.');
  });
});

describe('dates typed the Norwegian way', () => {
  it('a form without a date picker may post 01.03.2027 or 1.3.2027: read as 2027-03-01; anything else is an error in the Norwegian format', () => {
    for (const typed of ['01.03.2027', '1.3.2027', ' 2027-03-01 ']) {
      expect(parseFormBody('deadlineRequest', { dueDate: typed, reason: 'Sykdom' })).toMatchObject({ success: true, data: { dueDate: '2027-03-01' } });
    }
    for (const typed of ['31.02.2027', '1/3/2027', '2027.03.01']) {
      const r = parseFormBody('deadlineRequest', { dueDate: typed, reason: 'Sykdom' });
      expect(r.success).toBe(false);
      expect(toFieldErrors(r.error!)['dueDate']).toBe('Skriv en gyldig dato (DD.MM.ÅÅÅÅ).');
    }
  });
});
