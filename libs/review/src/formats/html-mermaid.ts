/**
 * The mermaid browser bundle, read from node_modules, and how to inline it in a `<script>`
 * element: the HTML report draws its diagrams without any network, from a single file.
 */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** `mermaid/dist/mermaid.min.js` (about 3.5 MB), read once per process. */
export function mermaidScript(): string {
  cached ??= readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  return cached;
}

/**
 * Script text that cannot end its `<script>` element early. Only `</script` can (HTML ends the
 * element at it whatever the JavaScript around it); in the places JavaScript can hold it (strings,
 * template literals, regular expressions, comments) `<\/script` means the same.
 */
export function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}
