import { parseWorkerArgs } from './args';
import { UsageError } from './errors';

describe('parseWorkerArgs', () => {
  const target = ['--env', 'dev', '--region', 'us-east-1'];

  it('reads each command with its own flags', () => {
    expect(parseWorkerArgs(['launch', ...target])).toEqual({ command: 'launch', env: 'dev', region: 'us-east-1' });
    expect(parseWorkerArgs(['launch', ...target, '--hours', '4'])).toEqual({ command: 'launch', env: 'dev', region: 'us-east-1', hours: 4 });
    expect(parseWorkerArgs(['list', ...target])).toEqual({ command: 'list', env: 'dev', region: 'us-east-1' });
    expect(parseWorkerArgs(['ssh', ...target, '--id', 'i-0123456789abcdef0'])).toMatchObject({ command: 'ssh', id: 'i-0123456789abcdef0' });
    expect(parseWorkerArgs(['stop', ...target, '--id', 'i-01234567', '--id', 'i-01234567', '--id', 'i-89abcdef'])).toMatchObject({
      selection: { ids: ['i-01234567', 'i-89abcdef'] },
    });
    expect(parseWorkerArgs(['terminate', ...target, '--all'])).toMatchObject({ command: 'terminate', selection: { all: true } });
  });

  it('answers help for --help, whatever else is given', () => {
    expect(parseWorkerArgs(['--help'])).toBe('help');
    expect(parseWorkerArgs(['launch', '-h'])).toBe('help');
  });

  it.each([
    [[], /give a command/],
    [['frob', ...target], /unknown command "frob"/],
    [['launch', 'list', ...target], /give one command, got launch list/],
    [['launch', '--env', 'dev'], /launch needs --region/],
    [['launch', ...target, '--force'], /Unknown option '--force'/],
    [['launch', ...target, '--hours', '1.5'], /--hours must be a whole number of hours, got "1.5"/],
    [['list', ...target, '--hours', '2'], /list does not take --hours/],
    [['launch', ...target, '--all'], /launch does not take --all/],
    [['ssh', ...target], /ssh needs exactly one --id, got 0/],
    [['stop', ...target], /stop needs --id i-\.\.\. \(repeatable\) or --all/],
    [['terminate', ...target, '--all', '--id', 'i-01234567'], /terminate takes --id or --all, not both/],
    [['stop', ...target, '--id', 'sg-01234567'], /--id sg-01234567 is not an EC2 instance id/],
  ])('refuses %j as a usage error', (argv, message) => {
    expect(() => parseWorkerArgs(argv)).toThrow(UsageError);
    expect(() => parseWorkerArgs(argv)).toThrow(message);
  });
});
