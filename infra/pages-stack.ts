// The web pages (functions/pages): one function per page route, on the code stack's HTTP API, in a
// stack of their own so that neither stack nears CloudFormation's 500 resources. It holds no data and
// nothing else refers to it: the code stack exports what it needs (the API, the machines' ARNs, the
// pages' sign-in client), and the pages answer on the same host and stage as the JSON API.
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PAGE_ROUTES } from '../functions/http/routes';
import { StackAlarms } from './alarms';
import { RouteFunctions } from './route-functions';
import type { StageConfig } from './stage-config';
import type { StatefulStack } from './stateful-stack';
import type { StatelessStack } from './stateless-stack';

export interface PagesStackProps extends StackProps {
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

export class PagesStack extends Stack {
  readonly routes: RouteFunctions;

  constructor(scope: Construct, id: string, props: PagesStackProps) {
    super(scope, id, props);
    const { stateful, stateless } = props;
    this.routes = new RouteFunctions(this, 'Pages', {
      routes: PAGE_ROUTES,
      httpApi: stateless.httpApi,
      ...stateless.routeSettings,
    });
    new StackAlarms(this, 'Alarms', stateful.alarmTopic).watchFunctions(this.routes.named());
  }
}
