import { exitCodeOf } from '@llm/cli';
import { KNOWN_REGIONS } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { USAGE } from './args';
import { runCommand } from './commands';
import { UsageError, WorkerRefusal } from './errors';

describe('runCommand', () => {
  const ending = { usage: USAGE, usageErrors: [UsageError], inputErrors: [WorkerRefusal] };
  // From the configuration, so adding an environment or a region breaks nothing here.
  const [first] = ENVIRONMENTS;
  const firstRegions = first.regions.map((entry) => entry.region);
  const otherRegion = KNOWN_REGIONS.find((region) => !firstRegions.includes(region)) ?? 'no-such-region';

  it.each([
    // Hyphens are refused by the name rule, so no configured environment can ever be called that.
    [
      { command: 'launch', env: 'no-such-env', region: 'us-east-1' },
      `unknown environment "no-such-env"; known: ${ENVIRONMENTS.map((env) => env.name).join(', ')}`,
    ],
    [
      { command: 'list', env: first.name, region: otherRegion },
      `environment ${first.name} has no region ${otherRegion}; its regions: ${firstRegions.join(', ')}`,
    ],
  ] as const)('refuses %j before creating any AWS client, as one line with exit 2', async (options, message) => {
    const deps = jest.fn();

    const failure = await runCommand(options, deps).catch((error: unknown) => error);

    expect(deps).not.toHaveBeenCalled();
    const written: string[] = [];
    expect(exitCodeOf(failure, ending, (text) => written.push(text))).toBe(2);
    expect(written).toEqual([message]);
  });
});
