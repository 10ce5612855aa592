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
