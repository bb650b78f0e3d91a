/** One entry point for the three formats. */
import { optionErrors } from '../errors';
import type { Report } from '../model';
import { formatJson } from './json';
import { formatMarkdown, type MarkdownOptions } from './markdown';
import { formatTerminal, type TerminalOptions } from './terminal';

export const FORMATS = ['terminal', 'markdown', 'json'] as const;
export type ReportFormat = (typeof FORMATS)[number];

export type FormatOptions = TerminalOptions & MarkdownOptions;

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
  }
}
