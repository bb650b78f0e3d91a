/**
 * prod in the emulator: three regions and the image packaging applied, re-planned and
 * state-reviewed (applied-environment.ts); a destroy is refused by prevent_destroy, with
 * Terraform's own message and the stack named, and nothing after it runs.
 */
import { APPLY_TIMEOUT_MS, describeAppliedEnvironment } from './applied-environment';

describeAppliedEnvironment('prod', ({ emulated, remoteStacks }) => {
  it(
    'refuses to destroy prod: prevent_destroy stops the first regional stacks, the rest are not run',
    async () => {
      const run = await emulated().deploy(['--destroy']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Instance cannot be destroyed');
      expect(run.stderr).toMatch(/=== prod-[a-z0-9-]+: terraform destroy failed ===/);
      const rows = run.stdout.split('\n');
      const rowOf = (stack: string) => rows.find((row) => row.startsWith(`${stack} `)) ?? '';
      expect(rowOf(emulated().stackName('global'))).toMatch(/not run: prod-[a-z0-9-]+ failed/);
      expect(remoteStacks().filter((stack) => /FAILED \(destroy\)/.test(rowOf(stack))).length).toBeGreaterThan(0);
      // Nothing was destroyed: a refused plan changes no state.
      const plan = await emulated().plan(emulated().stackName('eu-west-1'));
      expect((plan.resource_changes ?? []).filter((change) => change.change.actions.includes('create'))).toEqual([]);
    },
    APPLY_TIMEOUT_MS,
  );
});
