// When neither the start command nor pom.xml/build.gradle names the jar, the builder picks it:
// the one runnable jar in the build's output folder, copied to a fixed name the runtime stage
// can name. Not runnable: Gradle's `-plain.jar` (next to Spring Boot's bootJar), Maven Shade's
// `original-*.jar`, and `-sources`/`-javadoc`/`-tests` jars; a fat jar (`-all`, Shadow;
// `-jar-with-dependencies`, Assembly) wins over the plain jar next to it. Anything else stops
// the build with a message rather than shipping the wrong jar.

/** Where the runtime stage has the picked jar. */
export const FIXED_JAR = '/app/app.jar';

/**
 * Where the builder puts it: a folder in the build's output folder, which the build's user
 * created (a `USER` in the builder may not write anywhere else).
 */
export function pickedJarPath(output: string): string {
  return `${output}/runnable/app.jar`;
}

/** The builder lines that copy the build's runnable jar from `output` to FIXED_JAR. */
export function pickJarLines(output: string): string[] {
  return [
    '',
    '# The jar\'s name is not known here: keep the one runnable jar the build wrote under a fixed name.',
    `RUN set -- $(ls ${output}/*.jar 2>/dev/null | grep -Ev '(-plain|-sources|-javadoc|-tests)\\.jar$|/original-[^/]*$'); \\`,
    '    for jar in "$@"; do case "$jar" in *-all.jar|*-jar-with-dependencies.jar) set -- "$jar"; break;; esac; done; \\',
    `    if [ "$#" -ne 1 ]; then echo "Expected one runnable jar in ${output}, found: \${*:-none}" >&2; exit 1; fi; \\`,
    '    (cd /tmp && jar xf "$1" META-INF/MANIFEST.MF) && grep -q "^Main-Class:" /tmp/META-INF/MANIFEST.MF \\',
    '    || { echo "$1 names no Main-Class, so java -jar cannot run it" >&2; exit 1; }; \\',
    `    mkdir -p ${output}/runnable && cp "$1" ${pickedJarPath(output)}`,
  ];
}
