// Everything that holds data or identity and must outlive a redeploy of the code: the table, the
// staff user pool, the SES identity and its configuration set, the payout event bus, the schedule
// group of the one-time final-report schedules, and the notification topics. No physical names are
// set: CloudFormation or CDK generate them.
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { GLOBAL_SECONDARY_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../functions/adapters/table-design';
import { acknowledge } from './nag';
import type { StageConfig } from './stage-config';
import { ALL_SCHEMES_GROUP, schemeGroup } from '../functions/http/staff-auth';

/** Cognito group names: the handlers read them from the `cognito:groups` claim (functions/http/staff-auth.ts). */
export const STAFF_GROUPS = ['secretariat', 'finance'] as const;

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

export class StatefulStack extends Stack {
  readonly table: dynamodb.Table;
  readonly userPool: cognito.UserPool;
  readonly staffClient: cognito.UserPoolClient;
  /** The managed login (hosted UI) of the staff pages' sign-in */
  readonly signInDomain: cognito.UserPoolDomain;
  readonly emailIdentity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly payoutEventBus: events.EventBus;
  readonly scheduleGroup: scheduler.ScheduleGroup;
  /** Encrypts both topics; CloudWatch and SES may use it to publish. */
  readonly notificationKey: kms.Key;
  readonly alarmTopic: sns.Topic;
  readonly mailEventsTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prod = config.stage === 'prod';
    const removalPolicy = config.retention.removalPolicy;

    // --- Table: one design shared with the adapter and the local stand-in (table-design.ts) -----
    const attribute = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: attribute(TABLE_KEYS.partitionKey),
      sortKey: attribute(TABLE_KEYS.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: prod,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of GLOBAL_SECONDARY_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: attribute(gsi.partitionKey),
        sortKey: attribute(gsi.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // --- Notification topics (alarms; SES bounces and complaints), encrypted with one key -------
    this.notificationKey = new kms.Key(this, 'NotificationKey', {
      description: 'Encrypts the alarm and mail-event SNS topics of the grant lifecycle system',
      enableKeyRotation: true,
      removalPolicy,
    });
    for (const service of ['cloudwatch.amazonaws.com', 'ses.amazonaws.com']) {
      this.notificationKey.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `AllowPublishFrom${service.split('.')[0]}`,
          principals: [new iam.ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
      );
    }
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { masterKey: this.notificationKey, enforceSSL: true, displayName: 'Tilskudd: alarmer' });
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    if (config.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));
    this.mailEventsTopic = new sns.Topic(this, 'MailEventsTopic', {
      masterKey: this.notificationKey,
      enforceSSL: true,
      displayName: 'Tilskudd: e-post som ikke kom fram',
    });
    if (config.alarmEmail) this.mailEventsTopic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));

    // --- SES: identity, configuration set (reputation metrics, bounce/complaint events) ---------
    this.configurationSet = new ses.ConfigurationSet(this, 'MailConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(this.mailEventsTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.REJECT],
    });
    const identity = config.mail.identity;
    this.emailIdentity = new ses.EmailIdentity(this, 'MailIdentity', {
      identity: identity.type === 'domain' ? ses.Identity.domain(identity.domain) : ses.Identity.email(identity.address),
      // The default configuration set: every message gets the events and metrics, whatever the sender code passes.
      configurationSet: this.configurationSet,
      ...(identity.type === 'domain' ? { dkimSigning: true } : {}),
    });
    if (identity.type === 'domain') {
      this.emailIdentity.dkimRecords.forEach((record, index) => {
        new CfnOutput(this, `DkimRecord${index + 1}`, {
          description: `DKIM CNAME ${index + 1} to publish in ${identity.domain}`,
          value: `${record.name} CNAME ${record.value}`,
        });
      });
    }

    // --- Payout triggers to finance, with an archive for replay/audit ----------------------------
    this.payoutEventBus = new events.EventBus(this, 'PayoutEventBus', {
      description: 'Payout triggers (source grants.lifecycle) for finance, by project number',
    });
    this.payoutEventBus.archive('PayoutArchive', {
      description: 'Every payout trigger, for audit and replay',
      eventPattern: { account: [this.account] },
      retention: Duration.days(config.retention.eventArchiveDays),
    });

    // --- One-time schedules that start the final-report phase at each grant period's end ---------
    // Deleting a group deletes its schedules: it lives here, with the data, and is kept in prod.
    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'FinalReportSchedules', { removalPolicy });

    // --- Staff sign-in ------------------------------------------------------------------------
    this.userPool = new cognito.UserPool(this, 'StaffUserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      signInCaseSensitive: false,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 12,
      },
      mfa: config.staffMfa === 'required' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      userVerification: {
        emailSubject: 'Bekreft e-postadressen din',
        emailBody: 'Koden for å bekrefte e-postadressen din i tilskuddsforvaltningen er {####}',
        emailStyle: cognito.VerificationEmailStyle.CODE,
      },
      userInvitation: {
        emailSubject: 'Tilgang til tilskuddsforvaltningen',
        emailBody: 'Du har fått tilgang til tilskuddsforvaltningen. Brukernavn: {username} Midlertidig passord: {####}',
      },
      deletionProtection: prod,
      removalPolicy,
    });
    if (config.staffMfa !== 'required') {
      acknowledge(
        this.userPool,
        'AwsSolutions-COG2',
        'Test stage only (the stage config refuses optional MFA in prod): synthetic data, and the end-to-end tests sign in ' +
          'with username and password. Staff can still enrol a TOTP factor.',
      );
    }
    for (const group of STAFF_GROUPS) {
      new cognito.CfnUserPoolGroup(this, `${group.charAt(0).toUpperCase()}${group.slice(1)}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description: group === 'secretariat' ? 'Sekretariat og utvalg: søknader, møter, vedtak' : 'Økonomi: utbetalinger og fakturaer',
      });
    }
    // Which communities a person acts for, beside the role: one group per scheme, or all of them.
    for (const schemeId of config.schemeIds) {
      new cognito.CfnUserPoolGroup(this, `SchemeGroup-${schemeId}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: schemeGroup(schemeId),
        description: `Saker i ordningen ${schemeId}`,
      });
    }
    new cognito.CfnUserPoolGroup(this, 'AllSchemesGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: ALL_SCHEMES_GROUP,
      description: 'Saker i alle ordningene i denne installasjonen',
    });
    this.signInDomain = this.userPool.addDomain('StaffSignInDomain', { cognitoDomain: { domainPrefix: config.staffSignInDomainPrefix } });
    // The staff API's client: scripts and tests sign in with SRP and send the token as a bearer.
    // (The web pages' client, with the code flow and its callback URL, is in the stateless stack.)
    // The construct id is from when the pages used this client; renaming it would replace the client.
    this.staffClient = this.userPool.addClient('StaffPagesClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
  }
}
