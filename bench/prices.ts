// List prices used to turn counts into money. USD, eu-north-1 (Stockholm), as used on 2026-11-22.
// Step Functions, Lambda requests, SES and API Gateway are the figures given in the issue; the
// DynamoDB on-demand and Lambda arm64 GB-second figures are AWS's published list prices as we know
// them (not re-checked online from this machine, which has no access to the AWS Price List API).
export const PRICES = {
  date: '2026-11-22',
  region: 'eu-north-1',
  stepFunctionsPerTransition: 0.025 / 1_000,
  lambdaPerRequest: 0.2 / 1_000_000,
  /** arm64 (the functions are ARM_64), per GB-second */
  lambdaPerGbSecond: 0.0000133334,
  lambdaMemoryGb: 0.5,
  /** on-demand, per read request unit / write request unit */
  dynamoPerRru: 0.1338 / 1_000_000,
  dynamoPerWru: 0.6688 / 1_000_000,
  /** SES bills every recipient (To/Cc/Bcc) as one e-mail */
  sesPerEmail: 0.1 / 1_000,
  apiGatewayHttpPerRequest: 1.0 / 1_000_000,
  /** EventBridge custom events (PutEvents) and Scheduler invocations, per event/invocation */
  eventBridgePerEvent: 1.0 / 1_000_000,
  schedulerPerInvocation: 1.0 / 1_000_000,
} as const;

export const PRICE_LINES = [
  `Step Functions Standard $0.025 per 1,000 state transitions`,
  `Lambda $0.20 per 1M requests + $0.0000133334 per GB-s (arm64) at 512 MB`,
  `DynamoDB on-demand $0.6688 per 1M WRU, $0.1338 per 1M RRU`,
  `SES $0.10 per 1,000 e-mails (per recipient)`,
  `API Gateway HTTP API $1.00 per 1M requests`,
  `EventBridge $1.00 per 1M custom events; Scheduler $1.00 per 1M invocations`,
];
