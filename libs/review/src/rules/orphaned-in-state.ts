/** orphaned-in-state: a resource in state that the synthesized configuration no longer declares: the next apply destroys it. */
import { statefulReason } from '../aws/stateful-types';
import { fateInConfiguration, isDeclared } from '../input/configuration';
import type { StateRule } from './rule';

export const orphanedInState: StateRule = {
  id: 'orphaned-in-state',
  subject: 'state',
  gate: 'destructive',
  info: 'A resource in state is no longer declared.',
  explanation:
    'Terraform destroys what its state holds and its configuration no longer declares; a construct id renamed or a stack split by mistake looks exactly like this. Move it (moved block, terraform state mv) or remove it from state (a removed block with destroy = false) if it must survive.',
  check(resource, context) {
    if (resource.mode !== 'managed' || !context.configuration) return 'not-applicable';
    if (isDeclared(context.configuration, resource.address)) return 'compliant';
    // Moved to an address still declared, or forgotten on purpose: the next apply destroys nothing
    // (moved-resource and forgotten-resource report them on the plan).
    if (context.plannedFate?.(resource.address) ?? fateInConfiguration(context.configuration, resource.address)) return 'compliant';
    const stateful = statefulReason(resource.type);
    return [
      {
        severity: stateful ? 'high' : 'medium',
        message: `in state but not declared in ${context.configuration.source}: the next apply destroys it${stateful ? `; ${stateful}` : ''}`,
      },
    ];
  },
};
