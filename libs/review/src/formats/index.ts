/** One entry point for every format. */
import { optionErrors } from '../errors';
import type { Report } from '../model';
import { formatJson } from './json';
import { formatMarkdown, type MarkdownOptions } from './markdown';
import { formatSarif, type SarifOptions } from './sarif';
import { formatTerminal, type TerminalOptions } from './terminal';

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
