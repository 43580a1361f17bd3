// The workflow on Step Functions, for the functions that start executions or complete waiting tasks.
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Wiring } from '../composition';
import { sfnEngine, StepFunctionsWorkflow, type MachineArns } from '../adapters/step-functions-workflow';

export const stepFunctions: Wiring<'workflow'> = {
  provides: 'workflow',
  build: ({ env, tasks }) => {
    // Every such function can complete waiting tasks; only the HTTP functions get the machine ARNs to start executions.
    const machines = env.STATE_MACHINE_ARNS;
    return new StepFunctionsWorkflow({
      engine: sfnEngine(new SFNClient({ region: env.AWS_REGION, ...(env.SFN_ENDPOINT ? { endpoint: env.SFN_ENDPOINT } : {}) })),
      tasks,
      machines: async () => {
        if (!machines) throw new Error('STATE_MACHINE_ARNS is not configured for this function');
        return machines as MachineArns;
      },
    });
  },
};
