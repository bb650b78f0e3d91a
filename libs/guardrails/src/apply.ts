/**
 * The entry point for the stacks: `applyGuardrails(app)` adds the rule pack to every stack of the
 * app as an aspect, and an App validation that, once every stack is synthesized, prints the
 * warnings once, writes the report next to the manifest, and fails the synth with every error of
 * every stack at once.
 */
import { App, Aspects, TerraformStack } from 'cdktf';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GuardrailAspect } from './aspect';
import { guardrailContextOf } from './context';
import { GuardrailError, guardrailsAppliedTwice, validationsSkipped } from './errors';
import { GUARDRAIL_RULES } from './pack';
import { GuardrailReport, META_RULES, warningSummary } from './report';

export interface GuardrailOptions {
  /**
   * Whether production-only rules apply; a function decides per stack (return undefined to fall
   * back to the stack's context).
   * @default - the stack's guardrail context (setGuardrailContext); where unset, production rules
   * apply (the strict choice) and a `guardrail-context` warning says so
   */
  readonly production?: boolean | ((stack: TerraformStack) => boolean | undefined);
  /**
   * Receives the warnings once per synth, as `warningOutput` says.
   * @default - written to standard output: the cdktf CLI shows an app's standard error as `[ERROR]`,
   * and a warning is not an error
   */
  readonly log?: (text: string) => void;
  /**
   * `list`: every warning, one line each; `summary`: one line with their count and the report file.
   * @default 'list'
   */
  readonly warningOutput?: 'list' | 'summary';
  /**
   * Where to write the whole report as JSON after synth, or false for nowhere.
   * @default - `guardrails.json` in the app's outdir, next to manifest.json (App scope only)
   */
  readonly reportFile?: string | false;
}

const APPLIED = Symbol.for('@llm/guardrails.applied');

/**
 * Call once, after every stack has been added and before `app.synth()`. On a single stack (tests),
 * the findings are reported by the stack's validation instead (`Testing.synth(stack, true)`,
 * `Testing.fullSynth`). Returns the report, filled as the stacks synthesize.
 */
export function applyGuardrails(scope: App | TerraformStack, options: GuardrailOptions = {}): GuardrailReport {
  const marked = scope as unknown as Record<symbol, boolean>;
  if (marked[APPLIED]) throw guardrailsAppliedTwice(scope.node.path);
  Object.defineProperty(scope, APPLIED, { value: true });

  const isApp = App.isApp(scope);
  if (isApp && scope.skipValidation) throw validationsSkipped();
  const report = new GuardrailReport(GUARDRAIL_RULES.map((rule) => rule.id));
  const stacks = TerraformStack.isStack(scope) ? [scope] : scope.node.findAll().filter(TerraformStack.isStack);
  for (const stack of stacks) {
    Aspects.of(stack).add(new GuardrailAspect(stack, productionOf(stack, options, report), report));
  }

  const log = options.log ?? ((text: string) => process.stdout.write(`${text}\n`));
  const reportedLate = new Set<TerraformStack>();
  const reportFile = isApp ? (options.reportFile ?? join(scope.outdir, 'guardrails.json')) : false;
  scope.node.addValidation({
    validate: () => {
      if (isApp) {
        for (const late of scope.node
          .findAll()
          .filter(TerraformStack.isStack)
          .filter((stack) => !stacks.includes(stack) && !reportedLate.has(stack))) {
          reportedLate.add(late);
          report.addMeta({
            ruleId: META_RULES.unguardedStack,
            level: 'error',
            stack: late.node.id,
            path: late.node.path,
            problem: 'was added to the app after applyGuardrails(), so no rule checked it',
            fix: 'call applyGuardrails(app) after every stack has been added, just before app.synth()',
          });
        }
        if (reportFile) writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
      }
      const warnings = options.warningOutput === 'summary' ? warningSummary(report.warnings.length, reportFile || undefined) : report.formatWarnings();
      if (warnings) log(warnings);
      // Thrown rather than returned: cdktf would wrap returned messages in advice to skip validations.
      if (report.errors.length > 0) throw new GuardrailError(report.formatErrors(), report.errors);
      return [];
    },
  });
  return report;
}

function productionOf(stack: TerraformStack, options: GuardrailOptions, report: GuardrailReport): boolean {
  const chosen = typeof options.production === 'function' ? options.production(stack) : options.production;
  const production = chosen ?? guardrailContextOf(stack).production;
  if (production !== undefined) return production;
  report.addMeta({
    ruleId: META_RULES.guardrailContext,
    level: 'warning',
    stack: stack.node.id,
    path: stack.node.path,
    problem: 'does not say whether it is production, so the production-only rules were applied',
    fix: 'call setGuardrailContext(this, { production: env.production }) in the stack constructor, or pass applyGuardrails(app, { production })',
  });
  return true;
}
