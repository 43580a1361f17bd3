import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as realChain from '@aws-sdk/credential-provider-node';
import { defaultProvider } from '../../functions/adapters/lambda-credential-provider';
import { LAMBDA_ALIASES } from '../../infra/grant-function';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
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

  it('the alias NodejsFunction passes to esbuild keeps the rest of the chain out of the bundle', async () => {
    const [from, to] = LAMBDA_ALIASES.split('=') as [string, string];
    const source = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; export const c = DynamoDBClient;`;
    const bundle = (alias: Record<string, string>) =>
      build({
        stdin: { contents: source, resolveDir: ROOT, loader: 'ts' },
        absWorkingDir: ROOT,
        bundle: true,
        write: false,
        platform: 'node',
        format: 'esm',
        mainFields: ['module', 'main'],
        metafile: true,
        alias,
        logLevel: 'silent',
      });
    const inputs = async (alias: Record<string, string>) => Object.keys((await bundle(alias)).metafile.inputs).join('\n');
    const naive = await inputs({});
    const lambda = await inputs({ [from]: to });
    expect(naive).toMatch(/credential-provider-ini/);
    expect(lambda).not.toMatch(/credential-provider-(ini|sso|process|node)|nested-clients/);
    expect(lambda).toMatch(/lambda-credential-provider\.ts/);
  }, 30_000);
});
