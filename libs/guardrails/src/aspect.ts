/**
 * The cdktf aspect that runs the pack over one stack. cdktf invokes a stack's aspects on every
 * construct of the stack, parents first, just before it writes the stack's cdk.tf.json; each
 * resource is checked by the rules for its type, and non-compliant results are recorded in the
 * report unless a suppression on the resource or one of its scopes names the rule.
 */
import { TerraformResource, type IAspect, type TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { ruleFailed } from './errors';
import { GUARDRAIL_RULES, type RegisteredRule } from './pack';
import type { GuardrailReport } from './report';
import type { RuleResult } from './rule';
import { SynthesizedStackView, type ResourceView } from './stack-view';
import { suppressionsOn, type Suppression } from './suppressions';

const RULES_BY_TYPE = new Map<string, RegisteredRule[]>();
const TAGGABLE_RULES: RegisteredRule[] = [];
for (const rule of GUARDRAIL_RULES) {
  if (rule.appliesTo === 'taggable') {
    TAGGABLE_RULES.push(rule);
    continue;
  }
  for (const type of rule.appliesTo) RULES_BY_TYPE.set(type, [...(RULES_BY_TYPE.get(type) ?? []), rule]);
}

function rulesFor(resource: ResourceView): readonly RegisteredRule[] {
  const byType = RULES_BY_TYPE.get(resource.type) ?? [];
  return resource.taggable ? [...TAGGABLE_RULES, ...byType] : byType;
}

export class GuardrailAspect implements IAspect {
  private view?: SynthesizedStackView;
  // Testing.synth and app.synth each invoke aspects; a construct is judged once.
  private readonly visited = new WeakSet<IConstruct>();

  constructor(
    readonly stack: TerraformStack,
    private readonly production: boolean,
    private readonly report: GuardrailReport,
  ) {}

  visit(node: IConstruct): void {
    if (this.visited.has(node)) return;
    this.visited.add(node);
    const stackName = this.stack.node.id;
    if (node === this.stack) this.report.noteStack(stackName);
    for (const suppression of suppressionsOn(node)) this.report.noteSuppression(suppression, stackName, node.node.path);
    if (!(node instanceof TerraformResource)) return;

    let resource = this.viewOf(node);
    if (!resource) {
      // Added after the view was built (by another aspect): rebuild it once.
      this.view = undefined;
      resource = this.viewOf(node);
      if (!resource) return;
    }
    for (const rule of rulesFor(resource)) {
      let result: RuleResult;
      try {
        result = rule.check(resource, this.view as SynthesizedStackView);
      } catch (error) {
        throw ruleFailed(rule.id, node.node.path, error);
      }
      if (result.status !== 'non-compliant') continue;
      this.report.record(
        { ruleId: rule.id, level: rule.level, stack: stackName, path: node.node.path, address: resource.address },
        result,
        suppressionsFor(node, rule.id),
      );
    }
  }

  private viewOf(node: TerraformResource): ResourceView | undefined {
    this.view ??= new SynthesizedStackView(this.stack, this.production);
    return this.view.viewOf(node);
  }
}

/** Suppressions naming `ruleId` on the resource and its scopes, outermost first. */
function suppressionsFor(node: IConstruct, ruleId: string): { suppression: Suppression; path: string }[] {
  return node.node.scopes.flatMap((scope) =>
    suppressionsOn(scope)
      .filter((suppression) => suppression.ruleId === ruleId)
      .map((suppression) => ({ suppression, path: scope.node.path })),
  );
}
