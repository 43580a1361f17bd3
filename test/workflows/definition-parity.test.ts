// One definition of each workflow: the local runtime runs exactly what the CDK app synthesizes.
import validator from 'asl-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_SUBSTITUTIONS } from '../../local/lifecycle-runtime';
import { substitute, WORKFLOW_NAMES, type WorkflowName } from '../../workflows/definitions';
import { synthesize, type SynthesizedApp } from '../infra/cdk-app';
import { activeGrant, application, APPROVAL, DAY, decide, REPORT, scheduled, startHarness, type Harness } from '../support/local-system';

let built: SynthesizedApp;
let h: Harness;

function synthesizedDefinition(name: WorkflowName): string {
  const machine = built.stateless.workflows.machines[name];
  const logicalId = built.stateless.getLogicalId(machine.node.defaultChild as never);
  const resource = (built.stateless_.toJSON().Resources as Record<string, { Properties: { DefinitionString: unknown } }>)[logicalId]!;
  expect(typeof resource.Properties.DefinitionString, `${name} is inline text`).toBe('string');
  return resource.Properties.DefinitionString as string;
}

describe('the definitions the local runtime runs are the synthesized ones', () => {
  beforeAll(async () => {
    built = synthesize('dev');
    h = await startHarness();
    // Exercise every machine so the runtime has loaded and run each definition.
    const { id, ownerLink, statusReportLink } = await activeGrant(h);
    const reallocation = await h.call('POST', `/api/owner/${ownerLink}/reallocations`, { description: 'Flytte midler', amount: 10_000 });
    await h.system.settle();
    await h.call('POST', `/api/staff/applications/${id}/reallocations/${reallocation.body.id}`, { approved: true }, 'secretariat');
    // A second grant, taken back before it is paid.
    const unpaid = await scheduled(h, application({ title: 'Tilskudd som trekkes tilbake' }));
    await decide(h, unpaid.id, APPROVAL);
    await h.call('POST', `/api/staff/applications/${unpaid.id}/revocation`, { reason: 'Prosjektet blir ikke gjennomført.' }, 'secretariat');
    await h.call('POST', `/api/reports/${statusReportLink}`, REPORT);
    await h.system.advance(420 * DAY); // past the period's end: the final-report phase starts
    await h.call('POST', `/api/staff/applications/${id}/repayment-claims`, { amount: 1_000, reason: 'Ubrukte midler' }, 'secretariat');
    await h.system.settle();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    built?.cleanup();
  });

  it.each(WORKFLOW_NAMES)('%s: byte-identical after the same substitutions CloudFormation makes', (name) => {
    const executed = h.system.lifecycle.runtime.executedDefinitions().get(name);
    expect(executed, `${name} was executed`).toBeDefined();
    expect(executed === substitute(synthesizedDefinition(name), LOCAL_SUBSTITUTIONS)).toBe(true);
  });

  it.each(WORKFLOW_NAMES)('%s: the synthesized definition passes asl-validator', (name) => {
    const definition = JSON.parse(substitute(synthesizedDefinition(name), LOCAL_SUBSTITUTIONS)) as Record<string, unknown>;
    const result = validator(definition);
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });
});
