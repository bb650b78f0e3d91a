// Public API of constructs-budgets: the alert topic per region, the monthly budget and cost anomaly alerts per environment.
export { AlertTopic, alertTopicArn, type AlertTopicProps, type AlertTopicArnInput } from './alert-topic';
export {
  ALERT_PUBLISHER_SERVICES,
  KEY_ADMINISTRATION_ACTIONS,
  PUBLISHER_KEY_ACTIONS,
  alertKeyPolicyDocument,
  alertTopicPolicyDocument,
  type AlertKeyPolicyInput,
  type AlertTopicPolicyInput,
} from './alert-topic-policies';
export { MonthlyBudget, BUDGET_NOTIFICATION_RULES, type MonthlyBudgetProps, type BudgetNotificationRule } from './monthly-budget';
export { CostAnomalyAlerts, type CostAnomalyAlertsProps } from './cost-anomaly-alerts';
