// Stands in for @aws-sdk/credential-provider-node in the Lambda bundles (esbuild alias in
// infra/lambda-bundling.ts). Lambda always hands a function its role's credentials in
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, the first link of the default
// chain; the rest of the chain (SSO, ini files, process, IMDS, web identity and the STS/SSO
// clients behind them) is about 135 KB that every cold start would parse and never use.
// Local mode and tests run the real chain (or explicit stub credentials).
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** Same name and call shape as the default chain's export, which the SDK clients' runtime config calls. */
export function defaultProvider(_init?: unknown): ReturnType<typeof fromEnv> {
  return fromEnv();
}
