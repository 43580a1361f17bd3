import { afterEach, describe, expect, it } from 'vitest';
import { dependencies, resetDependencies } from '../../functions/composition';
import { resetConfigForTests } from '../../functions/config/env';

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
});
