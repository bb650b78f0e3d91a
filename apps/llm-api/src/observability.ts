/**
 * Structured JSON logs and CloudWatch metrics (Powertools Logger and Metrics, EMF on stdout):
 * latency, input/output tokens per model, errors by code. Decides which request fields a log may
 * carry: prompt, instructions and output text only when `LOG_PROMPT_TEXT` allows it.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Config } from './config';
import type { GenerateRequest } from './validation';

export function createLogger(config: Pick<Config, 'serviceName'>): Logger {
  // Level from POWERTOOLS_LOG_LEVEL (Powertools reads it), INFO by default.
  return new Logger({ serviceName: config.serviceName });
}

export function createMetrics(config: Pick<Config, 'serviceName' | 'metricsNamespace'>): Metrics {
  return new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });
}

export interface SuccessMetrics {
  readonly model: string;
  readonly latencyMs: number;
  readonly openaiMs: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** One EMF blob per request, dimension `model` (plus `service`). */
export function publishSuccess(metrics: Metrics, figures: SuccessMetrics): void {
  metrics.addDimension('model', figures.model);
  metrics.addMetric('Requests', MetricUnit.Count, 1);
  metrics.addMetric('Latency', MetricUnit.Milliseconds, figures.latencyMs);
  metrics.addMetric('OpenAiLatency', MetricUnit.Milliseconds, figures.openaiMs);
  metrics.addMetric('InputTokens', MetricUnit.Count, figures.inputTokens);
  metrics.addMetric('OutputTokens', MetricUnit.Count, figures.outputTokens);
  metrics.publishStoredMetrics();
}

/** One EMF blob per failed request, dimension `code` (the public error code). */
export function publishError(metrics: Metrics, figures: { readonly code: string; readonly latencyMs: number }): void {
  metrics.addDimension('code', figures.code);
  metrics.addMetric('Errors', MetricUnit.Count, 1);
  metrics.addMetric('ErrorLatency', MetricUnit.Milliseconds, figures.latencyMs);
  metrics.publishStoredMetrics();
}

/** What a log line may say about a request. */
export function requestLogFields(request: GenerateRequest, logPromptText: boolean): Record<string, unknown> {
  return {
    model: request.model,
    promptChars: request.prompt.length,
    instructionsChars: request.instructions?.length ?? 0,
    maxOutputTokens: request.maxOutputTokens,
    // Keys only: values may identify a person.
    metadataKeys: request.metadata ? Object.keys(request.metadata) : undefined,
    ...(logPromptText ? { prompt: request.prompt, instructions: request.instructions } : {}),
  };
}
