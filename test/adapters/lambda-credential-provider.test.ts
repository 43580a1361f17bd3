import { afterEach, describe, expect, it } from 'vitest';
import * as realChain from '@aws-sdk/credential-provider-node';
import { defaultProvider } from '../../functions/adapters/lambda-credential-provider';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('Lambda credential provider (stands in for the default chain in Lambda bundles)', () => {
  it('has the export the SDK clients call', () => {
    expect(typeof realChain.defaultProvider).toBe('function');
    expect(typeof defaultProvider).toBe('function');
  });

  it("returns the role credentials Lambda puts in the environment", async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_SESSION_TOKEN = 'session';
    const credentials = await defaultProvider({})();
    expect(credentials).toMatchObject({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' });
  });

  it('fails loudly without them instead of trying other sources', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    await expect(defaultProvider()()).rejects.toThrow();
  });
});
