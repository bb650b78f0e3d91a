/** Every function sends X-Ray traces (tracing_config mode Active), so a slow or failing request can be followed. */
import { COMPLIANT, defineRule, nonCompliant } from '../rule';
import { blockOf } from '../stack-view';

export const lambdaTracing = defineRule(__filename, ['aws_lambda_function'], (fn) => {
  const mode = blockOf(fn.config.tracing_config)?.mode;
  if (mode === 'Active') return COMPLIANT;
  return nonCompliant(
    `does not trace requests: tracing_config mode is ${mode === undefined ? 'not set (PassThrough)' : String(mode)}`,
    'set tracing_config { mode = "Active" } and grant xray:PutTraceSegments and xray:PutTelemetryRecords (LlmFunction from @llm/constructs/lambda does both)',
  );
});
