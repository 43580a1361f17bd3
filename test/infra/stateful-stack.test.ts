import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, TTL_ATTRIBUTE } from '../../functions/adapters/table-design';
import { STAFF_GROUPS } from '../../infra/stateful-stack';
import { SCHEMES } from '../../config/schemes';
import { privacySection } from '../../functions/pages/privacy-notice';
import { resourcesOf, synthesize, validationReport, type SynthesizedApp } from './cdk-app';

let dev: SynthesizedApp;
let prod: SynthesizedApp;

beforeAll(() => {
  dev = synthesize('dev');
  prod = synthesize('prod');
});
afterAll(() => {
  dev?.cleanup();
  prod?.cleanup();
});

describe('table', () => {
  it('follows table-design.ts (the table the local stand-in creates): string keys, two GSIs with projection ALL, on-demand, TTL', () => {
    const design = createTableInput('local');
    expect(design.GlobalSecondaryIndexes?.map((g) => g.Projection)).toEqual([{ ProjectionType: 'ALL' }, { ProjectionType: 'ALL' }]);
    prod.stateful_.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: design.KeySchema,
      GlobalSecondaryIndexes: design.GlobalSecondaryIndexes,
      AttributeDefinitions: Match.arrayWith([{ AttributeName: 'gsi1pk', AttributeType: 'S' }]),
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });

  it('prod: PITR, deletion protection, encryption at rest, retained', () => {
    const tables = Object.values(resourcesOf(prod.stateful_, 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    const table = tables[0]!;
    expect(table.Properties?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties?.DeletionProtectionEnabled).toBe(true);
    expect(table.Properties?.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties?.TableName).toBeUndefined();
  });

  it('dev: PITR and retained too, without deletion protection', () => {
    const table = Object.values(resourcesOf(dev.stateful_, 'AWS::DynamoDB::Table'))[0]!;
    expect(table.Properties?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties?.DeletionProtectionEnabled).toBe(false);
    expect(table.DeletionPolicy).toBe('Retain');
  });
});

describe('staff user pool', () => {
  it('admin-created users only, strong passwords, Plus tier with threat protection', () => {
    for (const built of [dev, prod]) {
      built.stateful_.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: Match.anyValue(),
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      });
      const pool = Object.values(resourcesOf(built.stateful_, 'AWS::Cognito::UserPool'))[0]!;
      expect(pool.Properties?.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
    }
  });

  it('MFA required in prod (TOTP), optional in dev; prod pool protected and retained', () => {
    prod.stateful_.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'], DeletionProtection: 'ACTIVE' });
    prod.stateful_.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    dev.stateful_.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'OPTIONAL' });
  });

  it('has the secretariat and finance groups, a group per community and one for all, and a public app client for the staff API (SRP, no OAuth)', () => {
    const groups = Object.values(resourcesOf(prod.stateful_, 'AWS::Cognito::UserPoolGroup')).map((g) => g.Properties?.GroupName);
    expect(groups.sort()).toEqual([...STAFF_GROUPS, 'scheme:all', ...Object.keys(SCHEMES).map((id) => `scheme:${id}`)].sort());
    prod.stateful_.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
      AllowedOAuthFlowsUserPoolClient: false,
    });
  });

  it('has the managed login domain of each stage for the staff pages\' sign-in', () => {
    for (const app of [dev, prod]) {
      app.stateful_.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: app.config.staffSignInDomainPrefix });
    }
    expect(dev.config.staffSignInDomainPrefix).not.toBe(prod.config.staffSignInDomainPrefix);
  });
});

describe('mail', () => {
  it('prod verifies the domain (DKIM), dev one address; both use the configuration set by default', () => {
    prod.stateful_.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: prod.config.mail.identity.type === 'domain' ? prod.config.mail.identity.domain : Match.absent(),
      DkimAttributes: { SigningEnabled: true },
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    dev.stateful_.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: dev.config.mail.identity.type === 'address' ? dev.config.mail.identity.address : Match.absent(),
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    expect(Object.keys(prod.stateful_.toJSON().Outputs)).toEqual(expect.arrayContaining(['DkimRecord1', 'DkimRecord2', 'DkimRecord3']));
  });

  it('publishes bounces and complaints to an encrypted, TLS-only topic, with reputation metrics on', () => {
    prod.stateful_.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    prod.stateful_.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('MailEventsTopic') } },
      }),
    });
  });

  it('every topic is KMS-encrypted (rotating key) and refuses non-TLS publishers', () => {
    const topics = Object.values(resourcesOf(prod.stateful_, 'AWS::SNS::Topic'));
    expect(topics).toHaveLength(2);
    for (const topic of topics) expect(topic.Properties?.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/NotificationKey/), 'Arn'] });
    prod.stateful_.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const policies = Object.values(resourcesOf(prod.stateful_, 'AWS::SNS::TopicPolicy'));
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties?.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });
});

describe('event bus and schedule group', () => {
  it('payout bus with an archive; schedule group for the one-time final-report schedules, retained in prod', () => {
    prod.stateful_.resourceCountIs('AWS::Events::EventBus', 1);
    prod.stateful_.resourceCountIs('AWS::Events::Archive', 1);
    prod.stateful_.hasResource('AWS::Scheduler::ScheduleGroup', { DeletionPolicy: 'Retain' });
    expect(Object.keys(resourcesOf(prod.stateful_, 'AWS::Events::EventBusPolicy'))).toEqual([]);
  });
});

describe('retention the privacy notice states', () => {
  it('prod keeps the payout archive and every log group as long as the notice on the landing page says', () => {
    const notice = privacySection({ region: 'eu-north-1', communities: [] }).value;
    const archives = Object.values(resourcesOf(prod.stateful_, 'AWS::Events::Archive'));
    expect(archives).toHaveLength(1);
    const archiveDays = archives[0]!.Properties?.RetentionDays as number;
    expect(notice).toContain(`lagret i et eget arkiv i ${archiveDays / 365} år (${archiveDays.toLocaleString('nb-NO')} dager)`);
    const logDays = new Set(
      [prod.stateful_, prod.stateless_, prod.pages_].flatMap((template) => Object.values(resourcesOf(template, 'AWS::Logs::LogGroup'))).map((g) => g.Properties?.RetentionInDays as number),
    );
    expect([...logDays]).toHaveLength(1);
    expect(notice).toContain(`loggene slettes etter ett år (${[...logDays][0]} dager)`);
  });
});

describe('cdk-nag', () => {
  it('reports nothing unacknowledged for either stage', () => {
    for (const built of [dev, prod]) expect(validationReport(built.outdir).pluginReports.flatMap((r) => r.violations)).toEqual([]);
  });
});
