// The Maven, Gradle, sbt or Leiningen command that builds a JVM app in a single stage: which tool, the project
// directory, whether it writes a runnable jar, and where that jar goes (`target/`,
// `build/libs/`). Builds the split cannot follow (one module of several, a distribution, a
// native image) come back with the reason.
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { basename } from '../../../../rules/shellCommands';
import { Declined, decline } from '../../recipe';
import { ScannedCommand, StageScan, operands } from '../shared/stageScan';

/** Maven options whose value is the next word. */
const MAVEN_VALUE_OPTIONS = ['-s', '--settings', '-gs', '--global-settings', '-P', '--activate-profiles', '-T', '--threads', '-l', '--log-file', '-rf', '--resume-from', '-t', '--toolchains', '-b', '--builder', '-f', '--file', '-pl', '--projects'];
/** Gradle options whose value is the next word. */
const GRADLE_VALUE_OPTIONS = ['-x', '--exclude-task', '-I', '--init-script', '-g', '--gradle-user-home', '-c', '--settings-file', '--console', '--warning-mode', '--max-workers', '--priority', '-p', '--project-dir', '-b', '--build-file'];

export interface JavaBuild {
  tool: 'maven' | 'gradle' | 'sbt' | 'lein';
  /** The project directory in the builder (where the build ran). */
  dir: string;
  /** The folder the jars are written to (`<dir>/target`, `<dir>/build/libs`). */
  output: string;
  /** Tasks or goals that write a runnable jar (Gradle's `jar` alone only writes the plain one). */
  runnable: boolean;
  /** Gradle: the subproject whose task builds the jar (`app` for `:app:bootJar`), and the root build's folder. */
  subproject?: string;
  rootDir?: string;
}

const BUILD_TOOLS = /^(mvn|mvnw|gradle|gradlew|sbt|lein)$/;

/** The words of a command past `sh`/`bash` (`sh ./mvnw package`), and the build tool it runs. */
function buildTool(args: (string | undefined)[]): { program: string; words: (string | undefined)[] } {
  const words = /^(sh|bash)$/.test(args[0] ?? '') ? args.slice(1) : args;
  return { program: basename(words[0] ?? ''), words };
}

/** Whether a start command builds and runs the app with the build tool (`mvn spring-boot:run`, `gradle bootRun`). */
export function runsWithBuildTool(words: string[]): boolean {
  const { program } = buildTool(words);
  return BUILD_TOOLS.test(program);
}

/** The Maven or Gradle command that builds the app (the last one); undefined when there is none. */
export function findBuild(commands: ScannedCommand[]): JavaBuild | Declined | undefined {
  let found: JavaBuild | undefined;
  for (const { args, cwd } of commands) {
    const { program, words } = buildTool(args);
    if (!BUILD_TOOLS.test(program)) {
      continue;
    }
    if (words.some((word) => word === undefined) || cwd === '') {
      return decline(`The ${program} command uses a variable that has no value here, so the split cannot tell where it writes the jar; write the value, then split.`);
    }
    const rest = words.slice(1) as string[];
    if (program === 'lein') {
      found = leinBuild(words.slice(1) as string[], cwd) ?? found;
    } else if (program === 'sbt') {
      const sbt = sbtBuild(words.slice(1) as string[], cwd);
      if (sbt && 'declined' in sbt) {
        return sbt;
      }
      found = sbt ?? found;
    } else if (program.startsWith('mvn')) {
      const goals = operands(rest, MAVEN_VALUE_OPTIONS);
      if (rest.some((word) => /^(-pl|--projects|-am|--also-make)(=|$)/.test(word))) {
        return decline('The Maven build packages one module of several (`-pl`), and the split cannot tell where that module writes its jar; build it with `-f <module>/pom.xml`, then split.');
      }
      if (goals.some((goal) => /^(package|verify|install|deploy)$/.test(goal))) {
        const file = valueAfter(rest, ['-f', '--file']);
        const dir = file === undefined ? cwd : resolvePath(cwd, file.endsWith('.xml') ? file.replace(/\/?[^/]*$/, '') || '.' : file);
        found = { tool: 'maven', dir, output: resolvePath(dir, 'target'), runnable: true };
      }
    } else {
      const tasks = operands(rest, GRADLE_VALUE_OPTIONS);
      if (tasks.some((task) => /^(installDist|distZip|distTar|nativeCompile|jib\w*)$/.test(task.replace(/^:/, '')))) {
        return decline('The Gradle build makes a distribution, a native image or a container image, not a runnable jar; build the jar (`bootJar`, `shadowJar`), then split.');
      }
      // `:app:bootJar` runs the task of subproject `:app`, in folder app/ by Gradle's convention
      // (settings.gradle may move it: java.ts checks that when it can read the file).
      const subprojects = [...new Set(tasks.filter((task) => /^:?[^:]+:./.test(task)).map((task) => task.replace(/^:/, '').replace(/:[^:]+$/, '')))];
      if (subprojects.length > 1 || (subprojects.length === 1 && tasks.some((task) => !task.includes(':') && /^(build|assemble|bootJar|shadowJar|jar)$/.test(task))) || rest.some((word) => /^(-b|--build-file)(=|$)/.test(word))) {
        return decline('The Gradle build runs the tasks of several subprojects (or another build file), and the split cannot tell which jar the app is; build one subproject (`gradle :app:bootJar`), then split.');
      }
      const names = tasks.map((task) => task.replace(/^:?([^:]+:)*/, ''));
      if (names.some((task) => /^(build|assemble|bootJar|shadowJar|jar)$/.test(task))) {
        const dir = valueAfter(rest, ['-p', '--project-dir']);
        const rootDir = dir === undefined ? cwd : resolvePath(cwd, dir);
        const subproject = subprojects[0];
        const projectDir = subproject === undefined ? rootDir : resolvePath(rootDir, subproject.replace(/:/g, '/'));
        found = { tool: 'gradle', dir: projectDir, output: resolvePath(projectDir, 'build/libs'), runnable: names.some((task) => task !== 'jar'), ...(subproject ? { subproject, rootDir } : {}) };
      }
    }
  }
  return found;
}

/**
 * sbt-assembly's `assembly` writes one jar with the app's dependencies into target/ (under
 * target/scala-<version>/ unless `crossPaths := false`): the start command names it. The
 * launcher scripts of sbt-native-packager (`stage`, `dist`) and subprojects' tasks are declined.
 */
function sbtBuild(args: string[], cwd: string): JavaBuild | Declined | undefined {
  const tasks = args.filter((word) => !word.startsWith('-'));
  if (tasks.some((task) => /^(stage|dist|(Universal|universal)[/:]\w+|(Docker|docker)[/:]\w+|(GraalVMNativeImage|graalvm-native-image)[/:]\w+)$/.test(task))) {
    return decline('`sbt stage` (sbt-native-packager) writes a bash launcher script and a lib/ folder, which the split does not copy; build one jar with sbt-assembly (`sbt assembly`) and start it with `java -jar`, then split.');
  }
  if (tasks.some((task) => /^\S+\/assembly$/.test(task) || /\s/.test(task))) {
    return decline('The sbt build assembles a subproject (`app/assembly`), and the split cannot tell where it writes its jar; split by hand.');
  }
  return tasks.includes('assembly') ? { tool: 'sbt', dir: cwd, output: resolvePath(cwd, 'target'), runnable: true } : undefined;
}

/**
 * `lein uberjar` writes one jar with the app's dependencies, named `<name>-<version>-standalone.jar`
 * or `:uberjar-name`, into `:target-path` (default `target`; Leiningen 2.8.1
 * leiningen-core/src/leiningen/core/project.clj `defaults`, src/leiningen/jar.clj
 * `get-classified-jar-filename`): the start command names it. Other tasks (`lein run`, `lein
 * jar`, plugins' tasks) write no runnable jar the split knows.
 */
function leinBuild(args: string[], cwd: string): JavaBuild | undefined {
  const tasks = args.filter((word) => !word.startsWith('-'));
  return tasks[0] === 'uberjar' ? { tool: 'lein', dir: cwd, output: resolvePath(cwd, 'target'), runnable: true } : undefined;
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

/** The jar is in the build's output directory, or a RUN copied it there from that directory. */
export function isBuilt(jar: string, build: JavaBuild, scan: StageScan): boolean {
  if (isInside(jar, build.output) && jar !== build.output) {
    return true;
  }
  return scan.commands.some(({ args, cwd }) => {
    if ((args[0] !== 'cp' && args[0] !== 'mv') || args.some((word) => word === undefined)) {
      return false;
    }
    const paths = operands(args.slice(1) as string[], ['-t', '--target-directory']);
    if (paths.length !== 2 || !isInside(resolvePath(cwd, paths[0]), build.output)) {
      return false;
    }
    // `mv target/app.jar .`: into the folder, under the same name.
    const intoFolder = /^\.?\.?$|\/$/.test(paths[1]) ? resolvePath(resolvePath(cwd, paths[1]), basename(paths[0])) : undefined;
    return resolvePath(cwd, paths[1]) === jar || intoFolder === jar;
  });
}
