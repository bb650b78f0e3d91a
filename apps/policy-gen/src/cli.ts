/** The command: arguments, generation, output and exit code. Never throws; returns the exit code. */
import { UNSCOPED_ACTIONS } from '@llm/constructs/iam';
import { policySchemaProblems, type PolicyDocument } from '@llm/iam-eval';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parsePolicyGenArgs, USAGE } from './args';
import { boundaryFileError, EXIT_INVALID, EXIT_PROVEN, EXIT_UNEXPECTED, EXIT_UNPROVABLE, EXIT_USAGE, ModelCallError, UsageError } from './errors';
import { generateProvenPolicy, MAX_ATTEMPTS } from './generate';
import { openAiModel, type PolicyModel } from '@llm/model';
import { renderFailure, renderGrantSnippet, renderPolicy, renderProofTable } from './render';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

export interface CliDependencies {
  /** The model to ask. @default - OpenAI, through the official client */
  readonly model?: PolicyModel;
}

export async function runPolicyGen(argv: readonly string[], io: CliIo, dependencies: CliDependencies = {}): Promise<number> {
  try {
    const args = parsePolicyGenArgs(argv, io.env);
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT_PROVEN;
    }
    const boundary = args.boundary === undefined ? undefined : readBoundary(args.boundary);
    const model = dependencies.model ?? openAiModel({ apiKey: args.apiKey, model: args.model });
    const outcome = await generateProvenPolicy(
      model,
      { description: args.description, resources: args.resources, unscopedActions: UNSCOPED_ACTIONS, ...(boundary ? { boundary } : {}) },
      (line) => io.stderr(`policy: ${line}\n`),
    );
    if (outcome.kind !== 'proven') {
      io.stdout(renderFailure(outcome.attempts));
      const what = outcome.kind === 'invalid' ? 'the model output is invalid' : 'the policy could not be proven';
      io.stderr(`policy: gave up after ${outcome.attempts.length} attempt${outcome.attempts.length === 1 ? '' : 's'} (at most ${MAX_ATTEMPTS}): ${what}\n`);
      return outcome.kind === 'invalid' ? EXIT_INVALID : EXIT_UNPROVABLE;
    }
    const against = boundary ? `the policy within the permission boundary ${args.boundary}` : 'the policy alone (no --boundary)';
    io.stdout(
      [
        `Policy (proven, attempt ${outcome.attempts.length} of ${MAX_ATTEMPTS}):`,
        renderPolicy(outcome.policy),
        ...(outcome.notes.trim() ? [`Why: ${outcome.notes.trim()}`, ''] : []),
        `Proof: ${outcome.proof.rows.length} requests decided by @llm/iam-eval on ${against}:`,
        renderProofTable(outcome.proof),
        'Grant snippet for @llm/constructs/iam:',
        renderGrantSnippet(outcome.policy, outcome.proof),
      ].join('\n'),
    );
    if (args.out !== undefined) {
      try {
        mkdirSync(dirname(args.out), { recursive: true });
        writeFileSync(args.out, renderPolicy(outcome.policy));
      } catch (error) {
        io.stderr(`policy: cannot write ${args.out} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})\n`);
        return EXIT_USAGE;
      }
      io.stderr(`policy: wrote ${args.out}\n`);
    }
    return EXIT_PROVEN;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`policy: ${error.message} (see --help)\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ModelCallError) {
      io.stderr(`policy: ${error.message}\n`);
      return EXIT_UNEXPECTED;
    }
    const detail = io.env.POLICY_DEBUG ? `\n${(error as Error).stack ?? String(error)}` : ' (set POLICY_DEBUG=1 for details)';
    io.stderr(`policy: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\n`);
    return EXIT_UNEXPECTED;
  }
}

function readBoundary(file: string): PolicyDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw boundaryFileError(file, `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw boundaryFileError(file, `not JSON (${(error as Error).message})`);
  }
  const problems = policySchemaProblems(document);
  if (problems.length > 0) throw boundaryFileError(file, `not an identity policy: ${problems.join('; ')}`);
  return document as PolicyDocument;
}
