// `sed -i` that only substitutes text inside the files it names (`sed -i 's/\r$//g' entrypoint.sh`):
// its effect stays in those files, so a split whose builder runs it and whose runtime copies the
// folder holding them gets the same files. Anything else sed can do beyond the named files (the
// `w` and `e` flags and commands, a script read from a file, following a symlink out of the
// folder) is not accepted here.

/** The files a `sed -i` edits (as written), or the reason the split cannot follow it. */
export function sedInPlaceFiles(args: string[]): { files: string[] } | { reason: string } {
  const scripts: string[] = [];
  const operands: string[] = [];
  let inPlace = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [option, value] = arg.split(/=(.*)/s);
      if (option === '--in-place') {
        inPlace = true; // a backup suffix puts the backup beside the file
      } else if (option === '--expression') {
        scripts.push(value ?? args[++i] ?? '');
      } else if (!['--regexp-extended', '--separate', '--quiet', '--silent', '--null-data', '--unbuffered', '--posix'].includes(option)) {
        return { reason: `\`sed ${option}\`` };
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      // a cluster of short options: `-i` and `-e` take the rest of it (`-ie` is -i with the suffix "e")
      for (let j = 1; j < arg.length; j++) {
        const flag = arg[j];
        if (flag === 'i') {
          inPlace = true;
          break;
        }
        if (flag === 'e') {
          scripts.push(j + 1 < arg.length ? arg.slice(j + 1) : args[++i] ?? '');
          break;
        }
        if (!'Ersnzu'.includes(flag)) {
          return { reason: `\`sed -${flag}\`` };
        }
      }
    } else {
      operands.push(arg);
    }
  }
  if (scripts.length === 0 && operands.length > 0) {
    scripts.push(operands.shift() ?? '');
  }
  if (!inPlace || operands.length === 0) {
    return { reason: 'sed without -i and a file' };
  }
  const unknown = scripts.find((script) => !onlySubstitutions(script));
  return unknown === undefined ? { files: operands } : { reason: `the sed script \`${unknown}\`, which does more than substitute text` };
}

/** Flags of `s` that stay within the line: not `w` (writes a file) or `e` (runs the line as a command). */
const SUBSTITUTE_FLAGS = /[gpIiMm0-9]/;

/** A script of `s/regex/replacement/flags` commands only, separated by `;` or newlines. */
function onlySubstitutions(script: string): boolean {
  let i = 0;
  const skipBlanks = () => {
    while (i < script.length && /[\s;]/.test(script[i])) {
      i++;
    }
  };
  skipBlanks();
  if (i === script.length) {
    return false;
  }
  while (i < script.length) {
    if (script[i] !== 's' || i + 1 >= script.length) {
      return false;
    }
    const delimiter = script[i + 1];
    if (delimiter === '\\' || delimiter === '\n') {
      return false;
    }
    i += 2;
    for (let part = 0; part < 2; part++) {
      while (i < script.length && script[i] !== delimiter) {
        i += script[i] === '\\' ? 2 : 1;
      }
      if (i >= script.length) {
        return false;
      }
      i++;
    }
    while (i < script.length && SUBSTITUTE_FLAGS.test(script[i])) {
      i++;
    }
    if (i < script.length && !/[\s;]/.test(script[i])) {
      return false;
    }
    skipBlanks();
  }
  return true;
}
