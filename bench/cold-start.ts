// Benchmark 1: cold start. Every Lambda bundle (each route of ROUTES + functions/workflow/*.handler.ts)
// is built with esbuild the way infra/grant-function.ts has NodejsFunction build it, and imported in
// fresh Node processes; the time is measured inside the child around `await import(file)`.
// Next to them an anchor bundle built in the same run: DynamoDBClient, SFNClient, SESClient,
// @middy/core and classic zod, all touched so nothing is tree-shaken.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { handlerModulePath, ROUTES } from '../functions/http/routes';
import { LAMBDA_ALIASES, lambdaDefine, REQUIRE_SHIM } from '../infra/lambda-bundling';
import { fmt, median, type Progress } from './lib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

type LambdaBuildOptions = { target: string; banner: string; alias: Record<string, string>; define: Record<string, string> };
let buildOptions: LambdaBuildOptions | undefined;

/** What NodejsFunction runs esbuild with: infra/lambda-bundling.ts, and the runtime and options of infra/grant-function.ts (read once). */
function lambdaBuildOptions(): LambdaBuildOptions {
  buildOptions ??= readBuildOptions();
  return buildOptions;
}

function readBuildOptions(): LambdaBuildOptions {
  const source = readFileSync(join(ROOT, 'infra/grant-function.ts'), 'utf8');
  const runtime = /Runtime\.NODEJS_(\d+)_X/.exec(source)?.[1];
  if (!runtime) throw new Error('infra/grant-function.ts changed: the runtime not found');
  if (!/bundleAwsSDK:\s*true/.test(source) || !/minify:\s*true/.test(source) || !/OutputFormat\.ESM/.test(source) || !/define:\s*lambdaDefine\(\)/.test(source) || !/LAMBDA_ALIASES\)/.test(source)) {
    throw new Error('infra/grant-function.ts changed its bundling options; update bench/cold-start.ts');
  }
  // NodejsFunction's target is the runtime's (node24); bundleAwsSDK: true means no externals at all.
  return { target: `node${runtime}`, banner: REQUIRE_SHIM, alias: { ...LAMBDA_ALIASES }, define: lambdaDefine() };
}

const ANCHOR_SOURCE = `// Naive anchor: every heavy dependency imported eagerly and touched.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SESClient } from '@aws-sdk/client-ses';
import middy from '@middy/core';
import { z } from 'zod';
const schema = z.object({ id: z.string(), amount: z.number() });
export const touched = [DynamoDBClient, SFNClient, SESClient, schema];
export const handler = middy(async (event) => ({ ok: schema.safeParse(event).success, n: touched.length }));
`;

/** Small bundles that show where import time goes (same build options). */
const PROBES: Record<string, string> = {
  'probe: empty module': `export const handler = async () => 1;`,
  'probe: zod (classic)': `import { z } from 'zod'; export const s = z.object({ a: z.string() });`,
  'probe: zod/mini': `import * as z from 'zod/mini'; export const s = z.object({ a: z.string() });`,
  'probe: DynamoDBClient + DocumentClient': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; export const c = [DynamoDBClient, DynamoDBDocumentClient];`,
  'probe: DynamoDBClient + DocumentClient, Lambda aliases': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; export const c = [DynamoDBClient, DynamoDBDocumentClient];`,
  'probe: DynamoDB + SFN + SES clients': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { SFNClient } from '@aws-sdk/client-sfn'; import { SESClient } from '@aws-sdk/client-ses'; export const c = [DynamoDBClient, SFNClient, SESClient];`,
  'probe: Powertools Logger + middy': `import { Logger } from '@aws-lambda-powertools/logger'; import middy from '@middy/core'; export const l = [new Logger(), middy];`,
  'probe: scheme configs, validated at import (local mode)': `import { getScheme } from '../config/schemes'; export const s = getScheme('sor-rogaland');`,
  'probe: scheme configs, as bundled (validated at synth)': `import { getScheme } from '../config/schemes'; export const s = getScheme('sor-rogaland');`,
  // The least a handler on the required stack imports: SDK v3 DynamoDB document client, Powertools
  // Logger, middy and zod/mini, nothing of ours.
  'probe: floor (DynamoDB DocumentClient + Powertools Logger + middy + zod/mini), Lambda aliases': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import * as z from 'zod/mini';
const logger = new Logger();
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const body = z.strictObject({ id: z.string().check(z.maxLength(100)) });
export const handler = middy(async (event: unknown) => {
  logger.info('put');
  await documents.send(new PutCommand({ TableName: 't', Item: body.parse(event) }));
  return [GetCommand, QueryCommand, UpdateCommand].length;
});`,
};

export interface BundleResult {
  name: string;
  kind: 'route' | 'workflow' | 'anchor' | 'probe';
  bytes: number;
  runsMs: number[];
  medianMs: number;
  /** handlers only: median ≤ half the anchor's median */
  meetsTarget?: boolean;
  error?: string;
}

export interface ColdStartResult {
  runs: number;
  target: string;
  anchor: BundleResult;
  bundles: BundleResult[];
  probes: BundleResult[];
  /** bytes in one representative handler bundle, by package */
  composition: { bundle: string; bytes: number; parts: Array<{ source: string; bytes: number; share: number }> };
}

/** Every Lambda handler module: one per route, and the workflow's (absolute paths). */
export function lambdaEntries(): Array<{ name: string; kind: 'route' | 'workflow'; file: string }> {
  const routes = ROUTES.map((r) => ({ name: r.id, kind: 'route' as const, file: join(ROOT, handlerModulePath(r)) }));
  const workflowDir = join(ROOT, 'functions/workflow');
  const workflows = readdirSync(workflowDir)
    .filter((f) => f.endsWith('.handler.ts'))
    .sort()
    .map((f) => ({ name: `workflow/${basename(f, '.handler.ts')}`, kind: 'workflow' as const, file: join(workflowDir, f) }));
  return [...routes, ...workflows];
}

/**
 * The esbuild options NodejsFunction builds our functions with (the caller adds entries and output);
 * `asLambda`: with the aliases and defines of infra/lambda-bundling.ts, off for the naive anchor.
 */
export function lambdaEsbuildOptions(asLambda = true): BuildOptions {
  const { target, banner, alias, define } = lambdaBuildOptions();
  return {
    absWorkingDir: ROOT,
    bundle: true,
    target,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: banner },
    minify: true,
    external: [],
    ...(asLambda ? { alias, define } : {}),
    logLevel: 'silent',
  };
}

/** Builds a file, or source text (resolved as if it were a file in bench/), to outDir/index.mjs. */
export async function bundle(entry: string | { source: string }, outDir: string, asLambda: boolean): Promise<{ file: string; bytes: number; metafile: Metafile }> {
  const outfile = join(outDir, 'index.mjs');
  const result = await build({
    ...lambdaEsbuildOptions(asLambda),
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.source, resolveDir: join(ROOT, 'bench'), sourcefile: 'bench-entry.ts', loader: 'ts' as const } }),
    outfile,
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
  });
  return { file: outfile, bytes: statSync(outfile).size, metafile: result.metafile };
}

const CHILD = `const t0 = performance.now(); await import(process.argv[1]); process.stdout.write(JSON.stringify({ ms: performance.now() - t0 }));`;

/** One fresh Node process: milliseconds for `await import(file)`, measured inside the child. */
function importOnce(file: string): number {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, pathToFileURL(file).href], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1', AWS_REGION: 'eu-north-1', TABLE_NAME: 'grants' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`import failed (exit ${child.status}): ${(child.stderr || '').split('\n').slice(0, 4).join(' ')}`);
  return (JSON.parse(child.stdout) as { ms: number }).ms;
}

function composition(metafile: Metafile, bundleName: string): ColdStartResult['composition'] {
  const output = Object.entries(metafile.outputs).find(([k]) => k.endsWith('.mjs'))!;
  const parts = new Map<string, number>();
  for (const [file, info] of Object.entries(output[1].inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const key = m ? m[1]! : `(our code) ${relative(ROOT, join(ROOT, file)).split('/')[0]}/`;
    parts.set(key, (parts.get(key) ?? 0) + info.bytesInOutput);
  }
  const bytes = output[1].bytes;
  return {
    bundle: bundleName,
    bytes,
    parts: [...parts.entries()].sort((a, b) => b[1] - a[1]).map(([source, n]) => ({ source, bytes: n, share: n / bytes })),
  };
}

export async function runColdStart(progress: Progress, runs = 7): Promise<ColdStartResult> {
  const work = mkdtempSync(join(tmpdir(), 'grants-bench-bundles-'));
  try {
    const list = lambdaEntries();
    progress(`cold start: building ${list.length} handler bundles + anchor + ${Object.keys(PROBES).length} probes with esbuild (${lambdaBuildOptions().target}, minified ESM, AWS SDK bundled)`);
    const built: Array<{ name: string; kind: BundleResult['kind']; file: string; bytes: number; metafile: Metafile }> = [];
    const a = await bundle({ source: ANCHOR_SOURCE }, join(work, 'anchor'), false);
    built.push({ name: 'ANCHOR (DynamoDB+SFN+SES+middy+zod)', kind: 'anchor', ...a });
    for (const [i, [name, source]] of Object.entries(PROBES).entries()) {
      built.push({ name, kind: 'probe', ...(await bundle({ source }, join(work, `probe-${i}`), /alias|as bundled/.test(name))) });
    }
    for (const [i, e] of list.entries()) {
      built.push({ name: e.name, kind: e.kind, ...(await bundle(e.file, join(work, `h${i}`), true)) });
    }
    progress(`cold start: built; importing each bundle in ${runs} fresh node processes (round robin)`);

    const times = new Map<string, number[]>(built.map((b) => [b.name, []]));
    const errors = new Map<string, string>();
    for (let r = 0; r < runs; r++) {
      for (const b of built) {
        if (errors.has(b.name)) continue;
        try {
          times.get(b.name)!.push(importOnce(b.file));
        } catch (error) {
          errors.set(b.name, (error as Error).message);
        }
      }
      progress(`cold start: round ${r + 1}/${runs} done`);
    }
    const results: BundleResult[] = built.map((b) => {
      const runsMs = times.get(b.name)!;
      return { name: b.name, kind: b.kind, bytes: b.bytes, runsMs, medianMs: runsMs.length ? median(runsMs) : NaN, ...(errors.has(b.name) ? { error: errors.get(b.name)! } : {}) };
    });
    const anchor = results.find((r) => r.kind === 'anchor')!;
    const bundles = results.filter((r) => r.kind === 'route' || r.kind === 'workflow');
    for (const b of bundles) b.meetsTarget = !b.error && b.medianMs <= anchor.medianMs / 2;
    const representative = built.find((b) => b.name === 'submit-application')!;
    return {
      runs,
      target: `median import ≤ ½ anchor (≤ ${fmt(anchor.medianMs / 2)} ms)`,
      anchor,
      bundles,
      probes: results.filter((r) => r.kind === 'probe'),
      composition: composition(representative.metafile, representative.name),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
