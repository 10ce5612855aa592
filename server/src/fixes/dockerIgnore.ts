// What `.dockerignore` keeps out of the build context, so a fix never copies a path the builder
// does not have (the COPY would fail). Docker's rules (docs.docker.com/build/concepts/context,
// "dockerignore files"): patterns are relative to the context root, a leading or trailing `/`
// is dropped, `*` and `?` stay within a path segment, `**` spans segments, `!` re-includes, the
// last matching line wins, and a pattern that matches a folder excludes all beneath it.
import { resolvePath } from '../rules/buildArtifacts';
import { BuildContext } from './fix';

export interface DockerIgnore {
  /** Whether `relativePath` (from the context root, no leading `./`) is left out of the context. */
  excludes(relativePath: string): boolean;
  /** Whether a `!` line may bring back something beneath the folder `relativePath` (or anywhere, for a leading wildcard). */
  reincludesUnder?(relativePath: string): boolean;
}

interface Rule {
  pattern: RegExp;
  negated: boolean;
  /** The cleaned pattern text. */
  glob: string;
}

/**
 * The ignore file BuildKit uses: `<Dockerfile name>.dockerignore` beside the Dockerfile (here the
 * context root) when there is one and the name is known, else `.dockerignore`.
 */
export function readDockerIgnore(context: BuildContext | undefined, dockerfileName?: string): DockerIgnore {
  return parseDockerIgnore(findDockerIgnoreFile(context, dockerfileName)?.text ?? '');
}

/** Which ignore file applies and its text; undefined when the context has none. */
export function findDockerIgnoreFile(context: BuildContext | undefined, dockerfileName?: string): { path: string; text: string } | undefined {
  const candidates = dockerfileName ? [`${dockerfileName}.dockerignore`, '.dockerignore'] : ['.dockerignore'];
  for (const candidate of candidates) {
    const text = context?.readFile(candidate);
    if (text !== undefined) {
      return { path: candidate, text };
    }
  }
  return undefined;
}

export function parseDockerIgnore(text: string): DockerIgnore {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const negated = line.startsWith('!');
    line = negated ? line.slice(1).trim() : line;
    const cleaned = cleanPath(line);
    if (cleaned !== '') {
      rules.push({ pattern: globToRegExp(cleaned), negated, glob: cleaned });
    }
  }
  return {
    excludes(relativePath) {
      const segments = cleanPath(relativePath).split('/');
      let excluded = false;
      for (const rule of rules) {
        // The path itself or any folder holding it.
        const matches = segments.some((_, index) => rule.pattern.test(segments.slice(0, index + 1).join('/')));
        if (matches) {
          excluded = !rule.negated;
        }
      }
      return excluded;
    },
    reincludesUnder(relativePath) {
      const folder = cleanPath(relativePath);
      return rules.some((rule) => rule.negated && (rule.glob.startsWith(`${folder}/`) || /^[*?[]/.test(rule.glob)));
    },
  };
}

/** `a/./b/../c/` → `a/c`: relative to the context root, as Docker cleans it. */
function cleanPath(path: string): string {
  return resolvePath('/', path).slice(1);
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        source += '(?:.*/)?';
      } else {
        source += '.*';
      }
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '\\' && i + 1 < glob.length) {
      source += glob[++i].replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
