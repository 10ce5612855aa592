// Java with Maven or Gradle: the runnable jar on distroless javaNN, whose ENTRYPOINT is
// `["/usr/bin/java", "-jar"]` (GoogleContainerTools/distroless java/README.md, examples/java:
// `CMD ["main.jar"]`). The jar is the one the start command runs, or the one pom.xml or
// build.gradle names (Spring Boot's repackaged jar, not Gradle's `-plain.jar`); a jar we cannot
// name is not guessed. The runtime's Java release is the builder's JDK (distroless publishes 17,
// 21 and 25), else the release the project compiles for.
import { lookupImage } from '../../../catalog/catalog';
import { resolveBaseImage } from '../../../core/stages';
import { isInside, resolvePath } from '../../../rules/buildArtifacts';
import { basename } from '../../../rules/shellCommands';
import { Artifact, SplitRecipe, StartCommand } from '../recipe';
import { JavaProject, readGradle, readMaven } from './javaContext';
import { ScannedCommand, StageScan, lastStarts, operands, scanStage } from './stageScan';
import { architecturesOf, contextDirOf, mergeWritable, privilegedPortNote, runsOnPinnedPlatform, writableDirs, writableVolumes } from './splitHelpers';

const JAVA_IMAGES = new Set(['eclipse-temurin', 'openjdk', 'amazoncorretto', 'sapmachine', 'maven', 'gradle']);
/** Java releases distroless publishes on Debian 13 (catalog entries `distroless-javaNN-debian13`). */
const DISTROLESS_RELEASES = [17, 21, 25];
const JAVA = /^(java|\/usr\/bin\/java|\/opt\/java\/openjdk\/bin\/java|\/usr\/local\/openjdk-\d+\/bin\/java)$/;
const APP_DIR = '/app';
const NONROOT = '65532:65532';
/** The gradle image's WORKDIR (keeganwitt/docker-gradle, jdk21-noble/Dockerfile); the others set none. */
const GRADLE_WORKDIR = '/home/gradle';
/** Maven options whose value is the next word. */
const MAVEN_VALUE_OPTIONS = ['-s', '--settings', '-gs', '--global-settings', '-P', '--activate-profiles', '-T', '--threads', '-l', '--log-file', '-rf', '--resume-from', '-t', '--toolchains', '-b', '--builder'];
/** Gradle options whose value is the next word. */
const GRADLE_VALUE_OPTIONS = ['-x', '--exclude-task', '-I', '--init-script', '-g', '--gradle-user-home', '-c', '--settings-file', '--console', '--warning-mode', '--max-workers', '--priority'];
/** JVM options that take the next word as their value. */
const JVM_VALUE_OPTIONS = new Set(['--add-opens', '--add-exports', '--add-modules', '--add-reads', '--enable-native-access']);

interface JavaBuild {
  tool: 'maven' | 'gradle';
  /** The project directory in the builder (where the build ran). */
  dir: string;
  /** Tasks or goals that write a runnable jar (Gradle's `jar` alone only writes the plain one). */
  runnable: boolean;
}

export const javaRecipe: SplitRecipe = {
  ecosystem: 'java',
  plan({ stage, model, text, buildContext }) {
    const { base } = resolveBaseImage(stage);
    const lookup = base.kind === 'image' ? lookupImage(base.image) : undefined;
    const toolchain = lookup?.facts.toolchain;
    if (!lookup?.entry || !JAVA_IMAGES.has(lookup.entry.id) || toolchain?.language !== 'java' || stage.baseText.includes('$')) {
      return [];
    }
    const scan = scanStage(stage, model, text, lookup.entry.id === 'gradle' ? GRADLE_WORKDIR : '/');
    const build = findBuild(scan.commands);
    if (!build || scan.workdir === '' || scan.envFromArg || scan.onbuild) {
      return [];
    }
    const contextDir = buildContext ? contextDirOf(scan, build.dir, build.tool === 'maven' ? ['pom.xml'] : ['build.gradle', 'build.gradle.kts']) : undefined;
    const project: JavaProject = (buildContext && contextDir !== undefined ? (build.tool === 'maven' ? readMaven : readGradle)(buildContext, contextDir) : undefined) ?? {};
    const starts = lastStarts(scan);
    if (starts.entrypoint === null || starts.cmd === null) {
      return []; // a start command that needs a shell
    }
    const entrypointRunsJava = starts.entrypoint !== undefined && JAVA.test(starts.entrypoint.words[0] ?? '');
    if (starts.entrypoint && !entrypointRunsJava) {
      return []; // a script or another program: the runtime has only java
    }
    const javaStart = entrypointRunsJava ? starts.entrypoint : starts.cmd;
    const started = javaStart && javaCommand(javaStart.words);
    if (javaStart && !started) {
      return [];
    }
    const jar = started ? resolvePath(scan.workdir, started.jar) : project.jar && build.runnable ? resolvePath(build.dir, project.jar) : undefined;
    if (!jar || !jar.endsWith('.jar') || !isBuilt(jar, build, scan)) {
      return []; // no jar we can name, or one the build did not write
    }
    const release = runtimeRelease(toolchain.version, project.release);
    const volumes = writableVolumes(scan, NONROOT);
    const runtimeImage = `gcr.io/distroless/java${release}-debian13:nonroot`;
    if (!release || !volumes || !runsOnPinnedPlatform(stage, architecturesOf(runtimeImage))) {
      return [];
    }
    const runtimeJar = `${APP_DIR}/${basename(jar)}`;
    const artifacts: Artifact[] = [{ source: jar, target: runtimeJar }, ...mergeWritable(volumes.artifacts, writableDirs(scan, [build.dir, jar], NONROOT))];
    const notes = [`Runtime: distroless Java ${release} (no shell), as non-root; its entrypoint is \`java -jar\`.`];
    const jdk = toolchain.version === undefined ? undefined : Number(toolchain.version);
    if (jdk !== undefined && jdk !== release) {
      notes.push(`Distroless has no Java ${jdk}: the jar runs on Java ${release}, the next release it publishes.`);
    } else if (jdk === undefined) {
      notes.push(`Java ${release}: the project compiles for Java ${project.release} (the builder's tag names no JDK release).`);
    }
    // The image's entrypoint is `java -jar`, so a CMD holds only the jar and its arguments; the
    // JVM options of a CMD go to JAVA_TOOL_OPTIONS, which the JVM reads before its command line
    // (an ENTRYPOINT keeps them, as the whole command line).
    const cmdOptions = !starts.entrypoint && started ? started.options : [];
    if (cmdOptions.some((option) => /["'$\\\s]/.test(option)) || (cmdOptions.length > 0 && scan.env.has('JAVA_TOOL_OPTIONS'))) {
      return [];
    }
    const runtimeEnv = cmdOptions.length > 0 ? [`ENV JAVA_TOOL_OPTIONS="${cmdOptions.join(' ')}"`] : [];
    if (cmdOptions.length > 0) {
      notes.push('The JVM options of the CMD move to JAVA_TOOL_OPTIONS (the JVM logs "Picked up JAVA_TOOL_OPTIONS" at start).');
    }
    notes.push(...privilegedPortNote(scan));
    const adapt = (command: StartCommand): StartCommand | undefined => {
      if (!JAVA.test(command.words[0] ?? '')) {
        // Arguments to the java ENTRYPOINT, unless they name files the runtime would not have.
        return command.keyword === 'CMD' && entrypointRunsJava && !command.words.some(namesAFile) ? command : undefined;
      }
      const parsed = javaCommand(command.words);
      if (!parsed || resolvePath(scan.workdir, parsed.jar) !== jar) {
        return undefined;
      }
      if (command.keyword === 'ENTRYPOINT') {
        return { keyword: 'ENTRYPOINT', words: ['/usr/bin/java', ...parsed.options, '-jar', runtimeJar, ...parsed.args] };
      }
      return parsed.options.join('\0') === cmdOptions.join('\0') ? { keyword: 'CMD', words: [runtimeJar, ...parsed.args] } : undefined;
    };
    return [{
      builderSetup: volumes.setup,
      runtimeImage,
      runtimeNotes: notes,
      artifacts,
      workdir: APP_DIR,
      runtimeEnv,
      runtimeEntrypoint: ['/usr/bin/java', '-jar'],
      runtimeUser: NONROOT,
      adaptStart: adapt,
      defaultStart: { keyword: 'CMD', words: [runtimeJar] },
    }];
  },
};

/** The Maven or Gradle command that builds the app (the last one), with its project directory. */
function findBuild(commands: ScannedCommand[]): JavaBuild | undefined {
  let found: JavaBuild | undefined;
  for (const { args, cwd } of commands) {
    const words = /^(sh|bash)$/.test(args[0] ?? '') ? args.slice(1) : args;
    const program = basename(words[0] ?? '');
    if (!/^(mvn|mvnw|gradle|gradlew)$/.test(program)) {
      continue;
    }
    if (words.some((word) => word === undefined) || cwd === '') {
      return undefined;
    }
    const rest = words.slice(1) as string[];
    if (program.startsWith('mvn')) {
      const goals = operands(rest, MAVEN_VALUE_OPTIONS.concat(['-f', '--file', '-pl', '--projects']));
      if (rest.some((word) => /^(-pl|--projects|-am|--also-make)(=|$)/.test(word))) {
        return undefined; // one module of several
      }
      if (goals.some((goal) => /^(package|verify|install|deploy)$/.test(goal))) {
        const file = valueAfter(rest, ['-f', '--file']);
        const dir = file === undefined ? cwd : resolvePath(cwd, file.endsWith('.xml') ? file.replace(/\/?[^/]*$/, '') || '.' : file);
        found = { tool: 'maven', dir, runnable: true };
      }
    } else {
      const tasks = operands(rest, GRADLE_VALUE_OPTIONS.concat(['-p', '--project-dir', '-b', '--build-file']));
      if (tasks.some((task) => /:.*:|^[^:]+:/.test(task) || /^(installDist|distZip|distTar|nativeCompile|jib\w*)$/.test(task)) || rest.some((word) => /^(-b|--build-file)(=|$)/.test(word))) {
        return undefined; // a subproject, a distribution, a native image or an image build
      }
      const names = tasks.map((task) => task.replace(/^:/, ''));
      if (names.some((task) => /^(build|assemble|bootJar|shadowJar|jar)$/.test(task))) {
        const dir = valueAfter(rest, ['-p', '--project-dir']);
        found = { tool: 'gradle', dir: dir === undefined ? cwd : resolvePath(cwd, dir), runnable: names.some((task) => task !== 'jar') };
      }
    }
  }
  return found;
}

/** The value after an option (`-f x`, `--file=x`). */
function valueAfter(args: string[], names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const [option, inline] = args[i].split(/=(.*)/s);
    if (names.includes(option)) {
      return inline ?? args[i + 1];
    }
  }
  return undefined;
}

/**
 * A `java [options] -jar <jar> [args]` command. Undefined for a class path, a module, an agent
 * or an argument file (files the runtime would not have), and for options or arguments naming
 * files outside the jar.
 */
function javaCommand(words: string[]): { options: string[]; jar: string; args: string[] } | undefined {
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
function namesAFile(word: string): boolean {
  const value = word.replace(/^[^=]*=/, '');
  return !/^(file:)?\/dev\//.test(value) && !value.startsWith('/tmp') && !/^(classpath:|\w+:\/\/)/.test(value) && (/^(\.{0,2}\/|file:)/.test(value) || /\.(xml|ya?ml|properties|json|conf|jks|p12|pem)$/.test(value));
}

/** The jar is in the build's output directory, or a RUN copied it there from that directory. */
function isBuilt(jar: string, build: JavaBuild, scan: StageScan): boolean {
  const output = resolvePath(build.dir, build.tool === 'maven' ? 'target' : 'build/libs');
  if (isInside(jar, output) && jar !== output) {
    return true;
  }
  return scan.commands.some(({ args, cwd }) => {
    if ((args[0] !== 'cp' && args[0] !== 'mv') || args.some((word) => word === undefined)) {
      return false;
    }
    const paths = operands(args.slice(1) as string[], ['-t', '--target-directory']);
    const destination = paths.length === 2 ? resolvePath(cwd, paths[1]) : undefined;
    return destination === jar && isInside(resolvePath(cwd, paths[0]), output);
  });
}

/** The distroless Java release for the builder's JDK (else the project's target release). */
function runtimeRelease(jdk: string | undefined, target: number | undefined): number | undefined {
  const wanted = jdk !== undefined ? Number(jdk) : target;
  if (wanted === undefined || (jdk !== undefined && wanted < DISTROLESS_RELEASES[0])) {
    return undefined; // an unknown JDK, or one older than 17: moving it is a migration
  }
  return DISTROLESS_RELEASES.find((release) => release >= wanted);
}
