// The Lambda bundles as NodejsFunction builds them (the options of infra/lambda-bundling.ts and
// infra/grant-function.ts, through the cold-start benchmark's builder): what the aliases keep out,
// and that a deployed handler reads the scheme configurations the synth validated.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Metafile } from 'esbuild';
import { bundle, lambdaEsbuildOptions } from '../../bench/cold-start';
import { SCHEMES } from '../../config/schemes';
import { sorRogaland } from '../../config/schemes/sor-rogaland';
import { LAMBDA_ALIASES, lambdaDefine, PARSED_SCHEMES_GLOBAL } from '../../infra/lambda-bundling';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { startDynalite, type LocalDynamo } from '../support/dynalite';

const work = mkdtempSync(join(tmpdir(), 'grants-lambda-bundles-'));
// The scheme's page reads the meetings the secretariat added from the table.
let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await dynamo.stop();
});

const inputsOf = (metafile: { inputs: Record<string, unknown> }) => Object.keys(metafile.inputs).join('\n');
/** The files with code in the bundle (inputs also lists files whose exports were all shaken off). */
const codeIn = (metafile: Metafile) =>
  Object.entries(metafile.outputs)
    .filter(([file]) => file.endsWith('.mjs'))
    .flatMap(([, output]) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([file]) => file))
    .join('\n');

describe('Lambda bundling', () => {
  it('the aliases keep the rest of the credential chain and the node:process namespace out of the bundle', async () => {
    const source = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; export const c = DynamoDBClient;`;
    const naive = await bundle({ source }, join(work, 'naive'), false);
    const lambda = await bundle({ source }, join(work, 'lambda'), true);
    expect(inputsOf(naive.metafile)).toMatch(/credential-provider-ini/);
    expect(readFileSync(naive.file, 'utf8')).toMatch(/from"node:process"/);
    expect(inputsOf(lambda.metafile)).not.toMatch(/credential-provider-(ini|sso|process|node)|nested-clients/);
    expect(inputsOf(lambda.metafile)).toMatch(/lambda-credential-provider\.ts/);
    expect(inputsOf(lambda.metafile)).toMatch(/lambda-process\.ts/);
    expect(readFileSync(lambda.file, 'utf8')).not.toMatch(/["']node:process["']/);
    expect(Object.keys(LAMBDA_ALIASES)).toEqual(['@aws-sdk/credential-provider-node', 'node:process']);
  }, 60_000);

  it('defines the scheme configurations as the synth parsed them, as a JavaScript string literal', () => {
    const define = lambdaDefine();
    const literal = define[PARSED_SCHEMES_GLOBAL]!;
    const parsed = JSON.parse(JSON.parse(literal) as string) as Array<{ id: string }>;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(Object.values(SCHEMES))));
    // Defaults the schema fills in are in the JSON, not only what the configuration file states.
    expect('priorityPatientGroups' in sorRogaland).toBe(false);
    expect((parsed.find((s) => s.id === 'sor-rogaland') as { priorityPatientGroups?: unknown[] }).priorityPatientGroups?.length).toBeGreaterThan(0);
  });

  /** Imports a bundle in a fresh Node process and invokes its handler as Lambda would. */
  async function invoke(file: string, event: object): Promise<{ status: number; body: Record<string, unknown> }> {
    const script = `const m = await import(process.argv[1]);
const r = await m.handler(${JSON.stringify(event)}, { awsRequestId: 'r1', functionName: 'get-scheme', getRemainingTimeInMillis: () => 10000 });
process.stdout.write(JSON.stringify({ status: r.statusCode, body: JSON.parse(r.body) }));`;
    // Not spawnSync: the table answers from this process.
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(file).href], {
      env: { PATH: process.env.PATH ?? '', TABLE_NAME: dynamo.tableName, DYNAMODB_ENDPOINT: dynamo.endpoint, AWS_REGION: 'eu-north-1', LOG_LEVEL: 'ERROR' },
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('close', resolve));
    if (code !== 0) throw new Error(stderr);
    return JSON.parse(stdout) as { status: number; body: Record<string, unknown> };
  }

  const describeScheme = (id: string) => ({
    version: '2.0',
    routeKey: 'GET /api/schemes/{schemeId}',
    rawPath: `/api/schemes/${id}`,
    rawQueryString: '',
    headers: { accept: 'application/json' },
    pathParameters: { schemeId: id },
    requestContext: { http: { method: 'GET', path: `/api/schemes/${id}` }, requestId: 'r1' },
    isBase64Encoded: false,
  });

  it('a deployed handler answers from the embedded configurations', async () => {
    const built = await bundle(join(process.cwd(), 'functions/http/get-scheme.handler.ts'), join(work, 'get-scheme'), true);
    expect(readFileSync(built.file, 'utf8')).not.toContain(PARSED_SCHEMES_GLOBAL);
    const answer = await invoke(built.file, describeScheme('sor-rogaland'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 'sor-rogaland', name: SCHEMES['sor-rogaland']!.name });
  }, 60_000);

  it('the bundle trusts them as they are: the validation ran at synth, not at start-up', async () => {
    // A configuration the schema rejects (an id that is not a slug) still reaches the handler.
    const unvalidated = { ...JSON.parse(JSON.stringify(SCHEMES['sor-rogaland'])), id: 'Not A Slug' } as SchemeConfig;
    const outfile = join(work, 'unvalidated', 'index.mjs');
    await build({ ...lambdaEsbuildOptions(), define: lambdaDefine([unvalidated]), entryPoints: [join(process.cwd(), 'functions/http/get-scheme.handler.ts')], outfile });
    const answer = await invoke(outfile, describeScheme('Not A Slug'));
    expect(answer).toMatchObject({ status: 200, body: { id: 'Not A Slug' } });
  }, 60_000);

  it('a deployed handler answers bad input in Norwegian, also where a schema has no message of its own', async () => {
    // The bundles carry zod/mini, which loads no locale; the sign-in's query schema names no messages.
    const built = await bundle(join(process.cwd(), 'functions/http/page-sign-in.handler.ts'), join(work, 'page-sign-in'), true);
    expect(codeIn(built.metafile)).toMatch(/zod\/v4\/mini/);
    expect(codeIn(built.metafile)).not.toMatch(/zod\/v4\/classic|zod\/v4\/locales/);
    const answer = await invoke(built.file, {
      ...describeScheme('x'),
      routeKey: 'GET /innlogging',
      rawPath: '/innlogging',
      pathParameters: {},
      queryStringParameters: { tilbake: `/${'a'.repeat(1200)}`, annet: '1' },
      requestContext: { http: { method: 'GET', path: '/innlogging' }, requestId: 'r2' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ fieldErrors: { tilbake: 'Teksten kan ha høyst 1 000 tegn.', _form: 'Ukjent felt: annet.' } });
  }, 60_000);
});
