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

  it('maps the public base URL only through a zone that holds its host, or a real ACM certificate', () => {
    const prod = stageConfig('prod');
    expect(() => parseStageConfig({ ...prod, publicDomain: { dns: 'route53', hostedZoneId: 'Z123ABC', zoneName: 'elsewhere.example' } })).toThrow(
      /publicDomain\.zoneName must be the zone of the public base URL's host tilskudd\.helsefellesskap\.example/,
    );
    expect(() => parseStageConfig({ ...prod, publicDomain: { dns: 'external', certificateArn: 'arn:aws:iam::123456789012:role/x' } })).toThrow(/must be an ACM certificate ARN/);
    const external = parseStageConfig({ ...prod, publicDomain: { dns: 'external', certificateArn: 'arn:aws:acm:eu-north-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' } });
    expect(external.publicDomain).toMatchObject({ dns: 'external' });
    expect(parseStageConfig({ ...prod, publicDomain: undefined }).publicDomain).toBeUndefined();
  });
});
