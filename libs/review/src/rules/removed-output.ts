/** removed-output: a stack output is deleted; whoever reads it (other stacks, CI, scripts) breaks. */
import type { OutputRule } from './rule';

export const removedOutput: OutputRule = {
  id: 'removed-output',
  subject: 'output',
  info: 'A stack output is removed.',
  explanation: 'Outputs are read by other stacks, pipelines and scripts by name; removing or renaming one breaks them on the next apply.',
  check(_name, actions) {
    if (actions.length === 0 || actions.every((action) => action === 'no-op')) return 'not-applicable';
    if (actions.includes('delete') && !actions.includes('create')) {
      return [{ severity: 'medium', message: 'output removed: anything reading it by name breaks' }];
    }
    return 'compliant';
  },
};
