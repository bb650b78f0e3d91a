/** The command: arguments, generation, output, the patch or the source edit, and the exit code. Never throws; returns the exit code. */
import { ConfigValidationError, formatProblem, validateEnvironments } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { probeEmulator } from '@llm/emulator';
import { openAiModel, type PolicyModel } from '@llm/model';
import { parseInfraGenArgs, USAGE } from './args';
import { EXIT_INVALID, EXIT_PROVEN, EXIT_UNEXPECTED, EXIT_UNPROVABLE, EXIT_USAGE, ModelCallError, SourceEditError, UsageError } from './errors';
import { generateProvenChange, MAX_ATTEMPTS, type ProvenCheck } from './generate';
import type { Json } from './patch';
import { proveChange } from './prove';
import { renderCost, renderFailure, renderFindings, renderOperations, renderStacks, renderVerdict } from './render';
import { editEnvironmentSource, SourceEditProblem, unifiedDiff } from './source-edit';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** @default process.cwd() */
  readonly cwd?: string;
}

export interface CliDependencies {
  /** The model to ask. @default - OpenAI, through the official client */
  readonly model?: PolicyModel;
  /** The environments' inputs. @default ENVIRONMENTS of @llm/environments */
  readonly inputs?: readonly unknown[];
}

/** The repository this command belongs to: its environments/ are the ones it edits. */
export const WORKSPACE_ROOT = resolve(__dirname, '..', '..', '..');

export async function runInfraGen(argv: readonly string[], io: CliIo, dependencies: CliDependencies = {}): Promise<number> {
  const say = (line: string) => io.stderr(`infra: ${line}\n`);
  try {
    const inputs = dependencies.inputs ?? ENVIRONMENTS;
    const names = inputs.map((entry) => String((entry as { name?: unknown }).name));
    const args = parseInfraGenArgs(argv, io.env, names);
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return EXIT_PROVEN;
    }
    const cwd = io.cwd ?? process.cwd();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const outDir = resolve(cwd, args.outDir);
    const emulatorUrl = args.emulatorUrl?.origin;
    // Before the model is asked: a proof against an emulator that is not there cannot happen.
    if (args.emulatorUrl && (await probeEmulator(args.emulatorUrl)) !== 'moto')
      throw new UsageError(
        `--emulator: no emulator answers at ${emulatorUrl}; start one (npm run emulator -- start) and apply the environment (npm run deploy:local -- --env E --keep-emulator)`,
      );
    const model = dependencies.model ?? openAiModel({ apiKey: args.apiKey, model: args.model });
    const outcome = await generateProvenChange(
      model,
      {
        description: args.description,
        inputs,
        environment: args.env,
        prove: (check, attempt) =>
          proveChange({
            workspaceRoot: WORKSPACE_ROOT,
            runDir: join(outDir, `${check.environment}-${stamp}`, `attempt-${attempt}`),
            environment: check.environment,
            beforeInputs: inputs,
            afterInputs: check.inputs,
            accountId: check.validated.accountId,
            budgetUsd: check.validated.budget.monthlyLimitUsd,
            accept: args.accept,
            ...(emulatorUrl ? { emulatorUrl } : {}),
            progress: say,
          }),
      },
      say,
    );
    if (outcome.kind !== 'proven') {
      io.stdout(renderFailure(outcome.attempts));
      const last = outcome.attempts[outcome.attempts.length - 1];
      if (last.proof?.ok) io.stdout(proofText(last.check as ProvenCheck, last.proof, emulatorUrl));
      const what = outcome.kind === 'invalid' ? 'the model output is invalid' : 'the change could not be proven';
      say(`gave up after ${outcome.attempts.length} attempt${outcome.attempts.length === 1 ? '' : 's'} (at most ${MAX_ATTEMPTS}): ${what}`);
      return outcome.kind === 'invalid' ? EXIT_INVALID : EXIT_UNPROVABLE;
    }
    const { check, proof, answer } = outcome;
    const sourcePath = join(WORKSPACE_ROOT, 'environments', check.environment, 'config.ts');
    const relativeSource = relative(WORKSPACE_ROOT, sourcePath).split('\\').join('/');
    const original = readFileSync(sourcePath, 'utf8');
    let edited: string | undefined;
    let editProblem: string | undefined;
    try {
      edited = editEnvironmentSource(original, check.operations, relativeSource);
    } catch (error) {
      if (!(error instanceof SourceEditProblem)) throw error;
      editProblem = error.message;
    }
    const diff = edited === undefined ? undefined : unifiedDiff(relativeSource, original, edited);
    io.stdout(
      [
        `Change to ${check.environment} (proven, attempt ${outcome.attempts.length} of ${MAX_ATTEMPTS}): ${answer.summary}`,
        'Operations:',
        renderOperations(check.operations),
        '',
        `Configuration diff (${relativeSource}):`,
        diff ?? `  (no source diff: ${editProblem})`,
        proofText(check, proof, emulatorUrl),
      ].join('\n'),
    );
    if (args.applyToSource) {
      if (edited === undefined) throw new SourceEditError(relativeSource, editProblem ?? 'the source cannot be edited');
      writeFileSync(sourcePath, edited);
      const problem = revalidate(sourcePath, check, inputs);
      if (problem) {
        writeFileSync(sourcePath, original);
        throw new SourceEditError(relativeSource, `${problem}; the file was restored`);
      }
      say(`edited ${relativeSource} and validated it again (git diff shows the change)`);
      return EXIT_PROVEN;
    }
    if (diff) {
      mkdirSync(outDir, { recursive: true });
      const patch = join(outDir, `infra-${check.environment}-${stamp}.patch`);
      writeFileSync(patch, diff);
      say(
        `wrote ${relative(cwd, patch) || patch} (apply with: git apply ${relative(WORKSPACE_ROOT, patch)}); the source is unchanged (--apply-to-source edits it)`,
      );
    }
    return EXIT_PROVEN;
  } catch (error) {
    if (error instanceof UsageError) {
      say(`${error.message} (see --help)`);
      return EXIT_USAGE;
    }
    if (error instanceof ModelCallError || error instanceof SourceEditError) {
      say(error.message);
      return EXIT_UNEXPECTED;
    }
    const detail = io.env.INFRA_DEBUG ? `\n${(error as Error).stack ?? String(error)}` : ' (set INFRA_DEBUG=1 for details)';
    say(`internal error: ${error instanceof Error ? error.message : String(error)}${detail}`);
    return EXIT_UNEXPECTED;
  }
}

function proofText(check: ProvenCheck, proof: Extract<Awaited<ReturnType<typeof proveChange>>, { ok: true }>, emulatorUrl: string | undefined): string {
  return [
    '',
    emulatorUrl
      ? `Plans (real terraform against the emulator's state at ${emulatorUrl}, with refresh; what the unchanged configuration's plan shows too is left out):`
      : `Plans (offline, real terraform; changed stacks planned against the state of the unchanged configuration):`,
    renderStacks(proof.stacks),
    '',
    'Findings (review of the changed stacks):',
    renderFindings(proof.stacks),
    '',
    'Cost (monthly estimate against the budget):',
    renderCost(proof.verdict, check.environment),
    '',
    'Verdict:',
    renderVerdict(proof.verdict),
    '',
  ].join('\n');
}

/**
 * The edited file evaluated in a child process: its export must be exactly the checked change,
 * and every environment must still validate with it.
 */
function revalidate(sourcePath: string, check: ProvenCheck, inputs: readonly unknown[]): string | undefined {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(WORKSPACE_ROOT, 'apps', 'infra-gen', 'src', 'worker.ts'), 'read', sourcePath], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) return `the edited file does not load (${(result.stderr || result.stdout).trim().split('\n')[0]})`;
  const exported = Object.values(JSON.parse(result.stdout) as Record<string, Json>).find(
    (value) => value !== null && typeof value === 'object' && !Array.isArray(value) && value.name === check.environment,
  );
  if (!exported) return `the edited file exports no environment named ${check.environment}`;
  if (canonical(exported) !== canonical(check.after)) return 'the edited file does not evaluate to the checked configuration';
  try {
    validateEnvironments(inputs.map((entry) => ((entry as { name?: unknown }).name === check.environment ? exported : entry)));
  } catch (error) {
    if (error instanceof ConfigValidationError) return `the edited configuration is invalid: ${error.problems.map(formatProblem).join('; ')}`;
    throw error;
  }
  return undefined;
}

function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
