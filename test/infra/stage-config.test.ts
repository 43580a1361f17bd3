import { RemovalPolicy } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { SCHEMES } from '../../config/schemes';
import { parseStageConfig, stageConfig, STAGE_NAMES } from '../../infra/stage-config';

describe('stage configuration', () => {
  it('dev and prod are valid and run known schemes', () => {
    for (const stage of STAGE_NAMES) {
      const config = stageConfig(stage);
      expect(config.stage).toBe(stage);
      for (const id of config.schemeIds) expect(Object.hasOwn(SCHEMES, id)).toBe(true);
    }
    expect(stageConfig('prod').staffMfa).toBe('required');
    expect(stageConfig('prod').retention.removalPolicy).toBe(RemovalPolicy.RETAIN);
  });

  it('rejects an unknown stage', () => {
    expect(() => stageConfig('staging')).toThrow(/Unknown stage 'staging'/);
  });

  it('lists every problem of a bad configuration', () => {
    const bad = {
      ...stageConfig('prod'),
      schemeIds: ['nowhere'],
      formOrigin: 'https://form.example/path',
      staffMfa: 'optional',
      mail: { identity: { type: 'domain', domain: 'tilskudd.example' }, from: 'someone@elsewhere.example' },
    };
    let message = '';
    try {
      parseStageConfig(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/schemeIds unknown scheme 'nowhere'/);
    expect(message).toMatch(/formOrigin must be an https origin/);
    expect(message).toMatch(/staffMfa prod requires MFA/);
    expect(message).toMatch(/mail\.from must be an address of the SES identity/);
  });
});
