// The alarms of one stack: each notifies the alarm topic (of the data stack) when it fires and
// when it clears, and treats missing data as fine (no traffic is not a failure).
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** CloudWatch allows at most 10 metrics in one alarm. */
const ALARM_GROUP_SIZE = 10;

export const FIVE_MINUTE_SUM = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };

export class StackAlarms extends Construct {
  private readonly action: cwActions.SnsAction;

  constructor(scope: Construct, id: string, topic: sns.ITopic) {
    super(scope, id);
    this.action = new cwActions.SnsAction(topic);
  }

  /** Fires at `threshold` or more in one period. */
  add(id: string, metric: cloudwatch.IMetric, threshold: number, description: string): cloudwatch.Alarm {
    const created = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    created.addAlarmAction(this.action);
    created.addOkAction(this.action);
    return created;
  }

  /**
   * Errors and throttles of every function, summed in one alarm per 10 functions (CloudWatch's limit
   * of metrics in an alarm): every function is watched, and a stack's alarms grow by two per ten
   * functions, not per function.
   */
  watchFunctions(functions: ReadonlyArray<readonly [name: string, fn: lambda.IFunction]>): void {
    for (let index = 0; index * ALARM_GROUP_SIZE < functions.length; index++) {
      const group = functions.slice(index * ALARM_GROUP_SIZE, (index + 1) * ALARM_GROUP_SIZE);
      const names = group.map(([name]) => name).join(', ');
      const summed = (metric: (fn: lambda.IFunction) => cloudwatch.IMetric) =>
        new cloudwatch.MathExpression({
          expression: group.map((_, i) => `m${i}`).join(' + '),
          usingMetrics: Object.fromEntries(group.map(([, fn], i) => [`m${i}`, metric(fn)])),
          period: Duration.minutes(5),
        });
      this.add(`LambdaErrorsGroup${index + 1}`, summed((fn) => fn.metricErrors(FIVE_MINUTE_SUM)), 1, `Lambda errors in: ${names}`);
      this.add(`LambdaThrottlesGroup${index + 1}`, summed((fn) => fn.metricThrottles(FIVE_MINUTE_SUM)), 1, `Lambda throttles in: ${names}`);
    }
  }
}
