// The compose services that build this folder: from `compose.y(a)ml` or `docker-compose.y(a)ml`
// beside the Dockerfile, or one or two folders up (a repository's root building `app/`). What
// they mount (composeMounts.ts) and how they start the container (composeCommands.ts) decide
// whether the split's runtime still works under them. Read as plain YAML text (the subset compose
// files use: `services:`, `build:` in short or long form), since the split adds no dependency for it.
import { BuildContext } from '../fix';

const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
/** How far up a compose file may build this folder: `app/` from the repository's root, or `services/web/`. */
const LEVELS_UP = 2;

export interface ComposeService {
  /** The compose file, relative to the Dockerfile's folder (`../docker-compose.yml`). */
  file: string;
  name: string;
  /** The service's lines (comments and blank lines dropped), indented as in the file. */
  body: string[];
  indentOf: (line: string) => number;
}

export function servicesBuiltHere(context: BuildContext): ComposeService[] {
  return composeFiles(context).flatMap(({ file, text, pathBelow }) => servicesOf(file, text).filter((service) => builtHere(service.body, pathBelow)));
}

/** The value of a service's key written on its own line (`command: npm start`), unquoted; undefined when absent or a list. */
export function serviceValue(service: ComposeService, key: string): string | undefined {
  const { body, indentOf } = service;
  const line = body.find((candidate) => candidate.trimStart().startsWith(`${key}:`) && indentOf(candidate) === indentOf(body[0]));
  const value = line?.trimStart().slice(key.length + 1).trim();
  return value === undefined || value === '' ? undefined : value.replace(/^(["'])(.*)\1$/, '$2');
}

/** The compose files beside the Dockerfile and in the folders above it, with the path from each down to the build context. */
function composeFiles(context: BuildContext): { file: string; text: string; pathBelow: string }[] {
  const found: { file: string; text: string; pathBelow: string }[] = [];
  for (const file of COMPOSE_FILES) {
    const text = context.readFile(file);
    if (text !== undefined) {
      found.push({ file, text, pathBelow: '' });
    }
  }
  for (let levelsUp = 1; levelsUp <= LEVELS_UP; levelsUp++) {
    for (const file of COMPOSE_FILES) {
      const above = context.readAbove?.(levelsUp, file);
      if (above) {
        found.push({ file: `${'../'.repeat(levelsUp)}${file}`, text: above.text, pathBelow: above.pathBelow });
      }
    }
  }
  return found;
}

function servicesOf(file: string, text: string): ComposeService[] {
  const lines = text.split(/\r?\n/).map((line) => line.replace(/\s+#.*$/, '')).filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  const services: ComposeService[] = [];
  const servicesAt = lines.findIndex((line) => /^services:\s*$/.test(line));
  if (servicesAt < 0) {
    return services;
  }
  const indentOf = (line: string) => line.length - line.trimStart().length;
  let index = servicesAt + 1;
  const serviceIndent = lines[index] ? indentOf(lines[index]) : 0;
  while (index < lines.length && indentOf(lines[index]) >= serviceIndent && serviceIndent > 0) {
    const name = lines[index].trim().replace(/:$/, '');
    const body: string[] = [];
    for (index++; index < lines.length && indentOf(lines[index]) > serviceIndent; index++) {
      body.push(lines[index]);
    }
    if (body.length > 0) {
      services.push({ file, name, body, indentOf });
    }
  }
  return services;
}

/** `build: <pathBelow>` (`.` beside the Dockerfile), or a `build:` mapping whose `context` is that folder. */
function builtHere(body: string[], pathBelow: string): boolean {
  const unquote = (value: string) => value.trim().replace(/^["']|["']$/g, '');
  const build = body.findIndex((line) => /^\s*build:/.test(line));
  if (build < 0) {
    return false;
  }
  const inline = unquote(body[build].replace(/^\s*build:/, ''));
  const context = inline !== '' ? inline : unquote(body.slice(build + 1).find((line) => /^\s*context:/.test(line))?.replace(/^\s*context:/, '') ?? '.');
  return normalFolder(context) === normalFolder(pathBelow);
}

/** `./app/` and `app` name the same folder; `.`, `./` and `` the compose file's own. */
function normalFolder(folder: string): string {
  return folder.replace(/^(\.\/)+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}
