/** Every API stage writes access logs, so each request can be traced from the caller to the function. */
import { COMPLIANT, defineRule, nonCompliant } from '../rule';
import { blockOf, stringOf } from '../stack-view';

export const apiAccessLogging = defineRule(__filename, ['aws_apigatewayv2_stage', 'aws_api_gateway_stage'], (stage) => {
  const settings = blockOf(stage.config.access_log_settings);
  const destination = stringOf(settings?.destination_arn);
  const format = stringOf(settings?.format);
  if (destination && format) return COMPLIANT;
  const missing = [destination ? undefined : 'destination_arn', format ? undefined : 'format'].filter(Boolean).join(' and ');
  return nonCompliant(
    `writes no access logs: access_log_settings ${settings ? `lacks ${missing}` : 'is not set'}`,
    'set access_log_settings { destination_arn = <log group ARN>, format = <JSON format> } (HttpApi from @llm/constructs/lambda does, with ACCESS_LOG_FORMAT)',
  );
});
