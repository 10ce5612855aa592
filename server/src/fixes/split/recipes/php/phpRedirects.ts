// The files a PHP build's RUN lines write with shell redirections (`> "$PHP_INI_DIR/conf.d/x.ini"`,
// `>> /etc/apache2/apache2.conf`): the stage scan sees commands and their words, not where their
// output goes, and the split must copy (or decline) what they write outside the app.
import { Stage } from '../../../../core/stages';
import { resolvePath } from '../../../../rules/buildArtifacts';
import { StageScan, expandFully, unquote } from '../shared/stageScan';

/** PHP's image variables the RUN lines use for its configuration folders. */
const IMAGE_ENV: Record<string, string> = { PHP_INI_DIR: '/usr/local/etc/php', APACHE_CONFDIR: '/etc/apache2', APACHE_ENVVARS: '/etc/apache2/envvars' };

/**
 * Absolute targets of the stage's output redirections (`>`, `>>`, `>|`, `&>`), in order;
 * undefined for one the split cannot resolve (an unknown variable, or a relative path after a
 * `cd`). Descriptor duplications (`2>&1`) are not files.
 */
export function redirectTargets(stage: Stage, scan: StageScan): (string | undefined)[] {
  const vars = new Map<string, string>([...Object.entries(IMAGE_ENV), ...scan.env]);
  const targets: (string | undefined)[] = [];
  for (const instruction of stage.instructions.filter((i) => i.getKeyword() === 'RUN')) {
    const text = (instruction.getArgumentsContent() ?? '').replace(/\\\r?\n/g, ' ');
    const changesDirectory = /(^|[;&|(\s])cd\s/.test(text);
    for (const word of redirectWords(text)) {
      const path = expandFully(unquote(word), vars);
      targets.push(path === undefined || (!path.startsWith('/') && changesDirectory) ? undefined : resolvePath(scan.workdir, path));
    }
  }
  return targets;
}

/** The words after unquoted output redirection operators, as written (quotes kept). */
function redirectWords(text: string): string[] {
  const words: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\' && quote === '"') {
        i++;
      } else if (char === quote) {
        quote = undefined;
      }
      continue;
    }
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      continue;
    }
    if (char !== '>') {
      continue;
    }
    let j = i + 1;
    if (text[j] === '>' || text[j] === '|') {
      j++;
    }
    if (text[j] === '&' || text[j] === '(') {
      i = j; // 2>&1, >&2: a descriptor; >(...): a process substitution
      continue;
    }
    while (text[j] === ' ' || text[j] === '\t') {
      j++;
    }
    let end = j;
    let inQuote: string | undefined;
    while (end < text.length && (inQuote || !/[\s;&|)<>]/.test(text[end]))) {
      if (inQuote ? text[end] === inQuote : text[end] === '"' || text[end] === "'") {
        inQuote = inQuote ? undefined : text[end];
      }
      end++;
    }
    if (end > j) {
      words.push(text.slice(j, end));
    }
    i = end - 1;
  }
  return words;
}
