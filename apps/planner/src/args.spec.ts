import { parsePlannerArgs, UsageError } from './args';

describe('parsePlannerArgs', () => {
  it('defaults to every environment, two at a time, into cdktf.out', () => {
    expect(parsePlannerArgs([])).toEqual({
      environments: [],
      stacks: [],
      concurrency: 2,
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
