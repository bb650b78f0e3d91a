/** Test helper: invocation events as AWS delivers them (EventBridge schedule, SNS with Budgets and CloudWatch alarm messages). */

export const SPEND_ALARM = 'llm-platform-dev-us-east-1-openai-daily-spend';

/** An SNS delivery to Lambda as AWS sends it (one record per message). */
export function snsEvent(...messages: { subject: string | null; message: string }[]) {
  return {
    Records: messages.map(({ subject, message }, index) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:us-east-1:111111111111:llm-platform-dev-us-east-1-alerts:sub',
      Sns: {
        Type: 'Notification',
        MessageId: `m-${index + 1}`,
        TopicArn: 'arn:aws:sns:us-east-1:111111111111:llm-platform-dev-us-east-1-alerts',
        Subject: subject,
        Message: message,
        Timestamp: '2026-05-01T12:00:00.000Z',
      },
    })),
  };
}

/** AWS Budgets publishes plain text, not JSON. */
export const BUDGET_ALERT = {
  subject: 'AWS Budgets: llm-platform-dev-global-monthly has exceeded your alert threshold',
  message:
    'AWS Budget Notification May 01, 2026\nAWS Account 111111111111\n\nDear AWS Customer,\n\nYou requested that we alert you when the ACTUAL Cost associated with your llm-platform-dev-global-monthly budget is greater than $80.00 for the current month.',
};

export const alarm = (AlarmName: string, NewStateValue = 'ALARM') => ({
  subject: `${NewStateValue}: "${AlarmName}" in US East (N. Virginia)`,
  message: JSON.stringify({
    AlarmName,
    AWSAccountId: '111111111111',
    NewStateValue,
    OldStateValue: 'OK',
    NewStateReason: 'Threshold Crossed',
    Region: 'US East (N. Virginia)',
  }),
});

export const SCHEDULED_EVENT = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '111111111111',
  time: '2026-05-01T12:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:events:us-east-1:111111111111:rule/llm-platform-dev-us-east-1-janitor'],
  detail: {},
};
