// The CDK app (cdk.json: `npx tsx infra/app.ts`). Stage from context: `cdk synth -c stage=prod`.
import { buildApp } from './build-app';

export { buildApp } from './build-app';

buildApp().app.synth();
