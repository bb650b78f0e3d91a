/** The SSM Session Manager command that opens a shell on a worker: workers have no SSH keys by default. */

export const SESSION_MANAGER_PLUGIN_URL = 'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html';

export function startSessionArgs(instanceId: string, region: string): string[] {
  return ['aws', 'ssm', 'start-session', '--target', instanceId, '--region', region];
}

export function startSessionCommand(instanceId: string, region: string): string {
  return startSessionArgs(instanceId, region).join(' ');
}
