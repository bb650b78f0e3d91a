/**
 * The frame of the HTML report: head, style, the inlined mermaid bundle and the few lines that
 * start it. Its content security policy allows no request at all, so the page provably draws
 * everything from itself, and injected markup could neither load nor send anything.
 */
import { inlineScript } from './html-mermaid';
import type { LineSink } from './text-sink';

export interface PageParts {
  readonly title: string;
  /** The mermaid bundle, inlined as is (see `inlineScript`). */
  readonly mermaid: string;
}

/** Inline scripts and styles only; no source may be fetched (`default-src 'none'`). */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/**
 * Draws every diagram, then marks the body `data-diagrams="done"` (or `failed`) so a reader, or a
 * test, knows the drawing has finished. A diagram mermaid cannot parse shows mermaid's own error
 * in its place; the rest are still drawn.
 */
const START_MERMAID = `
(function () {
  var done = function (state) { document.body.setAttribute('data-diagrams', state); };
  if (typeof mermaid === 'undefined') { done('failed'); return; }
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', maxTextSize: 200000, flowchart: { useMaxWidth: true } });
  mermaid.run({ querySelector: 'pre.mermaid', suppressErrors: true }).then(function () { done('done'); }, function () { done('failed'); });
})();
`;

const STYLE = `
:root { color-scheme: light; --border: #d0d7de; --muted: #57606a; }
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0 auto; padding: 24px; max-width: 1400px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; border-bottom: 1px solid var(--border); padding-bottom: 4px; margin-top: 40px; }
h3 { font-size: 15px; margin: 20px 0 8px; }
table { border-collapse: collapse; margin: 8px 0; width: 100%; }
th, td { border: 1px solid var(--border); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
table.summary td:not(:first-child):not(:last-child) { text-align: right; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.totals, .counts, .quiet, figcaption { color: var(--muted); }
strong.high, tr.high td.severity { color: #cf222e; font-weight: 600; }
tr.medium td.severity { color: #9a6700; }
tr.low td.severity { color: #0969da; }
tr.added td:first-child { color: #1a7f37; font-weight: 600; }
tr.removed td:first-child { color: #cf222e; font-weight: 600; }
figure.diagram { margin: 0; border: 1px solid var(--border); border-radius: 6px; padding: 12px; overflow-x: auto; }
pre.mermaid { margin: 0; text-align: center; background: #fff; }
figcaption { font-size: 12px; margin-top: 8px; }
.note { font-style: italic; }
`;

/** Writes the page a line at a time: its head, then the body `writeBody` writes (every text in it already escaped), then the scripts. */
export function writePage(parts: PageParts, line: LineSink, writeBody: () => void): void {
  line('<!doctype html>');
  line('<html lang="en">');
  line('<head>');
  line('<meta charset="utf-8">');
  line(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
  line('<meta name="viewport" content="width=device-width, initial-scale=1">');
  line(`<title>${escapeHtml(parts.title)}</title>`);
  line(`<style>${STYLE}</style>`);
  line('</head>');
  line('<body>');
  writeBody();
  line(`<script>${inlineScript(parts.mermaid)}</script>`);
  line(`<script>${START_MERMAID}</script>`);
  line('</body>');
  line('</html>');
  line('');
}

const HTML_SPECIAL = /[&<>"']/;

/** Text for an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  // Most texts (addresses, rule ids, figures) hold nothing to escape: one test instead of five copies.
  if (!HTML_SPECIAL.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
