import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, config, loadConfig, resetConfigForTests } from '../../functions/config/env';

describe('loadConfig', () => {
  it('applies the defaults', () => {
    expect(loadConfig({ TABLE_NAME: 'grants' })).toEqual({
      TABLE_NAME: 'grants',
      AWS_REGION: 'eu-north-1',
      MAIL_FROM: 'ikke-svar@tilskudd.example',
      PUBLIC_BASE_URL: 'http://localhost:3000',
      LOG_LEVEL: 'INFO',
    });
  });

  it('parses every variable and returns a frozen object', () => {
    const cfg = loadConfig({
      TABLE_NAME: 'grants-prod',
      AWS_REGION: 'eu-west-1',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567',
      SES_ENDPOINT: 'http://127.0.0.1:8005',
      SFN_ENDPOINT: 'http://127.0.0.1:8083',
      MAIL_FROM: 'FSU Sør-Rogaland <ikke-svar@helse-stavanger.example>',
      PUBLIC_BASE_URL: 'https://tilskudd.example/',
      STATE_MACHINE_ARNS: JSON.stringify({ lifecycle: 'arn:aws:states:eu-north-1:123456789012:stateMachine:lifecycle' }),
      PAYOUT_EVENT_BUS: 'payouts',
      LOG_LEVEL: 'debug',
      UNRELATED: 'ignored',
    });
    expect(cfg).toMatchObject({
      AWS_REGION: 'eu-west-1',
      PUBLIC_BASE_URL: 'https://tilskudd.example',
      STATE_MACHINE_ARNS: { lifecycle: 'arn:aws:states:eu-north-1:123456789012:stateMachine:lifecycle' },
      LOG_LEVEL: 'DEBUG',
    });
    expect(cfg).not.toHaveProperty('UNRELATED');
    expect(Object.isFrozen(cfg)).toBe(true);
    expect(Object.isFrozen(cfg.STATE_MACHINE_ARNS)).toBe(true);
    expect(() => {
      (cfg as { TABLE_NAME: string }).TABLE_NAME = 'x';
    }).toThrow(TypeError);
  });

  it('treats empty strings as unset', () => {
    const cfg = loadConfig({ TABLE_NAME: 'grants', SES_ENDPOINT: '', LOG_LEVEL: ' ', AWS_REGION: '' });
    expect(cfg.SES_ENDPOINT).toBeUndefined();
    expect(cfg.LOG_LEVEL).toBe('INFO');
    expect(cfg.AWS_REGION).toBe('eu-north-1');
  });

  it('throws one error listing every bad variable, without their values', () => {
    let error: unknown;
    try {
      loadConfig({
        AWS_REGION: 'Norway',
        SES_ENDPOINT: 'not a url',
        MAIL_FROM: 'nobody',
        STATE_MACHINE_ARNS: '{not json',
        SFN_ENDPOINT: 'secret-name',
        LOG_LEVEL: 'LOUD',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    const named = problems.map((p) => p.split(' ')[0]);
    expect(named).toEqual(['TABLE_NAME', 'AWS_REGION', 'SES_ENDPOINT', 'SFN_ENDPOINT', 'MAIL_FROM', 'STATE_MACHINE_ARNS', 'LOG_LEVEL']);
    expect(message).toContain('TABLE_NAME is required');
    expect(message).not.toContain('secret-name');
    expect(message).not.toContain('not a url');
  });

  it('validates the state machine map', () => {
    expect(() => loadConfig({ TABLE_NAME: 'grants', STATE_MACHINE_ARNS: '{"lifecycle": 5}' })).toThrow(/STATE_MACHINE_ARNS\.lifecycle/);
    expect(() => loadConfig({ TABLE_NAME: 'grants', STATE_MACHINE_ARNS: '["arn:aws:states:x"]' })).toThrow(/STATE_MACHINE_ARNS/);
  });
});

describe('config()', () => {
  const saved = process.env.TABLE_NAME;
  afterEach(() => {
    if (saved === undefined) delete process.env.TABLE_NAME;
    else process.env.TABLE_NAME = saved;
    resetConfigForTests();
  });

  it('parses process.env once and caches the result', () => {
    resetConfigForTests();
    process.env.TABLE_NAME = 'first-table';
    const first = config();
    process.env.TABLE_NAME = 'second-table';
    expect(config()).toBe(first);
    expect(config().TABLE_NAME).toBe('first-table');
    resetConfigForTests();
    expect(config().TABLE_NAME).toBe('second-table');
  });
});

describe('SCHEME_IDS', () => {
  it('takes the staff sign-in (pool, pages client, domain) all together or not at all', () => {
    const signIn = { STAFF_USER_POOL_ID: 'eu-north-1_AbC123', STAFF_PAGES_CLIENT_ID: '4k3j2h1g0f', STAFF_SIGN_IN_URL: 'https://tilskudd-test.auth.eu-north-1.amazoncognito.com/' };
    expect(loadConfig({ TABLE_NAME: 'grants', ...signIn })).toMatchObject({ ...signIn, STAFF_SIGN_IN_URL: 'https://tilskudd-test.auth.eu-north-1.amazoncognito.com' });
    expect(() => loadConfig({ TABLE_NAME: 'grants', STAFF_USER_POOL_ID: signIn.STAFF_USER_POOL_ID })).toThrow(/STAFF_SIGN_IN_URL and STAFF_USER_POOL_ID and STAFF_PAGES_CLIENT_ID must be set together/);
    expect(() => loadConfig({ TABLE_NAME: 'grants', ...signIn, STAFF_USER_POOL_ID: 'pool' })).toThrow(/STAFF_USER_POOL_ID must be a Cognito user pool id/);
    expect(() => loadConfig({ TABLE_NAME: 'grants', ...signIn, STAFF_SIGN_IN_URL: 'javascript:alert(1)' })).toThrow(/STAFF_SIGN_IN_URL must be an http\(s\) URL/);
  });

  it('lists the communities a deployment runs, and rejects anything else', () => {
    expect(loadConfig({ TABLE_NAME: 'grants', SCHEME_IDS: 'sor-rogaland,innlandet' }).SCHEME_IDS).toEqual(['sor-rogaland', 'innlandet']);
    expect(loadConfig({ TABLE_NAME: 'grants' }).SCHEME_IDS).toBeUndefined();
    expect(() => loadConfig({ TABLE_NAME: 'grants', SCHEME_IDS: 'sor rogaland;x' })).toThrow(/SCHEME_IDS/);
  });
});
