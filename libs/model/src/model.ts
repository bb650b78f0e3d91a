/**
 * A model for commands that need a structured answer: one structured-output call of the OpenAI Responses API per
 * question (`text.format` = strict JSON Schema), through the official `openai` client, which
 * takes OPENAI_BASE_URL from the environment. A reply is the answer's text, or why there is
 * none (refused, cut off, failed); an API that does not answer is a ModelCallError.
 */
import OpenAI from 'openai';
import { ModelCallError } from './errors';

export interface ModelQuestion {
  /** What is asked, for messages: "the policy", "the proof requests". */
  readonly what: string;
  readonly schemaName: string;
  readonly schema: Readonly<Record<string, unknown>>;
  readonly instructions: string;
  readonly input: string;
}

export type ModelReply = { readonly text: string } | { readonly problem: string };

export interface PolicyModel {
  ask(question: ModelQuestion): Promise<ModelReply>;
}

export interface OpenAiModelOptions {
  readonly apiKey: string;
  readonly model: string;
  /** Per request, in ms. @default 120000 */
  readonly timeoutMs?: number;
}

export function openAiModel(options: OpenAiModelOptions): PolicyModel {
  const client = new OpenAI({ apiKey: options.apiKey, timeout: options.timeoutMs ?? 120_000, maxRetries: 2 });
  return {
    async ask(question) {
      let response: OpenAI.Responses.Response;
      try {
        response = await client.responses.create({
          model: options.model,
          instructions: question.instructions,
          input: question.input,
          store: false,
          text: { format: { type: 'json_schema', name: question.schemaName, schema: { ...question.schema }, strict: true } },
        });
      } catch (error) {
        throw new ModelCallError(question.what, error);
      }
      const refusal = response.output
        .flatMap((item) => (item.type === 'message' ? item.content : []))
        .find((content): content is OpenAI.Responses.ResponseOutputRefusal => content.type === 'refusal');
      if (refusal) return { problem: `the model refused to write ${question.what}: ${refusal.refusal}` };
      if (response.status === 'incomplete') {
        return { problem: `the answer for ${question.what} was cut off (${response.incomplete_details?.reason ?? 'incomplete'})` };
      }
      if (response.status === 'failed') return { problem: `the model failed to answer for ${question.what}: ${response.error?.message ?? 'no reason given'}` };
      if (!response.output_text) return { problem: `the model gave no text for ${question.what}` };
      return { text: response.output_text };
    },
  };
}
