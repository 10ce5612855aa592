// The Dockerfile templates of `snippets/dockerfile.json`: VS Code shows them through the
// extension's snippet contribution; the server offers the same file as completion items so
// that other editors get them too. One file, read once; the .vsix ships it beside `dist/`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SnippetDefinition, bodyText, expandSnippet, prefixesOf, snippetFileProblems } from './snippetSyntax';

export interface Template {
  /** The snippet's name in the JSON file, e.g. `Multistage: Go → distroless static`. */
  name: string;
  prefixes: string[];
  description: string;
  /** The body in VS Code snippet syntax. */
  snippet: string;
  /** The body with every tab stop at its default, for clients without snippet support. */
  text: string;
  /** A whole Dockerfile (offered in an empty file) rather than a few lines. */
  isFileTemplate: boolean;
}

export const SNIPPETS_FILE = path.join('snippets', 'dockerfile.json');

/** `snippets/dockerfile.json` in `start` or the nearest folder above it (the bundle is in `dist/`, tests in `out/...`). */
export function findSnippetsFile(start: string): string | undefined {
  for (let directory = path.resolve(start); ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, SNIPPETS_FILE);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
    if (path.dirname(directory) === directory) {
      return undefined;
    }
  }
}

/** Templates from the JSON text; an invalid file gives none and its problems. */
export function parseTemplates(json: string): { templates: Template[]; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { templates: [], problems: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const problems = snippetFileProblems(raw);
  if (problems.length > 0) {
    return { templates: [], problems };
  }
  const templates = Object.entries(raw as Record<string, SnippetDefinition>).map(([name, definition]): Template => {
    const snippet = bodyText(definition);
    return {
      name,
      prefixes: prefixesOf(definition),
      description: definition.description ?? '',
      snippet,
      text: expandSnippet(snippet).text,
      isFileTemplate: definition.isFileTemplate === true,
    };
  });
  return { templates, problems: [] };
}

/** Reads the templates once; `report` hears why there are none (missing or invalid file). */
export function loadTemplates(start: string, report: (problem: string) => void): Template[] {
  const file = findSnippetsFile(start);
  if (!file) {
    report(`no ${SNIPPETS_FILE} found above ${start}: no templates are offered`);
    return [];
  }
  const { templates, problems } = parseTemplates(fs.readFileSync(file, 'utf8'));
  problems.forEach((problem) => report(`${file}: ${problem}`));
  return templates;
}
