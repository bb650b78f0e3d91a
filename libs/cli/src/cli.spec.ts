import { exitCodeOf } from './index';

class UsageProblem extends Error {}
class InputProblem extends Error {}

describe('exitCodeOf', () => {
  const ending = { usage: 'Usage: tool [--x]', usageErrors: [UsageProblem], inputErrors: [InputProblem] };

  it('prints a usage error with the usage text and exits 2', () => {
    const written: string[] = [];
    expect(exitCodeOf(new UsageProblem('--x needs a value'), ending, (text) => written.push(text))).toBe(2);
    expect(written).toEqual(['--x needs a value\n\nUsage: tool [--x]']);
  });

  it('prints an input error as one line and exits 2', () => {
    const written: string[] = [];
    expect(exitCodeOf(new InputProblem('port in use'), ending, (text) => written.push(text))).toBe(2);
    expect(written).toEqual(['port in use']);
  });

  it('prints anything else as its message, without a stack trace, and exits 1', () => {
    const written: string[] = [];
    expect(exitCodeOf(new Error('boom'), ending, (text) => written.push(text))).toBe(1);
    expect(exitCodeOf('plain', ending, (text) => written.push(text))).toBe(1);
    expect(written).toEqual(['boom', 'plain']);
  });
});
