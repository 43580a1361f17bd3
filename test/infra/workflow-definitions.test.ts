import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  loadDefinition,
  placeholderName,
  placeholdersIn,
  stateMachineArnPlaceholder,
  substitute,
  taskStates,
  WORKFLOW_FILES,
  WORKFLOW_NAMES,
} from '../../workflows/definitions';

describe('workflows/definitions', () => {
  it('lists the six definition files, which exist and are JSON', () => {
    expect([...WORKFLOW_NAMES].sort()).toEqual(['application', 'final-report', 'grant', 'reallocation', 'repayment', 'revocation']);
    for (const name of WORKFLOW_NAMES) {
      expect(WORKFLOW_FILES[name]).toMatch(new RegExp(`/workflows/${name}\\.asl\\.json$`));
      expect(() => JSON.parse(readFileSync(WORKFLOW_FILES[name], 'utf8'))).not.toThrow();
    }
  });

  it('loadDefinition returns the exact file text and its placeholders', () => {
    for (const name of WORKFLOW_NAMES) {
      const definition = loadDefinition(name);
      expect(definition.text).toBe(readFileSync(WORKFLOW_FILES[name], 'utf8'));
      expect(definition.placeholders).toEqual(placeholdersIn(definition.text));
      expect(definition.placeholders.length).toBeGreaterThan(0);
    }
    expect(() => loadDefinition('nope' as never)).toThrow(/Unknown workflow/);
  });

  it('finds ${Name} placeholders but not JSONPath', () => {
    const text = '{"a":"${B}","b":"${A_1}","c.$":"$.x","d.$":"$$.Task.Token","e":"${B}","f":"$ {C}"}';
    expect(placeholdersIn(text)).toEqual(['A_1', 'B']);
  });

  it('substitute replaces every occurrence verbatim, like DefinitionSubstitutions', () => {
    const text = '{"x":"${Fn}","y":"${Fn}","z":"${Bus}","p.$":"$.a"}';
    const out = substitute(text, { Fn: 'arn:aws:lambda:eu-north-1:000000000000:function:f', Bus: 'bus', Extra: 'ignored' });
    expect(out).toBe(
      '{"x":"arn:aws:lambda:eu-north-1:000000000000:function:f","y":"arn:aws:lambda:eu-north-1:000000000000:function:f","z":"bus","p.$":"$.a"}',
    );
  });

  it('substitute refuses missing values and values that would break the JSON', () => {
    expect(() => substitute('{"x":"${A}","y":"${B}"}', { A: 'a' })).toThrow(/B/);
    expect(() => substitute('{"x":"${A}"}', { A: 'a"b' })).toThrow(/quote/);
  });

  it('every definition, substituted, is valid JSON with no placeholder left', () => {
    for (const name of WORKFLOW_NAMES) {
      const definition = loadDefinition(name);
      const values = Object.fromEntries(definition.placeholders.map((p) => [p, `arn:aws:local:eu-north-1:000000000000:${p}`]));
      const text = substitute(definition.text, values);
      expect(placeholdersIn(text)).toEqual([]);
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('taskStates finds the Task states and their integrations', () => {
    const tasks = taskStates(loadDefinition('grant').text);
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.resource.startsWith('arn:aws:states:::'))).toBe(true);
    const nested = JSON.stringify({
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [{ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'r1', Parameters: { a: 1 }, End: true } } }], Next: 'M' },
        M: { Type: 'Map', ItemProcessor: { StartAt: 'U', States: { U: { Type: 'Task', Resource: 'r2', End: true } } }, End: true },
      },
    });
    expect(taskStates(nested).map((t) => [t.stateName, t.resource])).toEqual([
      ['T', 'r1'],
      ['U', 'r2'],
    ]);
  });

  it('names machine-ARN placeholders and recognises a bare placeholder', () => {
    expect(stateMachineArnPlaceholder('final-report')).toBe('FinalReportStateMachineArn');
    expect(stateMachineArnPlaceholder('grant')).toBe('GrantStateMachineArn');
    expect(placeholderName('${X}')).toBe('X');
    expect(placeholderName('a${X}')).toBeUndefined();
    expect(placeholderName(1)).toBeUndefined();
  });
});
