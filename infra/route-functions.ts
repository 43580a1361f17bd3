// One function per HTTP route, and its route on the HTTP API: used by the code stack (the JSON API)
// and the pages stack (the web pages), so that each stays well below CloudFormation's 500
// resources a stack (a route costs five: function, log group, integration, route, permission).
import { Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { handlerModulePath, isPageRoute, type RouteDefinition } from '../functions/http/routes';
import { grantCapabilities, routeCapabilities, type Capability, type CapabilityTargets } from './capabilities';
import { functionRole, GrantFunction } from './grant-function';
import { acknowledge } from './nag';

export interface RouteFunctionsProps {
  readonly routes: readonly RouteDefinition[];
  readonly httpApi: apigw.HttpApi;
  /** The staff API's JWT authorizer: needed when `routes` has a staff route that is not a page. */
  readonly staffAuthorizer?: apigw.IHttpRouteAuthorizer;
  /** Every route function's environment (the machines' ARNs included). */
  readonly environment: Readonly<Record<string, string>>;
  /** What the pages add: the staff sign-in's pool, client and URL (pages check sessions themselves). */
  readonly pageEnvironment: Readonly<Record<string, string>>;
  readonly capabilityTargets: CapabilityTargets;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

export class RouteFunctions extends Construct {
  /** By route id. */
  readonly functions: ReadonlyMap<string, GrantFunction>;

  constructor(scope: Construct, id: string, props: RouteFunctionsProps) {
    super(scope, id);
    // Routes with the same capabilities share one role (each adds only its own log group): a role
    // and its policy per function would cost two resources more per route.
    const sharedRoles = new Map<string, { role: iam.Role; capabilities: readonly Capability[] }>();
    const roleFor = (capabilities: readonly Capability[]): iam.Role => {
      const key = [...capabilities].sort().join('-');
      let shared = sharedRoles.get(key);
      if (!shared) {
        shared = { role: functionRole(this, `Role${pascal(key)}`, `Lambda HTTP routes: ${capabilities.join(', ')}`), capabilities };
        sharedRoles.set(key, shared);
      }
      return shared.role;
    };
    const functions = new Map<string, GrantFunction>();
    for (const route of props.routes) {
      functions.set(
        route.id,
        new GrantFunction(this, pascal(route.id), {
          entry: handlerModulePath(route),
          description: `${route.method} ${route.path} (${route.access})`,
          timeout: Duration.seconds(15),
          environment: { ...props.environment, ...(isPageRoute(route) ? props.pageEnvironment : {}) },
          logRetention: props.logRetention,
          logRemovalPolicy: props.logRemovalPolicy,
          role: roleFor(routeCapabilities(route)),
        }),
      );
    }
    for (const { role, capabilities } of sharedRoles.values()) grantCapabilities(role, capabilities, props.capabilityTargets);
    this.functions = functions;

    // Under the API when it is in this stack, as HttpApi.addRoutes puts them (the deployed routes
    // keep their logical ids); here otherwise, referring to the API across stacks.
    const routeScope: Construct = Stack.of(props.httpApi) === Stack.of(this) ? props.httpApi : this;
    const publicAccess = new apigw.HttpNoneAuthorizer();
    for (const route of props.routes) {
      const method = route.method === 'GET' ? apigw.HttpMethod.GET : apigw.HttpMethod.POST;
      // Staff pages: a browser sends no Authorization header, and an authorizer could only answer
      // 401/403 JSON, never send a person to the sign-in; their handlers check the session cookie.
      const open = route.access === 'public' || isPageRoute(route);
      if (!open && !props.staffAuthorizer) throw new Error(`${route.id}: a staff API route needs the staff authorizer`);
      const created = new apigw.HttpRoute(routeScope, `${method}${route.path}`, {
        httpApi: props.httpApi,
        routeKey: apigw.HttpRouteKey.with(route.path, method),
        integration: new HttpLambdaIntegration(`${pascal(route.id)}Integration`, (functions.get(route.id) as GrantFunction).fn),
        authorizer: open ? publicAccess : props.staffAuthorizer,
      });
      if (route.access !== 'public' && isPageRoute(route)) {
        acknowledge(
          created,
          'AwsSolutions-APIG4',
          `Staff page (${route.access}): authorised in the handler before anything else runs, by the session cookie's Cognito ID ` +
            'token (aws-jwt-verify: signature against the pool JWKS, issuer, the pages app client as audience, expiry) and the role ' +
            'group; without a valid session a browser is sent to the sign-in, anything else gets 401, the wrong role 403. ' +
            'Browsers send no Authorization header, so the JWT authorizer cannot serve pages.',
        );
      }
      if (route.access === 'public') {
        acknowledge(
          created,
          'AwsSolutions-APIG4',
          'Public by design: applicants, partners and project owners have no accounts. Each request is authorised by the ' +
            'handler through an unguessable capability link (owner/cosign/report links) or is read-only public scheme information; ' +
            'the stage is throttled.',
        );
      }
    }
  }

  /** [route id, Lambda function] in route order: what StackAlarms.watchFunctions takes. */
  named(): Array<readonly [string, lambda.IFunction]> {
    return [...this.functions].map(([id, fn]) => [id, fn.fn] as const);
  }
}

export function pascal(name: string): string {
  return name
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
