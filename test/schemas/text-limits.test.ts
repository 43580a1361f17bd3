// The forms' maxlength attributes come from the schemas' own limits, so they cannot drift apart.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { limitAt, textLimits } from '../../schemas/text-limits';
import { applicationTextLimits, MAX_CHANGE_NOTE } from '../../schemas/application.schema';
import { requestTextLimits } from '../../schemas/requests.schema';
import { APPLICATION_TEXT_LIMITS } from '../../schemas/application-limits';
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

  it('the application form\'s limits (kept apart from its schema, which the form pages do not bundle) are the schema\'s', () => {
    expect(APPLICATION_TEXT_LIMITS).toEqual(Object.fromEntries(applicationTextLimits()));
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
