import { writePrettyJson } from './json-text';
import { collect } from './text-sink';

const pretty = (value: unknown) => collect((sink) => writePrettyJson(value, sink));

describe('writePrettyJson', () => {
  it('writes what JSON.stringify(value, null, 2) writes, big containers opened and small ones whole', () => {
    const many = Array.from({ length: 40 }, (_, index) => ({ index, name: `n${index}`, nested: { list: [index, [index], {}], empty: [] } }));
    const wide = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`key ${index} "quoted"\n`, index % 2 === 0 ? { deep: many.slice(0, 20) } : 'v']));
    const values: unknown[] = [
      { stacks: [{ name: 'a', findings: many }], environments: [] },
      wide,
      many,
      [],
      {},
      'text with "quotes", a line\nbreak, \u2026 and \u{1f680}',
      42,
      null,
      true,
    ];

    for (const value of values) expect(pretty(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('leaves out undefined members of an object and writes undefined items of an array as null, as JSON.stringify does', () => {
    const holes = Array.from({ length: 20 }, (_, index) => (index % 3 === 0 ? undefined : index));
    const sparse = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`k${index}`, index % 4 === 0 ? undefined : { index, holes }]));
    const allUndefined = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`k${index}`, undefined]));

    for (const value of [holes, sparse, allUndefined, { big: allUndefined }]) expect(pretty(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('leaves an object with its own toJSON to JSON.stringify', () => {
    const dated = Array.from({ length: 20 }, (_, index) => ({ at: new Date(Date.UTC(2025, 0, index + 1)), index }));

    expect(pretty({ dated })).toBe(JSON.stringify({ dated }, null, 2));
  });
});
