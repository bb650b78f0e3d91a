import { exitCodeOf } from '@llm/cli';
import { USAGE } from './args';
import { runCommand } from './commands';
import { UsageError, WorkerRefusal } from './errors';

describe('runCommand', () => {
  const ending = { usage: USAGE, usageErrors: [UsageError], inputErrors: [WorkerRefusal] };

  it.each([
    [{ command: 'launch', env: 'qa', region: 'us-east-1' }, 'unknown environment "qa"; known: dev, staging, prod'],
    [{ command: 'list', env: 'dev', region: 'eu-central-1' }, 'environment dev has no region eu-central-1; its regions: us-east-1'],
  ] as const)('refuses %j before creating any AWS client, as one line with exit 2', async (options, message) => {
    const deps = jest.fn();

    const failure = await runCommand(options, deps).catch((error: unknown) => error);

    expect(deps).not.toHaveBeenCalled();
    const written: string[] = [];
    expect(exitCodeOf(failure, ending, (text) => written.push(text))).toBe(2);
    expect(written).toEqual([message]);
  });
});
