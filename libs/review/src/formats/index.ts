/** One entry point for every format. */
import { writeFileSync } from 'node:fs';
import { optionErrors } from '../errors';
import type { Report } from '../model';
import { formatJson, writeJson } from './json';
import { formatMarkdown, type MarkdownOptions } from './markdown';
import { formatSarif, writeSarif, type SarifOptions } from './sarif';
import { formatTerminal, type TerminalOptions } from './terminal';
import { writeTextFile } from './text-sink';

export const FORMATS = ['terminal', 'markdown', 'json', 'sarif'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export type FormatOptions = TerminalOptions & MarkdownOptions & SarifOptions;

export function parseFormat(text: string): ReportFormat {
  if (!(FORMATS as readonly string[]).includes(text)) throw optionErrors.unknownFormat(text, FORMATS);
  return text as ReportFormat;
}

export function formatReport(report: Report, format: ReportFormat, options: FormatOptions = {}): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'markdown':
      return formatMarkdown(report, options);
    case 'terminal':
      return formatTerminal(report, options);
    case 'sarif':
      return formatSarif(report, options);
  }
}

/**
 * Writes formatReport's text to a file (created or replaced). The JSON and SARIF of a big plan are
 * written as they are made, never held whole; the Markdown and terminal formats are small by design.
 */
export function writeReportFile(path: string, report: Report, format: ReportFormat, options: FormatOptions = {}): void {
  switch (format) {
    case 'json':
      return writeTextFile(path, (sink) => writeJson(report, sink));
    case 'sarif':
      return writeTextFile(path, (sink) => writeSarif(report, options, sink));
    case 'markdown':
    case 'terminal':
      return writeFileSync(path, formatReport(report, format, options));
  }
}
