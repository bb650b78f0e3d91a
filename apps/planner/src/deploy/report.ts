/** The lines `npm run deploy:local` prints: the stale stack folders it cleaned up, one progress line per stack, then a table. */
import type { StackApplyResult } from '@llm/terraform';
import { formatSeconds, formatTable } from '../report';
import type { Synthesis } from '../synth';
import type { DeployOutcome } from './deploy';

/**
 * One line on the folders under `stacksDir` of stacks that no longer exist: which were removed,
 * and which were kept because they hold Terraform state (and what to do about them); none when
 * there were no such folders.
 */
export function staleFoldersLine(stacksDir: string, synthesis: Pick<Synthesis, 'removed' | 'keptWithState'>): string | undefined {
  const parts: string[] = [];
  if (synthesis.removed.length > 0) parts.push(`removed ${synthesis.removed.join(', ')} (no such stack in the configuration any more)`);
  if (synthesis.keptWithState.length > 0) {
    const kept = synthesis.keptWithState.map((entry) => `${entry.name} (${entry.files.join(', ')})`).join(', ');
    parts.push(`kept ${kept}: no such stack any more, but the folder holds Terraform state; move the state to a safe place, then delete the folder`);
  }
  return parts.length > 0 ? `Folders of stacks that no longer exist, in ${stacksDir}: ${parts.join('; ')}` : undefined;
}

export function applyProgressLine(result: StackApplyResult, done: number, total: number): string {
  const counter = `[${String(done).padStart(String(total).length)}/${total}]`;
  if (!result.ok) return `${counter} FAIL ${result.stack} at terraform ${result.failedStep} (${formatSeconds(result.durationMs)})`;
  return `${counter} ok   ${result.stack}: +${result.added} ~${result.changed} -${result.destroyed} (${formatSeconds(result.durationMs)})`;
}

export function applyTable(outcomes: readonly DeployOutcome[], wallMs: number, verb: 'applied' | 'destroyed'): string {
  const header = ['stack', 'created', 'changed', 'destroyed', 'time', 'status'];
  const rows = outcomes.map((outcome) => {
    if ('skipped' in outcome) return [outcome.stack, '-', '-', '-', '-', outcome.reason];
    if (!outcome.ok) return [outcome.stack, '-', '-', '-', formatSeconds(outcome.durationMs), `FAILED (${outcome.failedStep})`];
    return [outcome.stack, String(outcome.added), String(outcome.changed), String(outcome.destroyed), formatSeconds(outcome.durationMs), verb];
  });
  const succeeded = outcomes.filter((outcome): outcome is Extract<StackApplyResult, { ok: true }> => outcome.ok);
  const sum = (key: 'added' | 'changed' | 'destroyed') => String(succeeded.reduce((total, outcome) => total + outcome[key], 0));
  const footer = ['total', sum('added'), sum('changed'), sum('destroyed'), formatSeconds(wallMs), `${succeeded.length}/${outcomes.length} ${verb}`];
  return formatTable(header, rows, footer, new Set([1, 2, 3, 4]));
}

export function applyFailureDetails(outcomes: readonly DeployOutcome[]): string {
  return outcomes
    .flatMap((outcome) =>
      !outcome.ok && !('skipped' in outcome) ? [`\n=== ${outcome.stack}: terraform ${outcome.failedStep} failed ===\n${outcome.error}`] : [],
    )
    .join('\n');
}
