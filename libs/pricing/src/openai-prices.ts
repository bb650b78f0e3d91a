/**
 * OpenAI API prices per million tokens, standard tier, in USD, as data. Models missing here have no
 * estimate, and an environment that allows one is rejected at synth (see `pricingProblems`).
 * Transcribed by hand from the page below; re-check it with the AWS prices (PRICES_AS_OF).
 */
export const OPENAI_PRICES_AS_OF = '2026-12-03';
export const OPENAI_PRICES_SOURCE = 'https://platform.openai.com/docs/pricing';

export interface ModelPrice {
  /** USD per million input tokens. */
  readonly input: number;
  /** USD per million input tokens served from the prompt cache. */
  readonly cachedInput: number;
  /** USD per million output tokens. */
  readonly output: number;
}

const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4.1': { input: 2.0, cachedInput: 0.5, output: 8.0 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10.0 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10.0 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2.0 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  o3: { input: 2.0, cachedInput: 0.5, output: 8.0 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
};

export const PRICED_MODELS = Object.keys(MODEL_PRICES);

export function modelPrice(model: string): ModelPrice | undefined {
  return Object.hasOwn(MODEL_PRICES, model) ? MODEL_PRICES[model] : undefined;
}

/** USD for a number of tokens of one model; `cachedShare` of the input tokens come from the prompt cache. */
export function tokenCostUsd(price: ModelPrice, tokens: { readonly input: number; readonly output: number; readonly cachedShare?: number }): number {
  const cached = tokens.input * (tokens.cachedShare ?? 0);
  return ((tokens.input - cached) * price.input + cached * price.cachedInput + tokens.output * price.output) / 1_000_000;
}
