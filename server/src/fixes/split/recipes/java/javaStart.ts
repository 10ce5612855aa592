// Reading a Java start command: `java [options] -jar <jar> [args]`, and the words that name
// files the runtime stage would not have (a config file next to the jar, an agent).

/** The java launcher, by name or by the JDK images' paths. */
export const JAVA = /^(java|\/usr\/bin\/java|\/opt\/java\/openjdk\/bin\/java|\/usr\/local\/openjdk-\d+\/bin\/java)$/;
/** JVM options that take the next word as their value. */
const JVM_VALUE_OPTIONS = new Set(['--add-opens', '--add-exports', '--add-modules', '--add-reads', '--enable-native-access']);

export interface JavaCommand {
  options: string[];
  jar: string;
  args: string[];
}

/**
 * A `java [options] -jar <jar> [args]` command. Undefined for a class path, a module, an agent
 * or an argument file (files the runtime would not have), and for options or arguments naming
 * files outside the jar.
 */
export function javaCommand(words: string[]): JavaCommand | undefined {
  const options: string[] = [];
  let i = 1;
  for (; i < words.length && words[i] !== '-jar'; i++) {
    const word = words[i];
    if (!word.startsWith('-') || /^(-cp|-classpath|--class-path|-p|--module-path|-m|--module|-javaagent:.*|-agentpath:.*|-splash:.*)$/.test(word)) {
      return undefined;
    }
    options.push(word);
    if (JVM_VALUE_OPTIONS.has(word) && words[i + 1] !== undefined) {
      options.push(words[++i]);
    }
  }
  const jar = words[i + 1];
  const args = words.slice(i + 2);
  if (jar === undefined || [...options, ...args].some(namesAFile)) {
    return undefined;
  }
  return { options, jar, args };
}

/** A value that points into the file system (`-Dlogging.config=/app/log.xml`, `--config=./x.yml`). */
export function namesAFile(word: string): boolean {
  const value = word.replace(/^[^=]*=/, '');
  return !/^(file:)?\/dev\//.test(value) && !value.startsWith('/tmp') && !/^(classpath:|\w+:\/\/)/.test(value) && (/^(\.{0,2}\/|file:)/.test(value) || /\.(xml|ya?ml|properties|json|conf|jks|p12|pem)$/.test(value));
}

export interface JavaClassPathCommand {
  /** Everything after the java launcher, with the class or module path made absolute. */
  rest: string[];
  /** The folders and files the class or module path names, as absolute paths in the builder. */
  paths: string[];
}

/**
 * `java [options] -cp <path> <main class> [args]` or `java [options] -p <path> -m <module>`: the
 * runtime copies what the path names (its entries, a `dir/*` as its folder) and runs the same
 * command line. Undefined for agents, option files and options or arguments naming other files.
 */
export function javaClassPathCommand(words: string[], workdir: string, resolve: (dir: string, path: string) => string): JavaClassPathCommand | undefined {
  const rest: string[] = [];
  const paths: string[] = [];
  let i = 1;
  let found = false;
  for (; i < words.length; i++) {
    const word = words[i];
    if (/^(-cp|-classpath|--class-path|-p|--module-path)$/.test(word) && words[i + 1] !== undefined) {
      const entries = words[++i].split(':').filter((entry) => entry !== '');
      const absolute = entries.map((entry) => resolve(workdir, entry.replace(/\/\*$/, '')) + (entry.endsWith('/*') ? '/*' : ''));
      paths.push(...absolute.map((entry) => entry.replace(/\/\*$/, '')));
      rest.push(word, absolute.join(':'));
      found = true;
      continue;
    }
    if (/^(-m|--module)$/.test(word)) {
      rest.push(...words.slice(i));
      break;
    }
    if (!word.startsWith('-')) {
      rest.push(...words.slice(i)); // the main class and its arguments
      break;
    }
    if (/^(-jar|-javaagent:.*|-agentpath:.*|-splash:.*|@.*)$/.test(word) || namesAFile(word)) {
      return undefined;
    }
    rest.push(word);
  }
  const main = words.slice(i);
  if (!found || main.length === 0 || main.slice(1).some(namesAFile) || paths.some((path) => /[*?[$]/.test(path))) {
    return undefined;
  }
  return { rest, paths };
}

/**
 * `java ... -jar target/*.jar` in shell form: the shell only expands the jar's pattern, which the
 * builder resolves itself; its words, or undefined for anything else a shell does.
 */
export function javaWithJarPattern(shellForm: string | undefined): string[] | undefined {
  const words = (shellForm ?? '').replace(/^exec\s+/, '').split(/\s+/);
  const jar = words[words.indexOf('-jar') + 1] ?? '';
  const plain = (word: string) => /^[\w./:=+,@%-]+$/.test(word);
  return JAVA.test(words[0] ?? '') && words.includes('-jar') && /^[\w./-]*\*[\w.-]*$/.test(jar) && words.every((word) => word === jar || plain(word)) ? words : undefined;
}
