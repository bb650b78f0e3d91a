/**
 * What the model is told: the project's configuration rules (taken from libs/config and
 * libs/pricing where they are data: priced regions and models, retention periods), the
 * configuration's shape as JSON Schema, and per question the environments as they are now.
 */
import { LOG_RETENTION_DAYS } from '@llm/config';
import { PRICED_MODELS, PRICED_REGIONS } from '@llm/pricing';
import { PROTECTED_PATHS } from './patch';
import type { JsonSchema } from './schema';

export function changeInstructions(configurationSchema: JsonSchema): string {
  return `You change the configuration of the llm-platform project, a Terraform CDK service on AWS, one environment at a time.
Answer with JSON Patch (RFC 6902) operations (add, replace, remove) on ONE environment's configuration, each with a one-line reason. Change only what the request needs; keep everything else as it is.
Give each value as JSON text in valueJson (a number as "2048", a string as "\\"single\\"", an object as "{...}"); valueJson is null for remove. Use /regions/- to append a region.
Rules (a validator checks every one; a change that breaks one is rejected, and every plan of it is reviewed for deletions, replacements, IAM broadening, public exposure and cost against the budget):
1. Never change ${PROTECTED_PATHS.join(', ')} (who the environment is and who may deploy it).
2. Regions: list each once, primary first; only priced regions: ${PRICED_REGIONS.join(', ')}. Availability zones must belong to their region (eu-north-1a for eu-north-1), 1 to 6 per region, each once.
3. VPC CIDRs: IPv4, prefix /16 to /24, and the CIDRs of one environment's regions must not overlap (the regions may be peered later); pick the next free /16 of the environment's range (10.20.0.0/16, 10.21.0.0/16 -> 10.22.0.0/16).
4. nat is none, single or per-az; a VPC-attached Lambda (lambda.attachToVpc) needs nat single or per-az (or vpc.egressProxyUrl) in every region. per-az costs one NAT gateway per zone every hour.
5. Models: openai.allowedModels only from the priced models ${PRICED_MODELS.join(', ')}, at most 5; openai.defaultModel must be one of them; usage.modelMix names only allowed models and its shares add up to 1.
6. Lambda: memoryMb 128..10240, timeoutSeconds below 30 (the HTTP API waits 30 s), openai.timeoutMs below timeoutSeconds * 1000.
7. Production environments (production: true): storage.forceDestroy false, logging.logPromptText false, logging.retentionDays at least 90, at least one budget.alertEmails address, lambda.reservedConcurrency set, api.authorization iam or jwt, no "*" in api.corsAllowOrigins, secrets.recoveryWindowDays 7..30, at least 2 zones per region.
8. logging.retentionDays is one of ${LOG_RETENTION_DAYS.join(', ')}.
9. No secrets in configuration: no API keys, passwords, tokens or private keys in any value; secrets live in Secrets Manager.
10. Renaming or replacing what holds data (buckets, the VPC, log groups, secrets) destroys it: prefer changes Terraform applies in place, and say so in the reason when a replacement cannot be avoided.

The configuration's shape (JSON Schema, derived from the project's zod schema; constraints noted in descriptions are enforced afterwards):
${JSON.stringify(configurationSchema)}`;
}

export interface Feedback {
  /** The previous answer, as the model gave it. */
  readonly previous: string;
  readonly problems: readonly string[];
}

export function changeInput(
  description: string,
  environments: ReadonlyArray<{ readonly name: string; readonly input: unknown }>,
  only: string | undefined,
  feedback?: Feedback,
): string {
  const lines = [`Request: ${description}`, ''];
  lines.push(only ? `Change environment "${only}" only.` : `Change one environment of: ${environments.map((env) => env.name).join(', ')}.`, '');
  for (const env of environments) {
    if (only && env.name !== only) continue;
    lines.push(
      `Environment "${env.name}" now (the input of environments/${env.name}/config.ts; settings left out take their defaults):`,
      JSON.stringify(env.input, null, 2),
      '',
    );
  }
  if (feedback) {
    lines.push(
      'Your previous answer was rejected:',
      feedback.previous,
      '',
      'Problems found (fix every one; keep what was right):',
      ...feedback.problems.map((problem) => `- ${problem}`),
    );
  }
  return lines.join('\n');
}
