// The forms' maxlength attributes come from the schemas' own limits, so they cannot drift apart.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { limitAt, textLimits } from '../../schemas/text-limits';
import { readFileSync } from 'node:fs';
import { applicationTextLimits, MAX_CHANGE_NOTE } from '../../schemas/application.schema';
import { REQUEST_SCHEMAS } from '../../schemas/requests.schema';
import { requestTextLimits } from '../../schemas/request-limits';
import { GENERATED_FILES } from '../../schemas/form-limits.generate';
import { toFormBody } from '../../functions/pages/forms';

describe('text limits', () => {
  it('reads max lengths through objects, lists, optional fields and unions; a control names its row by number', () => {
    const schema = z.strictObject({
      title: z.string().check(z.maxLength(200)),
      rows: z.array(z.strictObject({ email: z.optional(z.string().check(z.trim(), z.maxLength(254))), amount: z.number() })),
      either: z.union([z.string().check(z.maxLength(10)), z.string().check(z.maxLength(5))]),
      free: z.string(),
    });
    const limits = textLimits(schema);
    expect(Object.fromEntries(limits)).toEqual({ title: 200, 'rows.*.email': 254, either: 5 });
    expect(limitAt(limits, 'rows.3.email')).toBe(254);
    expect(limitAt(limits, 'rows.3.amount')).toBeUndefined();
    expect(limitAt(limits, 'free')).toBeUndefined();
  });

  it('the pages\' tables of limits (kept apart from the schemas, which the pages do not bundle) are generated from the schemas as they are now', () => {
    for (const [file, source] of Object.entries(GENERATED_FILES)) {
      expect(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), `${file} is stale: npm run generate:form-limits`).toBe(source());
    }
    for (const key of Object.keys(REQUEST_SCHEMAS) as (keyof typeof REQUEST_SCHEMAS)[]) {
      expect(requestTextLimits(key), key).toEqual(textLimits(REQUEST_SCHEMAS[key]));
    }
  });

  it('the application form and the requests have theirs from their schemas', () => {
    const application = applicationTextLimits();
    expect(limitAt(application, 'title')).toBe(200);
    expect(limitAt(application, 'partners.0.email')).toBe(254);
    expect(limitAt(application, 'changeNote')).toBe(MAX_CHANGE_NOTE);
    expect(limitAt(requestTextLimits('ownerMessage'), 'message')).toBe(4000);
  });

  it('a form post counts a line break as one character, as the browser did against maxlength', () => {
    expect(toFormBody({ message: 'a\r\nb\rc\nd', list: ['x\r\ny'] })).toEqual({ message: 'a\nb\nc\nd', list: ['x\ny'] });
  });
});
