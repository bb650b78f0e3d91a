import { availableParallelism } from 'node:os';
import { parsePlannerArgs, UsageError } from './args';

describe('parsePlannerArgs', () => {
  it('defaults to every environment, as many at a time as cores and memory allow, into cdktf.out', () => {
    expect(parsePlannerArgs([])).toEqual({
      environments: [],
      stacks: [],
      concurrency: expect.any(Number),
      outdir: 'cdktf.out',
      validate: false,
      failOn: [],
      review: true,
      emulator: false,
      cache: true,
      verbose: false,
      help: false,
    });
  });

  it('plans against the emulator into cdktf.out/emulator with --emulator, unless --outdir says otherwise', () => {
    expect(parsePlannerArgs(['--emulator'])).toMatchObject({ emulator: true, outdir: 'cdktf.out/emulator' });
    expect(parsePlannerArgs(['--emulator', '--outdir', 'elsewhere'])).toMatchObject({ emulator: true, outdir: 'elsewhere' });
  });

  it('accepts repeated and comma-separated environments and stacks', () => {
    const options = parsePlannerArgs(['--env', 'dev,staging', '--env', 'prod', '--stack', 'prod-global', '--validate']);
    expect(options).toMatchObject({ environments: ['dev', 'staging', 'prod'], stacks: ['prod-global'], validate: true });
  });

  it('takes the default concurrency from the cores, capped by the free memory', () => {
    const { concurrency } = parsePlannerArgs([]);
    expect(concurrency).toBeGreaterThanOrEqual(1);
    expect(concurrency).toBeLessThanOrEqual(Math.min(16, availableParallelism()));
    expect(parsePlannerArgs(['--concurrency', '3']).concurrency).toBe(3);
  });

  it.each([['0'], ['17'], ['two'], ['1.5']])('refuses --concurrency %s, naming the range', (value) => {
    expect(() => parsePlannerArgs(['--concurrency', value])).toThrow(new UsageError(`--concurrency must be a whole number 1..16, got "${value}"`));
  });

  it('refuses unknown options and positional arguments as usage errors', () => {
    expect(() => parsePlannerArgs(['--envv', 'dev'])).toThrow(UsageError);
    expect(() => parsePlannerArgs(['dev'])).toThrow(UsageError);
  });

  it('takes review gates, and refuses an unknown one', () => {
    expect(parsePlannerArgs(['--fail-on', 'destructive,exposure', '--no-review'])).toMatchObject({ failOn: ['destructive', 'exposure'], review: false });
    expect(parsePlannerArgs(['--no-cache'])).toMatchObject({ cache: false });
    expect(parsePlannerArgs(['--verbose'])).toMatchObject({ verbose: true });
    expect(() => parsePlannerArgs(['--fail-on', 'scary'])).toThrow(UsageError);
  });
});
