/** Which invocations sweep, which stop every worker, and which are only noted. */
import { UnknownEventError } from './errors';
import { planFor } from './events';
import { alarm, BUDGET_ALERT, SCHEDULED_EVENT, snsEvent, SPEND_ALARM } from './testing/events';

describe('planFor', () => {
  it('sweeps on the EventBridge schedule', () => {
    expect(planFor(SCHEDULED_EVENT, SPEND_ALARM)).toEqual({ kind: 'sweep', trigger: 'schedule', ignored: [] });
  });

  it('stops every worker on an AWS Budgets alert', () => {
    expect(planFor(snsEvent(BUDGET_ALERT), SPEND_ALARM)).toEqual({
      kind: 'stop',
      trigger: 'budget-alert',
      reason: `budget alert "${BUDGET_ALERT.subject}"`,
      ignored: [],
    });
  });

  it('stops every worker when the spend alarm goes to ALARM', () => {
    expect(planFor(snsEvent(alarm(SPEND_ALARM)), SPEND_ALARM)).toMatchObject({
      kind: 'stop',
      trigger: 'spend-alarm',
      reason: `spend alarm ${SPEND_ALARM} is in ALARM`,
    });
  });

  it('ignores other alarms, the spend alarm returning to OK, and anything else on the topic', () => {
    const plan = planFor(
      snsEvent(alarm('llm-platform-dev-us-east-1-api-errors'), alarm(SPEND_ALARM, 'OK'), { subject: 'hello', message: 'plain text' }),
      SPEND_ALARM,
    );

    expect(plan).toEqual({
      kind: 'nothing',
      trigger: 'alert',
      ignored: [
        {
          messageId: 'm-1',
          subject: alarm('llm-platform-dev-us-east-1-api-errors').subject,
          reason: `alarm llm-platform-dev-us-east-1-api-errors is not the spend alarm ${SPEND_ALARM}`,
        },
        { messageId: 'm-2', subject: alarm(SPEND_ALARM, 'OK').subject, reason: `spend alarm ${SPEND_ALARM} changed to OK, not ALARM` },
        { messageId: 'm-3', subject: 'hello', reason: 'neither an AWS Budgets alert nor a CloudWatch alarm notification' },
      ],
    });
  });

  it('acts on the spend alarm only when SPEND_ALARM_NAME is configured', () => {
    expect(planFor(snsEvent(alarm(SPEND_ALARM)), undefined)).toMatchObject({
      kind: 'nothing',
      ignored: [{ reason: `alarm ${SPEND_ALARM}: no SPEND_ALARM_NAME is configured` }],
    });
  });

  it('stops once for a delivery that mixes an alert with other messages, noting the others', () => {
    expect(planFor(snsEvent(alarm('other'), BUDGET_ALERT), SPEND_ALARM)).toMatchObject({
      kind: 'stop',
      trigger: 'budget-alert',
      ignored: [{ messageId: 'm-1' }],
    });
  });

  it.each([{}, { Records: [] }, { Records: [{ EventSource: 'aws:sqs' }] }, null])('refuses an event it does not know: %p', (event) => {
    expect(() => planFor(event, SPEND_ALARM)).toThrow(UnknownEventError);
  });
});
