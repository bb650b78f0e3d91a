/** Every log group expires its events; CloudWatch Logs keeps them forever (and bills for them) otherwise. */
import { COMPLIANT, defineRule, nonCompliant } from '../rule';

export const logGroupRetention = defineRule(__filename, ['aws_cloudwatch_log_group'], (group) => {
  const days = Number(group.config.retention_in_days ?? 0);
  if (Number.isFinite(days) && days > 0) return COMPLIANT;
  return nonCompliant(
    'keeps log events forever: retention_in_days is not set (or 0)',
    "set retention_in_days to one of the CloudWatch Logs periods (LOG_RETENTION_DAYS in @llm/config), normally the environment's logging.retentionDays",
  );
});
