import { messages } from '../testing/builders';
import { removedOutput } from './removed-output';

describe('removed-output', () => {
  it('flags an output that is removed', () => {
    expect(messages(removedOutput.check('bucket_name', ['delete']))).toEqual(['medium: output removed: anything reading it by name breaks']);
  });

  it('does not fire on outputs added, changed or unchanged', () => {
    expect(removedOutput.check('bucket_name', ['create'])).toBe('compliant');
    expect(removedOutput.check('bucket_name', ['update'])).toBe('compliant');
    expect(removedOutput.check('bucket_name', ['no-op'])).toBe('not-applicable');
  });
});
