// The CDK app (cdk.json: `npx tsx infra/app.ts`). Stage from context: `cdk synth -c stage=prod`;
// region eu-north-1 unless AWS_REGION or `-c region=…` says otherwise. Tests use infra/build-app.ts.
import { buildApp } from './build-app';

buildApp().app.synth();
