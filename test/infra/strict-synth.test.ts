// The one strict synthesis: CloudFormation template validation ON and cdk-nag ON, prod stage.
// Asset bundling stays off: neither check reads the bundles.
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendsOnEveryIdentity, synthesize, validationReport, type SynthesizedApp } from './cdk-app';

let built: SynthesizedApp;
beforeAll(() => {
  built = synthesize('prod', { cloudFormationValidation: true });
}, 60_000);
afterAll(() => built?.cleanup());

describe('strict synth (prod): CloudFormation validation and cdk-nag', () => {
  it('reports no unacknowledged error or warning from any validation plugin', () => {
    const report = validationReport(built.outdir);
    const findings = report.pluginReports.flatMap((r) =>
      r.violations.map((v) => `${r.pluginName} ${v.severity} ${v.ruleName} @ ${(v.violatingConstructs ?? []).map((c) => c.constructPath).join(', ')}`),
    );
    expect(findings).toEqual([]);
  });

  it('prod (out of the SES sandbox): the mail-sending roles send on the stage identity only', () => {
    expect(sendsOnEveryIdentity(built.stateless_)).toBe(false);
    expect(sendsOnEveryIdentity(built.pages_)).toBe(false);
  });

  it('no error or warning annotations on any stack', () => {
    for (const stack of [built.stateful, built.stateless, built.pages]) {
      const annotations = Annotations.fromStack(stack);
      expect(annotations.findError('*', Match.anyValue()), stack.stackName).toEqual([]);
      expect(annotations.findWarning('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
  });
});
