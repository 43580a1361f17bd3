import { afterEach, describe, expect, it } from 'vitest';
import { dependencies, overrideDependencies, resetDependencies, wire } from '../../functions/composition';
import { resetConfigForTests } from '../../functions/config/env';
import { SesMailer } from '../../functions/adapters/ses-mailer';
import { StepFunctionsWorkflow } from '../../functions/adapters/step-functions-workflow';
import type { Mailer } from '../../functions/ports/mailer';
import { sesMailer } from '../../functions/wiring/ses-mailer.wiring';
import { stepFunctions } from '../../functions/wiring/step-functions.wiring';

describe('the composition root', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetConfigForTests();
    resetDependencies();
  });

  it('knows only the communities the deployment runs (SCHEME_IDS)', () => {
    Object.assign(process.env, { TABLE_NAME: 'grants', SCHEME_IDS: 'innlandet' });
    resetConfigForTests();
    resetDependencies();
    const deps = dependencies();
    expect(deps.scheme('innlandet')?.committee.shortName).toBe('SSU');
    expect(deps.scheme('sor-rogaland')).toBeUndefined();
  });

  it('knows every configured community when SCHEME_IDS is unset', () => {
    Object.assign(process.env, { TABLE_NAME: 'grants' });
    delete process.env.SCHEME_IDS;
    resetConfigForTests();
    resetDependencies();
    expect(dependencies().scheme('sor-rogaland')?.projectNumber).toBe('R-11326-D11325');
  });

  // In this order: the wiring is per module (per Lambda), so a part once wired stays wired here.
  it('a part the function does not wire names itself when used (a logged 500, not a silent no-op)', () => {
    Object.assign(process.env, { TABLE_NAME: 'grants' });
    resetConfigForTests();
    resetDependencies();
    const deps = dependencies();
    expect(() => deps.mailer.send).toThrow(/'mailer' is not wired into this function/);
    expect(() => deps.workflow.startLifecycle).toThrow(/'workflow' is not wired/);
    expect(() => deps.staffSignIn.verify).toThrow(/'staffSignIn' is not wired/);
    // Inspecting or awaiting it is harmless.
    expect(String(Object.prototype.toString.call(deps.mailer))).toBe('[object Object]');
  });

  it('a wired part is built from the environment, also when wired after the first use', () => {
    Object.assign(process.env, { TABLE_NAME: 'grants', MAIL_FROM: 'ikke-svar@tilskudd.example' });
    resetConfigForTests();
    resetDependencies();
    dependencies();
    wire(stepFunctions);
    expect(dependencies().workflow).toBeInstanceOf(StepFunctionsWorkflow);
    resetDependencies();
    wire(sesMailer);
    expect(dependencies().mailer).toBeInstanceOf(SesMailer);
  });

  it('a part given by overrideDependencies (tests, the local runtime) stays when a module wires it later', () => {
    Object.assign(process.env, { TABLE_NAME: 'grants' });
    resetConfigForTests();
    resetDependencies();
    const recording: Mailer = { send: async () => ({ sent: true }) } as unknown as Mailer;
    overrideDependencies({ mailer: recording });
    wire(sesMailer);
    expect(dependencies().mailer).toBe(recording);
  });
});
