/**
 * What the cost estimate of a stack needs beyond its plan: the environment it belongs to, its
 * region, its share of the environment's usage and the budget. The synth writes it next to each
 * stack's cdk.tf.json as `cost-context.json` (stacks); the review reads it back (review).
 */
import { z } from 'zod';

export const COST_CONTEXT_JSON = 'cost-context.json';

const share = z.number().min(0).max(1);

export const costContextSchema = z.strictObject({
  environment: z.string().min(1),
  region: z.string().min(1),
  /** The environment's monthly budget, USD. */
  budgetUsd: z.number().positive(),
  /** A change adding more than this a month is a medium finding. */
  reviewThresholdUsd: z.number().positive(),
  /** How many stacks the environment has: its total is complete only when all were reviewed. */
  environmentStacks: z.number().int().positive(),
  /** The stack's share of the usage profile (see StackUsage). */
  usage: z.strictObject({
    requestsPerMonth: z.number().min(0),
    inputTokens: z.number().min(0),
    outputTokens: z.number().min(0),
    cachedInputShare: share,
    modelMix: z.record(z.string(), share),
    durationMs: z.number().positive(),
    /**
     * Functions that run on a schedule, not per request (the worker janitor), by function name:
     * priced by their own runs, and left out when the requests are shared among the functions.
     * @default {}
     */
    scheduledFunctions: z.record(z.string(), z.strictObject({ runsPerMonth: z.number().min(0), durationMs: z.number().positive() })).optional(),
  }),
});

export type CostContext = z.infer<typeof costContextSchema>;
