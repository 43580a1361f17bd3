// Composition root: builds the adapters once per Lambda container (cold start) and hands them to
// use cases. Tests and the local runtime replace parts with `overrideDependencies`.
import { config } from './config/env';
import { createDocumentClient, DynamoGrantStore } from './adapters/dynamodb-grant-store';
import { DynamoMailOutbox } from './adapters/dynamodb-mail-outbox';
import { createSesClient, SesMailer } from './adapters/ses-mailer';
import { newApplicationId, newId, newLinkId } from './adapters/ids';
import { DynamoWaitingTaskStore } from './adapters/dynamodb-waiting-tasks';
import { sfnEngine, StepFunctionsWorkflow, type MachineArns } from './adapters/step-functions-workflow';
import { SFNClient } from '@aws-sdk/client-sfn';
import { CognitoSignIn } from './adapters/cognito-sign-in';
import type { StaffSignIn } from './ports/staff-sign-in';
import { systemClock, type Clock } from './ports/clock';
import type { GrantStore } from './ports/grant-store';
import type { IdSource } from './ports/ids';
import type { Mailer } from './ports/mailer';
import type { WaitingTaskStore } from './ports/waiting-tasks';
import type { WorkflowPort } from './ports/workflow';
import { getScheme } from '../config/schemes';
import type { SchemeConfig } from '../schemas/scheme-config.schema';

export interface Dependencies {
  store: GrantStore;
  mailer: Mailer;
  workflow: WorkflowPort;
  clock: Clock;
  ids: IdSource;
  scheme(id: string): SchemeConfig | undefined;
  /** Callback-task tokens, kept server-side */
  tasks: WaitingTaskStore;
  /** Base of the links put into e-mails, e.g. https://tilskudd.example.no */
  publicBaseUrl: string;
  /** Staff sign-in of the web pages (Cognito's managed login in AWS) */
  staffSignIn: StaffSignIn;
}

/** Functions without the STAFF_* variables (the workflow functions) know no staff session. */
const notConfigured = (): never => {
  throw new Error('Staff sign-in is not configured (STAFF_USER_POOL_ID, STAFF_PAGES_CLIENT_ID, STAFF_SIGN_IN_URL)');
};
const noStaffSignIn: StaffSignIn = {
  authorizeUrl: notConfigured,
  exchangeCode: async () => notConfigured(),
  refresh: async () => notConfigured(),
  revoke: async () => notConfigured(),
  signOutUrl: (returnTo) => returnTo,
  verify: async () => undefined,
};

const cryptoIds: IdSource = { applicationId: newApplicationId, linkId: newLinkId, id: newId };

function buildDefaults(): Dependencies {
  const env = config();
  const dynamo = createDocumentClient({
    region: env.AWS_REGION,
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const store = new DynamoGrantStore({ client: dynamo, tableName: env.TABLE_NAME });
  const ses = createSesClient({ region: env.AWS_REGION, ...(env.SES_ENDPOINT ? { endpoint: env.SES_ENDPOINT } : {}) });
  const mailer = new SesMailer({ ses, from: env.MAIL_FROM, outbox: new DynamoMailOutbox({ client: dynamo, tableName: env.TABLE_NAME }) });
  const tasks = new DynamoWaitingTaskStore({ client: dynamo, tableName: env.TABLE_NAME });
  // Every function can complete waiting tasks; only the HTTP functions get the machine ARNs to start executions.
  const machines = env.STATE_MACHINE_ARNS;
  const workflow = new StepFunctionsWorkflow({
    engine: sfnEngine(new SFNClient({ region: env.AWS_REGION, ...(env.SFN_ENDPOINT ? { endpoint: env.SFN_ENDPOINT } : {}) })),
    tasks,
    machines: async () => {
      if (!machines) throw new Error('STATE_MACHINE_ARNS is not configured for this function');
      return machines as MachineArns;
    },
  });
  // A deployment runs the communities its stage names; the others are unknown to it (404).
  const enabled = env.SCHEME_IDS;
  const scheme = (id: string) => (!enabled || enabled.includes(id) ? getScheme(id) : undefined);
  const staffSignIn =
    env.STAFF_USER_POOL_ID && env.STAFF_PAGES_CLIENT_ID && env.STAFF_SIGN_IN_URL
      ? new CognitoSignIn({ userPoolId: env.STAFF_USER_POOL_ID, clientId: env.STAFF_PAGES_CLIENT_ID, domainUrl: env.STAFF_SIGN_IN_URL })
      : noStaffSignIn;
  return { store, mailer, workflow, tasks, clock: systemClock, ids: cryptoIds, scheme, publicBaseUrl: env.PUBLIC_BASE_URL, staffSignIn };
}

let current: Dependencies | undefined;

export function dependencies(): Dependencies {
  current ??= buildDefaults();
  return current;
}

/** Replaces parts of the wiring (tests, the local runtime). */
export function overrideDependencies(parts: Partial<Dependencies>): Dependencies {
  current = { ...(current ?? buildDefaults()), ...parts };
  return current;
}

export function resetDependencies(): void {
  current = undefined;
}
