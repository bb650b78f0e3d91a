/**
 * The traffic an estimate assumes: a stack's share of its environment's usage profile, and the
 * per-request figures that turn requests into GB of logs, objects and seconds of Lambda.
 */
import type { CostContext } from './cost-context';

/**
 * A stack's share of its environment's usage profile: requests a month, input and output tokens
 * per request, the share of input from OpenAI's prompt cache, the share of requests per model,
 * and the mean Lambda duration of a request (mostly the wait for OpenAI).
 */
export type StackUsage = CostContext['usage'];

/** Bytes of UTF-8 text per token, averaged over English prose (OpenAI's rule of thumb: ~4 characters a token). */
export const BYTES_PER_TOKEN = 4;

/** Log bytes a request writes over all of a stack's log groups: the function's structured lines and the API access line. */
export const LOG_BYTES_PER_REQUEST = 2_000;

/** JSON envelope around the output text in each result object. */
export const RESULT_OVERHEAD_BYTES = 600;

/** HTTPS, headers and JSON around the tokens of one OpenAI call, both ways, through a NAT gateway. */
export const OPENAI_CALL_OVERHEAD_BYTES = 6_000;

export const GB = 1024 ** 3;

/** Bytes one result object takes in the output bucket. */
export function resultBytes(usage: StackUsage): number {
  return usage.outputTokens * BYTES_PER_TOKEN + RESULT_OVERHEAD_BYTES;
}

/** Bytes one OpenAI call moves through a NAT gateway, request and answer. */
export function openAiCallBytes(usage: StackUsage): number {
  return (usage.inputTokens + usage.outputTokens) * BYTES_PER_TOKEN + OPENAI_CALL_OVERHEAD_BYTES;
}
