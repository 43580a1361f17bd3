// How every Lambda bundle is built, apart from CDK so that the cold-start benchmark and the tests
// build exactly the bundles NodejsFunction deploys (infra/grant-function.ts).
import { SCHEMES } from '../config/schemes';
import type { SchemeConfig } from '../schemas/scheme-config.schema';

/** ESM output still meets CommonJS dependencies that call require() on Node built-ins. */
export const REQUIRE_SHIM = "import { createRequire as __grantsCreateRequire } from 'node:module'; const require = __grantsCreateRequire(import.meta.url);";

/** Lambda-only substitutions (import path → file from the repository root); see each file's comment. */
export const LAMBDA_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  '@aws-sdk/credential-provider-node': './functions/adapters/lambda-credential-provider.ts',
  'node:process': './functions/adapters/lambda-process.ts',
});

/** The global config/schemes reads instead of validating the configurations at every cold start. */
export const PARSED_SCHEMES_GLOBAL = 'GRANTS_PARSED_SCHEMES';

/**
 * esbuild `define`s for the Lambda bundles: the scheme configurations as the synth parsed and
 * validated them (importing config/schemes validates; a broken configuration fails the synth), so
 * a Lambda reads them with one JSON.parse instead of running zod over them on every cold start.
 */
export function lambdaDefine(schemes: readonly SchemeConfig[] = Object.values(SCHEMES)): Record<string, string> {
  // define takes a JavaScript expression: a string literal holding the JSON.
  return { [PARSED_SCHEMES_GLOBAL]: JSON.stringify(JSON.stringify(schemes)) };
}
