import { readdirSync } from 'node:fs';
import { join, parse } from 'node:path';
import { GUARDRAIL_RULES } from './pack';

describe('the guardrail pack', () => {
  const ruleFiles = readdirSync(join(__dirname, 'rules'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => parse(file).name)
    .sort();

  it('registers every rule file exactly once, under the file name', () => {
    expect(GUARDRAIL_RULES.map((rule) => rule.id).sort()).toEqual(ruleFiles);
  });

  it('gives every rule a level, an info and an explanation', () => {
    for (const rule of GUARDRAIL_RULES) {
      expect(['error', 'warning']).toContain(rule.level);
      expect(rule.info.length).toBeGreaterThan(20);
      expect(rule.explanation.length).toBeGreaterThan(20);
    }
  });
});
