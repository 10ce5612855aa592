// The runtime stages the Java split offers: distroless javaNN (ENTRYPOINT `java -jar`, no shell)
// and the Temurin JRE of the build's own release (a shell, java on PATH), each from the same
// artifacts; and the JVM options a later release refuses, which rule out moving there.
import { resolvePath } from '../../../../rules/buildArtifacts';
import { Artifact, SplitPlan, StartCommand } from '../../recipe';
import { installLines, nonRootUserLines } from '../shared/osPackages';
import { DISTROLESS_NONROOT as NONROOT } from '../shared/splitHelpers';
import { StageScan } from '../shared/stageScan';
import { JAVA, JavaClassPathCommand, javaClassPathCommand, javaCommand, javaWithJarPattern, namesAFile } from './javaStart';

/**
 * JVM options removed between two releases (the JVM exits with "Unrecognized VM option"): JDK
 * release notes, JEP 363 (CMS, 14), JDK-8210669 (AggressiveOpts, 11), JDK-8065972 (ParNew, 10),
 * and the permanent generation's options, expired in 17.
 */
const REMOVED_JVM_OPTIONS: { option: RegExp; release: number }[] = [
  { option: /^-XX:[+-]UseParNewGC$/, release: 10 },
  { option: /^-XX:[+-]AggressiveOpts$/, release: 11 },
  { option: /^-XX:[+-](UseConcMarkSweepGC|CMS\w+)(=.*)?$/, release: 14 },
  { option: /^-XX:(Max)?PermSize=/, release: 17 },
];

export function removedJvmOptions(words: string[], from: number, to: number): string[] {
  return [...new Set(words)].filter((word) => REMOVED_JVM_OPTIONS.some(({ option, release }) => option.test(word) && from < release && release <= to));
}

export interface JavaStart {
  /** The jar the runtime runs, as a path in the builder. */
  jar: string;
  /** The builder picks the jar (its name is unknown); the runtime has it as FIXED_JAR. */
  picked: boolean;
  /** The original has no start command; the split adds one. */
  added: boolean;
  entrypointRunsJava: boolean;
  /** The start command runs a class or module path of the build's output instead of a jar. */
  classPath?: JavaClassPathCommand;
  /** The start command names the jar by a pattern (`target/*.jar`), which the builder resolves. */
  pattern?: string;
  /** JVM options of a `java ... -jar` CMD (the CMD becomes an ENTRYPOINT that keeps them). */
  cmdOptions: string[];
}

export interface SharedPlan {
  scan: StageScan;
  /** The runtime's WORKDIR. */
  workdir: string;
  start: JavaStart;
  jar: string;
  runtimeJar: string;
  artifacts: Artifact[];
  volumeSetup: string[];
  builderFinish?: string[];
  /** Spring Boot's launcher with its class path (`-cp /opt/app <class>`): what runs instead of `-jar <jar>`. */
  launch?: string[];
}

/**
 * distroless javaNN, whose ENTRYPOINT is `java -jar`: a CMD holds only the jar and its arguments.
 * JVM options stay on the command line: the runtime's ENTRYPOINT becomes plain java and the CMD
 * keeps them (JAVA_TOOL_OPTIONS would reject some, `-server` among them: "Unrecognized option").
 */
export function distrolessPlan({ scan, start, jar, runtimeJar, artifacts, workdir, volumeSetup, builderFinish, launch }: SharedPlan, release: number, notes: string[]): SplitPlan {
  const cmdOptions = start.cmdOptions;
  const classPath = start.classPath;
  // A CMD with JVM options, a class path or Spring Boot's launcher: the ENTRYPOINT is plain java, and the CMD its arguments.
  const plainJava = cmdOptions.length > 0 || ((launch !== undefined || classPath !== undefined) && !start.entrypointRunsJava);
  // What follows the JVM options: `-jar <jar>`, or the launcher that runs the extracted layers.
  const program = launch ?? ['-jar', runtimeJar];
  const adapt = (command: StartCommand): StartCommand | undefined => {
    if (classPath) {
      return JAVA.test(command.words[0] ?? '') && javaClassPathCommand(command.words, scan.workdir, resolvePath)?.rest.join('\0') === classPath.rest.join('\0')
        ? command.keyword === 'ENTRYPOINT' ? { keyword: 'ENTRYPOINT', words: ['/usr/bin/java', ...classPath.rest] } : { keyword: 'CMD', words: classPath.rest }
        : undefined;
    }
    if (!JAVA.test(command.words[0] ?? '')) {
      // Arguments to the java ENTRYPOINT, unless they name files the runtime would not have.
      return command.keyword === 'CMD' && start.entrypointRunsJava && !command.words.some(namesAFile) ? command : undefined;
    }
    const parsed = javaCommand(command.words);
    if (!parsed || (resolvePath(scan.workdir, parsed.jar) !== jar && parsed.jar !== start.pattern)) {
      return undefined;
    }
    if (command.keyword === 'ENTRYPOINT') {
      return { keyword: 'ENTRYPOINT', words: ['/usr/bin/java', ...parsed.options, ...program, ...parsed.args] };
    }
    if (parsed.options.join('\0') !== cmdOptions.join('\0')) {
      return undefined;
    }
    return { keyword: 'CMD', words: [...cmdOptions, ...(plainJava ? program : [runtimeJar]), ...parsed.args] };
  };
  return {
    builderSetup: volumeSetup,
    builderFinish,
    runtimeImage: `gcr.io/distroless/java${release}-debian13:nonroot`,
    runtimeNotes: [
      `Runtime: distroless Java ${release} (no shell), as non-root; its entrypoint is \`java -jar\`${plainJava || start.entrypointRunsJava ? ', set here to plain java (`/usr/bin/java`)' : ''}.`,
      ...(cmdOptions.length > 0 && !launch ? ['The CMD has JVM options: the ENTRYPOINT is plain java, so the CMD keeps them, as the original did.'] : []),
      ...(classPath ? [`The app runs from a class or module path the build wrote (${classPath.paths.join(', ')}), copied to the same paths; ${plainJava ? 'the ENTRYPOINT is plain java and the CMD runs the same command line' : 'the same command line runs'}.`] : []),
      ...notes,
    ],
    artifacts,
    workdir,
    runtimeEnv: [],
    runtimeEntrypoint: plainJava ? ['/usr/bin/java'] : ['/usr/bin/java', '-jar'],
    setEntrypoint: plainJava ? ['/usr/bin/java'] : undefined,
    runtimeUser: NONROOT,
    adaptStart: adapt,
    adaptShellStart: (keyword, shellForm) => {
      const words = javaWithJarPattern(shellForm);
      return words ? adapt({ keyword, words }) : undefined;
    },
    defaultStart: { keyword: 'CMD', words: launch ?? [runtimeJar] },
  };
}

/**
 * eclipse-temurin:NN-jre (Ubuntu, a shell, java on PATH; its ENTRYPOINT only adds CA certificates
 * and runs the command: adoptium/containers `__cacert_entrypoint.sh`): the start command stays a
 * java command line, with the jar's new path, under a non-root user made for it.
 */
export function temurinPlan({ scan, start, jar, runtimeJar, artifacts, workdir, volumeSetup, builderFinish, launch }: SharedPlan, release: number, packages: string[], notes: string[]): SplitPlan {
  const classPath = start.classPath;
  const adapt = (command: StartCommand): StartCommand | undefined => {
    if (!JAVA.test(command.words[0] ?? '')) {
      return undefined;
    }
    if (classPath) {
      return javaClassPathCommand(command.words, scan.workdir, resolvePath)?.rest.join('\0') === classPath.rest.join('\0') ? { keyword: command.keyword, words: ['java', ...classPath.rest] } : undefined;
    }
    const parsed = javaCommand(command.words);
    if (!parsed || (resolvePath(scan.workdir, parsed.jar) !== jar && parsed.jar !== start.pattern)) {
      return undefined;
    }
    return { keyword: command.keyword, words: ['java', ...parsed.options, ...(launch ?? ['-jar', runtimeJar]), ...parsed.args] };
  };
  return {
    builderSetup: volumeSetup,
    builderFinish,
    runtimeImage: `eclipse-temurin:${release}-jre`,
    runtimeNotes: [
      `Runtime: eclipse-temurin:${release}-jre, the same Java without the JDK and the build tool, as non-root.`,
      ...(classPath ? [`The app runs from a class or module path the build wrote (${classPath.paths.join(', ')}), copied to the same paths.`] : []),
      ...notes,
    ],
    runtimeSetup: [...installLines('debian', packages), ...nonRootUserLines('debian')],
    artifacts,
    workdir,
    runtimeEnv: [],
    runtimeEntrypoint: [],
    runtimeUser: NONROOT,
    adaptStart: adapt,
    adaptShellStart: (keyword, shellForm) => {
      const words = javaWithJarPattern(shellForm);
      return words ? adapt({ keyword, words }) : undefined;
    },
    defaultStart: { keyword: 'CMD', words: ['java', ...(launch ?? ['-jar', runtimeJar])] },
  };
}

