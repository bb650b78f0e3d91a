import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding, Report, StackReport } from '../model';
import { emulatorFixture } from '../testing/emulator';
import { RISKY_STACK, SAMPLE_REPORT } from '../testing/reports';
import { changeGraph } from './diagram-graph';
import { formatHtml, writeHtmlFile } from './html';
import { FORMATS, formatReport, writeReportFile } from './index';
import { collect, writeTextFile } from './text-sink';

/**
 * A stack with thousands of findings and cost lines whose texts hold markup, quotes and characters
 * beyond Latin-1 (an emoji is two UTF-16 units): the files are written in many chunks, and each
 * chunk boundary falls somewhere inside the text.
 */
function bigStack(): StackReport {
  const findings: Finding[] = Array.from({ length: 4000 }, (_, index) => ({
    severity: (['high', 'medium', 'low'] as const)[index % 3],
    rule: ['iam-broadening', 'public-exposure', 'missing-tags'][index % 3],
    address: `aws_s3_bucket.data_${index}["caf\u00e9"]`,
    message: `policy: new action s3:* on <"*"> & more \u2026 \u{1f680} ${'x'.repeat(index % 97)}`,
  }));
  const lines = Array.from({ length: 3000 }, (_, index) => ({
    address: `aws_nat_gateway.zone_${index}`,
    type: 'aws_nat_gateway',
    monthlyUsd: index * 1.37,
    fixedUsd: index,
    basis: `730 h \u00d7 0.048 USD/h <${index}>`,
  }));
  return {
    ...RISKY_STACK,
    name: 'prod-eu-west-1 \u2014 big',
    findings,
    cost: {
      region: 'eu-west-1',
      monthlyUsd: { before: 1, after: 2, delta: 1 },
      fixedUsd: 1,
      usageUsd: 1,
      unpriced: ['aws_thing'],
      lines,
    },
  };
}

describe('report files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'review-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const big: Report = { stacks: [...SAMPLE_REPORT.stacks, bigStack()] };
  const diagrams = new Map([['prod-eu-west-1', changeGraph(emulatorFixture('drifted.plan'))]]);

  it('writes every format byte for byte as formatReport gives it, for a small and a big report', () => {
    for (const report of [SAMPLE_REPORT, big]) {
      for (const format of FORMATS) {
        const path = join(dir, `review.${format}`);
        const options = { diagrams, sourceRoot: dir, toolVersion: '1.2.3' };

        writeReportFile(path, report, format, options);

        expect(readFileSync(path, 'utf8')).toBe(formatReport(report, format, options));
      }
    }
  });

  it('writes the HTML report byte for byte as formatHtml gives it, the inlined bundle bigger than a chunk', () => {
    // Beyond Latin-1, and longer than the 64 KB the writer encodes at once.
    const mermaidScript = `/* mermaid stand-in \u2192 */ var x = "${'\u00e9\u4e2d'.repeat(40_000)}";`;
    const path = join(dir, 'review.html');

    writeHtmlFile(path, big, { diagrams, mermaidScript });

    expect(readFileSync(path, 'utf8')).toBe(formatHtml(big, { diagrams, mermaidScript }));
  });

  it('replaces a file it writes, as writeFileSync does, and leaves an empty text as an empty file', () => {
    const path = join(dir, 'replaced.txt');
    writeTextFile(path, (sink) => sink('a longer text than the next one'));

    writeTextFile(path, (sink) => {
      sink('short');
      sink('');
    });
    writeTextFile(join(dir, 'empty.txt'), () => undefined);

    expect(readFileSync(path, 'utf8')).toBe('short');
    expect(readFileSync(join(dir, 'empty.txt'), 'utf8')).toBe('');
    expect(collect((sink) => ['a', 'b', 'c'].forEach(sink))).toBe('abc');
  });
});
