import { maskSensitive, marksOfLocations, markedLocations } from './sensitive';
import { resourcesOfRawState, resourcesOfShownState } from './state';

describe('maskSensitive', () => {
  it('replaces every value under a mark, keeping the shape, empty values and what is not marked', () => {
    const values = { policy: '{"Statement":[]}', environment: [{ variables: { KEY: 'v1', EMPTY: '' } }], name: 'fn', port: 5 };

    expect(maskSensitive(values, [{ policy: true, environment: [{ variables: true }] }])).toEqual({
      policy: '(sensitive)',
      environment: [{ variables: { KEY: '(sensitive)', EMPTY: '' } }],
      name: 'fn',
      port: 5,
    });
    expect(values.policy).toBe('{"Statement":[]}');
  });

  it('leaves values alone where the marks mark nothing (false, {}, or no marks at all)', () => {
    const values = { name: 'fn' };

    expect(maskSensitive(values, [false, {}, undefined, { tags_all: {} }])).toBe(values);
  });

  it('turns the paths raw state lists into marks, a path under a marked one included', () => {
    const marks = marksOfLocations([['password'], ['environment', 0, 'variables'], ['environment', 0, 'variables', 'KEY']]);

    expect(markedLocations(marks)).toEqual([['password'], ['environment', '0', 'variables']]);
  });
});

describe('state resources', () => {
  it('mask what a shown state and a raw state mark sensitive', () => {
    const shown = resourcesOfShownState({
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            { address: 'aws_db_instance.db', type: 'aws_db_instance', values: { password: 'hunter22', name: 'db' }, sensitive_values: { password: true } },
          ],
        },
      },
    });
    const raw = resourcesOfRawState({
      version: 4,
      resources: [
        {
          type: 'aws_db_instance',
          name: 'db',
          instances: [{ attributes: { password: 'hunter22', name: 'db' }, sensitive_attributes: [[{ type: 'get_attr', value: 'password' }]] }],
        },
      ],
    });

    for (const [resource] of [shown, raw]) {
      expect(resource.values).toEqual({ password: '(sensitive)', name: 'db' });
      expect([...resource.sensitivePaths]).toEqual(['password']);
    }
  });
});
