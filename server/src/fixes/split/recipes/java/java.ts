// Java with Maven or Gradle: the runnable jar on distroless javaNN, whose ENTRYPOINT is
// `["/usr/bin/java", "-jar"]` (GoogleContainerTools/distroless java/README.md, examples/java:
// `CMD ["main.jar"]`). The jar is the one the start command runs, or the one pom.xml or
// build.gradle names (Spring Boot's repackaged jar, not Gradle's `-plain.jar`); without either,
// the builder picks the one runnable jar under a fixed name (javaJar.ts). The runtime's Java
// release is the builder's JDK (distroless publishes 17, 21 and 25), else the release the
// project compiles for. A Spring Boot jar whose version and layers the split can read runs from
// its extracted layers instead (springLayers.ts). Java stages it cannot split (a .war, a jar or
// Quarkus native executable built outside Docker, Java older than 17, a script as start command)
// are declined with the reason.
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { basename } from '../../../../rules/shellCommands';
import { BuildContext } from '../../../fix';
import { Artifact, Declined, SplitPlan, SplitRecipe, decline, declineNothingToBuild, isDeclined } from '../../recipe';
import { JavaBuild, findBuild, isBuilt, runsWithBuildTool } from './javaBuild';
import { JavaProject, readGradle, readMaven } from './javaContext';
import { JavaImage, installedJavaRelease, isOtherLanguageImage, javaImage } from './javaImage';
import { FIXED_JAR, pickJarLines, pickedJarPath } from './javaJar';
import { SPRING_LAYERS, SpringLayers } from './springLayers';
import { quarkusNativeDecline } from './quarkusNative';
import { distributionPlan } from './javaDistribution';
import { JAVA, javaClassPathCommand, javaCommand, javaWithJarPattern } from './javaStart';
import { JavaStart, distrolessPlan, removedJvmOptions, temurinPlan } from './javaRuntimes';
import { JVM_RUN_TIME_DATA, runTimeFiles, runTimeFilesNotes } from '../shared/runTimeFiles';
import { ownedWriteFolders } from '../shared/runTimeWrites';
import { findSourceWrites, sourceWritePlan } from '../shared/sourceWrites';
import { StageScan, lastStarts, scanStage } from '../shared/stageScan';
import { DISTROLESS_NONROOT as NONROOT, architecturesOf, contextDirOf, copiedOutsideNote, copiedOutsideSources, leftBehindNotes, mergeWritable, privilegedPortNote, runsOnPinnedPlatform, runtimePackagesOf, writableDirs, writableVolumes } from '../shared/splitHelpers';

/** Packages a Java build installs for itself: the JDK, build tools, and front-end tooling (frontend-maven-plugin). */
const JAVA_BUILD_ONLY = /^(openjdk-\d+-(jdk|jre)(-headless)?|openjdk\d+(-jdk|-jre)?|temurin-\d+-jdk|maven|gradle|ant|nodejs|npm|yarn|python3|bash|tar|procps|locales)$/;

/** Java releases distroless publishes on Debian 13 (catalog entries `distroless-javaNN-debian13`). */
const DISTROLESS_RELEASES = [17, 21, 25];
const APP_DIR = '/app';
/**
 * Where the runtime has a Spring Boot jar's layers: the jar's contents, the launcher's class path.
 * Inside /app so that a COPY still makes /app (root-owned, as the fat jar's did); a folder of its
 * own so that /app's files (config/, application.properties) are not class path resources.
 */
const LAYERS_HOME = `${APP_DIR}/spring-boot-layers`;
/**
 * Where the builder extracts the layers: a folder of the split's own, outside the build output and
 * the context's copy. Both extract commands write into whatever the destination holds and remove
 * nothing: the 3.3+ tools extract stops on a non-empty destination ("already exists and is not
 * empty", jarmode-tools ExtractCommand `checkDirectoryIsEmpty`, v3.3.0 to v4.0.8), and its
 * `--force` (the same versions) or the 2.4 to 3.2 layertools extract (v3.2.4) would keep stale
 * files, such as a layers folder extracted on the host and copied in with `COPY . .`, and put
 * old dependency jars beside the new ones. /tmp is writable whatever USER the build runs as.
 * Checked in spring-projects/spring-boot on 2026-12-06.
 */
const LAYERS_BUILD = '/tmp/spring-boot-layers';
/** JVM build tools the split does not follow: their output and what the app reads are unknown. */
const OTHER_JVM_BUILD_TOOLS = /^(grails|lein|ant|javac|kotlinc|scalac|mill|bazel|bld|jbang|boot)$/;
const TOOL_NAMES = { maven: 'Maven', gradle: 'Gradle', sbt: 'sbt', lein: 'Leiningen' } as const;
/** The gradle image's WORKDIR (keeganwitt/docker-gradle, jdk21-noble/Dockerfile); the others set none. */
const GRADLE_WORKDIR = '/home/gradle';

export const javaRecipe: SplitRecipe = {
  ecosystem: 'java',
  plan({ stage, model, text, buildContext }) {
    const image = javaImage(stage);
    const scan = scanStage(stage, model, text, /(^|\/)gradle(:|$)/.test(stage.baseText) ? GRADLE_WORKDIR : '/');
    const build = findBuild(scan.commands);
    // Quarkus's native executable built on the host: its base is no Java image, yet the file is a Java project's.
    const native = build ? undefined : quarkusNativeDecline(stage, scan);
    if (native) {
      return native;
    }
    // A JDK installed by a stage that neither builds nor starts anything is a tool for another
    // program (a notebook's Spark), not a Java app.
    const installed = isOtherLanguageImage(stage) || scan.starts.length === 0 ? undefined : installedJavaRelease(scan.commands);
    if (!image && (!build || isOtherLanguageImage(stage)) && installed === undefined) {
      return []; // not a Java stage
    }
    if (stage.baseText.includes('$')) {
      return decline('The base image comes from a build argument, so the split cannot tell which Java the app needs; write the image, then split.');
    }
    if (scan.onbuild) {
      return decline('ONBUILD instructions run in the images built FROM this one, which a split would change; remove them, then split.');
    }
    if (build && isDeclined(build)) {
      return build;
    }
    if (!build) {
      return distributionPlan(stage, scan, image) ?? withoutBuild(scan, image, installed);
    }
    if (scan.workdir === '') {
      return decline('A WORKDIR uses a variable that has no value here, so the split cannot tell where the jar is; write the path, then split.');
    }
    const manifests = build.tool === 'maven' ? ['pom.xml'] : build.tool === 'sbt' ? ['build.sbt'] : build.tool === 'lein' ? ['project.clj'] : ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts'];
    const rootContextDir = buildContext ? contextDirOf(scan, build.rootDir ?? build.dir, manifests) : undefined;
    const subprojectDir = build.subproject?.replace(/:/g, '/');
    if (subprojectDir && buildContext && rootContextDir !== undefined) {
      const moved = subprojectMoved(buildContext, rootContextDir, build.subproject ?? '');
      if (moved) {
        return decline(moved);
      }
    }
    const contextDir = rootContextDir !== undefined && subprojectDir ? [rootContextDir, subprojectDir].filter(Boolean).join('/') : rootContextDir;
    // build.sbt is Scala code and project.clj Clojure: the jar's name comes from the start command,
    // the release from the image.
    const readProject = build.tool === 'maven' ? readMaven : build.tool === 'gradle' ? readGradle : undefined;
    const project: JavaProject | undefined = buildContext && contextDir !== undefined && readProject ? readProject(buildContext, contextDir) : undefined;
    const jdk = image?.release ?? (installed || undefined);
    // A project compiled for a newer Java than the builder's JDK: with javac of that JDK the
    // original does not build; with Gradle's toolchain it builds on another JDK, and the bytecode
    // needs a runtime at least that new. Either way the runtime is never older than the bytecode.
    const newer = jdk !== undefined && project?.release !== undefined && project.release > jdk ? project.release : undefined;
    if (newer !== undefined && project?.releaseFrom === 'compiler') {
      const file = build.tool === 'maven' ? 'pom.xml' : 'build.gradle';
      return decline(`${file} compiles for Java ${newer}, but the builder's JDK is ${jdk}: a JDK compiles only for its own release or older, so the build as written cannot produce Java ${newer} bytecode (how it fails, or what it compiles for instead, depends on the compiler plugin's version). Build on a JDK ${newer} image (\`${build.tool === 'maven' ? `maven:3.9-eclipse-temurin-${newer}` : `gradle:jdk${newer}`}\`), then split.`);
    }
    const toolchainNewer = newer !== undefined && project?.releaseFrom === 'toolchain' ? newer : undefined;
    const wanted = toolchainNewer ?? jdk ?? project?.release;
    if (wanted === undefined) {
      return decline('The builder\'s tag names no JDK release, and without pom.xml or build.gradle the split cannot tell which Java the app needs; name it in the tag (`maven:3.9-eclipse-temurin-21`, `gradle:8-jdk21`), then split.');
    }
    const release = DISTROLESS_RELEASES.find((candidate) => candidate >= wanted);
    if (release === undefined && wanted > DISTROLESS_RELEASES[DISTROLESS_RELEASES.length - 1]) {
      return decline(`The app is built for Java ${wanted}, newer than distroless publishes (17, 21, 25); build it on JDK 25, then split.`);
    }
    const volumes = writableVolumes(scan, NONROOT);
    if (!volumes) {
      return decline('A VOLUME uses a variable that has no value here, so the split cannot create it for the non-root user; write the path, then split.');
    }
    const start = javaStart(scan, build, project);
    if (isDeclined(start)) {
      return start;
    }
    // Packages the app may use at run time (graphviz, fonts): distroless cannot add them, the
    // Temurin JRE (Ubuntu) can, by the same names; headers would need their runtime library's name.
    const leftOut = runtimePackagesOf(scan, JAVA_BUILD_ONLY);
    const headers = leftOut.filter((name) => name.endsWith('-dev'));
    if (headers.length > 0) {
      return decline(`The build installs ${headers.join(', ')}, and the split cannot tell which library the app loads from ${headers.length > 1 ? 'them' : 'it'} at run time. Split by hand onto eclipse-temurin:${wanted}-jre with that library installed.`);
    }
    const common: string[] = [];
    if (start.picked) {
      common.push(`Assumes the build writes one runnable jar (Spring Boot, Shadow, Assembly); the builder copies it to ${start.jar} and stops with a message if there is not exactly one.`);
    }
    if (start.added) {
      common.push('The original has no start command (its image ran the base image\'s default): the runtime runs the jar.');
    }
    const jar = start.jar;
    const runtimeJar = start.picked ? FIXED_JAR : `${APP_DIR}/${basename(jar)}`;
    const outside = copiedOutsideSources(scan, [scan.workdir, build.dir]).filter((artifact) => jar === '' || !isInside(jar, artifact.source));
    // Spring Boot reads ./config/ and ./application.properties from the folder it runs in; the
    // runtime runs in /app, so they move there from wherever the original ran.
    const readAtRunTime = runTimeFiles(scan, buildContext, scan.workdir, JVM_RUN_TIME_DATA);
    const configFiles = readAtRunTime.paths.filter((path) => jar === '' || !isInside(jar, path)).map((path) => ({ source: path, target: `${APP_DIR}/${path.slice(scan.workdir.replace(/\/$/, '').length + 1)}` }));
    common.push(...runTimeFilesNotes({ ...readAtRunTime, paths: configFiles.map((artifact) => artifact.source) }, scan.workdir, `into ${APP_DIR}, where the jar runs`, 'config/, application.properties'));
    common.push(...copiedOutsideNote(outside), ...leftBehindNotes(scan), ...privilegedPortNote(scan));
    const writes = ownedWriteFolders(buildContext, scan.copies, scan.workdir, APP_DIR, NONROOT);
    common.push(...writes.notes);
    // Spring Boot's layered jar, exactly the one the project builds and the app starts: its layers
    // (stable first) into a folder of their own, the launcher's class path, so that the files
    // beside the app in /app (config/, application.properties) stay files, not class path
    // resources that would hide the jar's own (a class loader asks its parent first).
    const layered = project?.springLayers && project.jar && !start.picked && !start.classPath && !start.pattern && jar === resolvePath(build.dir, project.jar) ? project.springLayers : undefined;
    const layersDir = LAYERS_BUILD;
    // Nothing else may land in that folder or over it (a config file, a volume there), nor may the
    // original work in /tmp or in the folder the builder extracts into, or copy files into either
    // (or into /, which may bring a tmp/ folder): else the fat jar. A build in /tmp/build is fine.
    const clashes = [...configFiles, ...writes.artifacts, ...outside, ...volumes.artifacts].some((artifact) => isInside(artifact.target, LAYERS_HOME) || isInside(LAYERS_HOME, artifact.target))
      || scan.workdir === '/tmp' || isInside(scan.workdir, LAYERS_BUILD)
      || scan.copies.some(({ destination }) => destination === undefined || isInside(destination, LAYERS_BUILD) || isInside(LAYERS_BUILD, destination));
    const springLayers = layered && !clashes ? layered : undefined;
    const program: Artifact[] = start.classPath
      ? start.classPath.paths.map((path) => ({ source: path, target: path }))
      : springLayers ? SPRING_LAYERS.map((layer) => ({ source: `${layersDir}/${layer}/`, target: `${LAYERS_HOME}/` })) : [{ source: jar, target: runtimeJar }];
    const launch = springLayers ? ['-cp', LAYERS_HOME, springLayers.launcher] : undefined;
    if (springLayers && launch) {
      common.push(`Spring Boot ${springLayers.version} builds a layered jar: the builder extracts its layers and the runtime copies each into ${LAYERS_HOME} in its own COPY (dependencies first, the app's classes last, so a code change rebuilds only the last layer), and starts \`java <the same JVM options> ${launch.join(' ')} <the same arguments>\` in ${APP_DIR} instead of \`java -jar\`.`);
    }
    const copied: Artifact[] = [...program, ...configFiles, ...writes.artifacts, ...outside, ...mergeWritable(volumes.artifacts, writableDirs(scan, [build.dir, jar], NONROOT))];
    // Folders the sources create files in (new FileOutputStream("logs/app.log")), relative to
    // the folder the app runs in: writable in the runtime's.
    const runtimeWorkdir = start.classPath ? scan.workdir : APP_DIR;
    const sourceWrites = findSourceWrites(buildContext, subprojectDir ? contextDir : contextDirOf(scan, scan.workdir, manifests), scan.workdir, 'java');
    sourceWrites.folders = sourceWrites.folders.filter((folder) => !writes.artifacts.some((artifact) => isInside(folder, artifact.source)));
    const toRuntime = (path: string) => (start.classPath || !isInside(path, scan.workdir) ? path : resolvePath(APP_DIR, path.slice(scan.workdir.replace(/\/$/, '').length + 1)));
    const writePlan = sourceWritePlan(sourceWrites, copied, runtimeWorkdir, toRuntime, NONROOT, NONROOT);
    common.push(...writePlan.notes);
    const artifacts: Artifact[] = [...writePlan.first, ...copied, ...writePlan.last];
    // A class path keeps the folder the original ran in: the app may read files relative to it.
    const shared = { scan, start, jar, runtimeJar, artifacts, workdir: start.classPath ? scan.workdir : APP_DIR, volumeSetup: volumes.setup, builderFinish: [...(start.picked ? pickJarLines(build.output) : []), ...(springLayers ? extractLayersLines(springLayers, builderJarPath(scan, jar), layersDir) : []), ...(writePlan.builderLines.length > 0 ? ['', ...writePlan.builderLines] : [])], launch };

    // JVM options a later release no longer accepts: the JVM refuses to start with them.
    const startWords = [...(lastStarts(scan).entrypoint?.words ?? []), ...(lastStarts(scan).cmd?.words ?? []), ...(start.classPath?.rest ?? [])];
    const removed = release !== undefined && wanted < release ? removedJvmOptions(startWords, wanted, release) : [];
    const distroless = release !== undefined && removed.length === 0 && leftOut.length === 0 && runsOnPinnedPlatform(stage, architecturesOf(`gcr.io/distroless/java${release}-debian13:nonroot`))
      ? distrolessPlan(shared, release, [
        ...(toolchainNewer !== undefined ? [toolchainNote(toolchainNewer, jdk, build.tool)] : []),
        ...(jdk !== undefined && wanted !== release ? [`Distroless has no Java ${wanted}: the app runs on Java ${release}, the next release it publishes${wanted < DISTROLESS_RELEASES[0] ? ' (APIs removed since, such as javax.xml.bind, fail at run time: test it first)' : ''}.`] : []),
        ...(jdk === undefined ? [`Java ${release}: the project compiles for Java ${project?.release} (the builder's tag names no JDK release).`] : []),
        ...common,
      ])
      : undefined;
    // The same Java on the Temurin JRE: for releases distroless does not publish (8, 11), and for
    // apps that need packages at run time. Offered after distroless when both apply.
    const temurinReason = wanted < DISTROLESS_RELEASES[0]
      ? `Java ${wanted} has no distroless image (17, 21 and 25 only): the app runs on the JRE it was built for${removed.length > 0 ? `, and Java ${release} would refuse its options ${removed.join(', ')}` : ''}.`
      : leftOut.length > 0
        ? `It installs ${leftOut.join(', ')}, which the app may use at run time and distroless Java cannot add.`
        : undefined;
    const temurin = temurinReason ? temurinPlan(shared, wanted, leftOut, [temurinReason, ...(toolchainNewer !== undefined ? [toolchainNote(toolchainNewer, jdk, build.tool)] : []), ...common]) : undefined;
    // Below Java 17 the same release comes first: moving to 17 is a migration to test.
    const ordered = wanted < DISTROLESS_RELEASES[0] ? [temurin, distroless] : [distroless, temurin];
    const plans = ordered.filter((plan): plan is SplitPlan => plan !== undefined);
    if (plans.length === 0) {
      return decline('The build pins a platform that distroless Java is not published for; distroless Java runs on amd64, arm64, s390x, ppc64le and riscv64.');
    }
    if (distroless && temurin) {
      distroless.label = `distroless Java ${release}`;
      temurin.label = `eclipse-temurin:${wanted}-jre runtime`;
    }
    return plans;
  },
};

/**
 * Why a Gradle subproject is not where Gradle's convention puts it (`:app` in app/), or
 * undefined: settings.gradle includes it and does not move any project's folder.
 */
function subprojectMoved(context: BuildContext, rootDir: string, subproject: string): string | undefined {
  const file = ['settings.gradle', 'settings.gradle.kts'].find((name) => context.readFile(rootDir === '' ? name : `${rootDir}/${name}`) !== undefined);
  const settings = file && context.readFile(rootDir === '' ? file : `${rootDir}/${file}`);
  if (file === undefined || settings === undefined) {
    return undefined; // the convention, noted by the picked jar's note
  }
  const code = settings.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  if (/\bprojectDir\b/.test(code)) {
    return `${file} moves subproject folders (\`projectDir\`), so the split cannot tell where the subproject writes its jar; split by hand.`;
  }
  const includes = [...code.matchAll(/\binclude\s*\(?([^)\n]*)/g)].map((match) => match[1]);
  const included = includes.some((args) => new RegExp(`["']:?${subproject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`).test(args));
  if (included) {
    return undefined;
  }
  // Every include names its projects in quotes (none computed, no included build): Gradle
  // does not know the subproject, and a task path into it fails ("project not found").
  const literalOnly = !/\b(includeBuild|includeFlat)\b/.test(code) && includes.every((args) => /^\s*(["'][^"']*["']\s*,?\s*)+$/.test(args));
  const add = file.endsWith('.kts') ? `include("${subproject}")` : `include '${subproject}'`;
  return literalOnly
    ? `${file} does not include \`${subproject}\`, so Gradle does not know that subproject and fails on its task \`${subproject}:…\` ("project '${subproject}' not found"): this Dockerfile does not build as it is. Add \`${add}\` to ${file}, then split.`
    : `${file} does not include \`${subproject}\` by name (its includes are computed, or it includes other builds), so the split cannot tell where it is; add \`${add}\` to ${file}, or split by hand.`;
}

/** Why the runtime's Java is newer than the builder's JDK: the build's toolchain compiles for it. */
function toolchainNote(release: number, jdk: number | undefined, tool: string): string {
  const how = tool === 'maven' ? 'Maven\'s toolchains plugin compiles' : 'Gradle\'s toolchain compiles';
  return `${how} for Java ${release} with a JDK of that release, not the builder's JDK ${jdk ?? ''}: the runtime is Java ${release} or newer, which that bytecode needs. The build needs that JDK (found in the builder or downloaded by a toolchain resolver); the original needs it the same way.`;
}

/**
 * The jar's path in a line the split adds at the end of the builder. Where the final WORKDIR
 * came from an ARG's default (`WORKDIR ${APP_DIR}`), a jar inside it is named relative to it, so
 * that another --build-arg value moves the line with the build, as it moves the original's.
 */
function builderJarPath(scan: StageScan, jar: string): string {
  const fromArg = [...scan.pathArgDefaults.values()].some((value) => isInside(scan.workdir, value));
  return fromArg && scan.workdir !== '/' && jar.startsWith(`${scan.workdir.replace(/\/$/, '')}/`) ? jar.slice(scan.workdir.replace(/\/$/, '').length + 1) : jar;
}

/** The builder lines that extract a Spring Boot jar's layers into `destination`, one folder a layer. */
function extractLayersLines(layers: SpringLayers, jar: string, destination: string): string[] {
  return [
    '',
    `# Spring Boot ${layers.version}'s jar, extracted into its layers (${SPRING_LAYERS.join(', ')}) for the runtime to copy one by one.`,
    `RUN java ${layers.jarMode} -jar ${jar} ${layers.extract.join(' ')} --destination ${destination}`,
  ];
}

/** The jar the app starts from: named by the start command, by pom.xml/build.gradle, or picked by the builder. */
function javaStart(scan: StageScan, build: JavaBuild, project: JavaProject | undefined): JavaStart | Declined {
  const starts = lastStarts(scan);
  const lastCmd = scan.starts.filter((start) => start.keyword === 'CMD').pop();
  if (starts.cmd === null && starts.entrypoint === undefined) {
    const words = javaWithJarPattern(lastCmd?.shellForm);
    if (words) {
      starts.cmd = { keyword: 'CMD', words };
    }
  }
  if (starts.entrypoint === null || starts.cmd === null) {
    return decline('The start command needs a shell (variables, &&, pipes), and distroless Java has none; write it in exec form (`CMD ["java", "-jar", "target/app.jar"]`), then split.');
  }
  const devStart = [starts.entrypoint, starts.cmd].find((start) => start && runsWithBuildTool(start.words));
  if (devStart) {
    return decline(`The container starts the app with \`${devStart.words.slice(0, 2).join(' ')}\`, which compiles at start and needs the JDK and the build tool: a development setup. Start the built jar (\`CMD ["java", "-jar", "target/app.jar"]\`), then split.`);
  }
  const entrypointRunsJava = starts.entrypoint !== undefined && JAVA.test(starts.entrypoint.words[0] ?? '');
  if (starts.entrypoint && !entrypointRunsJava) {
    return decline(`The ENTRYPOINT runs \`${starts.entrypoint.words[0] ?? ''}\`, and distroless Java has only java (no shell for a script); start the jar with \`java -jar\`, then split.`);
  }
  const command = entrypointRunsJava ? starts.entrypoint : starts.cmd;
  if (command && !JAVA.test(command.words[0] ?? '')) {
    return decline(`The CMD runs \`${command.words[0] ?? ''}\`, which distroless Java does not have (its entrypoint is \`java -jar\`); start the jar with \`java -jar\`, then split.`);
  }
  const parsed = command && javaCommand(command.words);
  if (command && !parsed) {
    // A class or module path of what the build wrote (`-cp target/classes:target/lib/*`): the
    // runtime copies those folders to the same paths and runs the same command line.
    const classPath = javaClassPathCommand(command.words, scan.workdir, resolvePath);
    if (classPath && classPath.paths.every((path) => isInside(path, build.dir) && path !== build.dir)) {
      return { jar: '', picked: false, added: false, entrypointRunsJava, cmdOptions: [], classPath };
    }
    return decline('The app starts with a class path, a module, an agent or a file next to the jar (`java -cp`, `-javaagent:`, a config file), which the split would not copy; start it with `java -jar app.jar` and keep the files in the jar, then split.');
  }
  const cmdOptions = !starts.entrypoint && parsed ? parsed.options : [];
  if (parsed && /[*?[]/.test(parsed.jar)) {
    // `target/*.jar`: a shell expands it (exec form does not, and java gets the pattern): the
    // builder picks the one runnable jar in the build's output folder instead.
    const folder = resolvePath(scan.workdir, parsed.jar.replace(/\/?[^/]*$/, '') || '.');
    if (folder !== build.output) {
      return decline(`The start command runs ${parsed.jar}, a pattern outside the folder the build writes its jars to (${build.output}); name the built jar, then split.`);
    }
    return { jar: pickedJarPath(build.output), picked: true, added: false, entrypointRunsJava, cmdOptions, pattern: parsed.jar };
  }
  if (parsed) {
    const jar = resolvePath(scan.workdir, parsed.jar);
    if (!jar.endsWith('.jar') || !isBuilt(jar, build, scan)) {
      return decline(`The start command runs ${parsed.jar}, which the ${TOOL_NAMES[build.tool]} build does not write (it writes into ${build.output}); name the built jar, then split.`);
    }
    return { jar, picked: false, added: false, entrypointRunsJava, cmdOptions };
  }
  if (build.tool === 'lein') {
    return decline('`lein uberjar` names its jar after project.clj\'s name and version (or `:uberjar-name`), which the split does not read; start it by name (`CMD ["java", "-jar", "target/app-1.0.0-standalone.jar"]`), then split.');
  }
  if (build.tool === 'sbt') {
    return decline('`sbt assembly` names its jar after build.sbt\'s name, version and Scala version, which the split does not read; start it by name (`CMD ["java", "-jar", "target/scala-3.3/app-assembly-1.0.jar"]`), then split.');
  }
  if (!build.runnable) {
    return decline('Gradle\'s `jar` task writes a plain jar without the app\'s dependencies; build with `bootJar` (Spring Boot) or `shadowJar`, then split.');
  }
  if (project?.jar) {
    return { jar: resolvePath(build.dir, project.jar), picked: false, added: true, entrypointRunsJava, cmdOptions };
  }
  // A subproject's jar is named after it and a version the root build may set: picked.
  if (project && !build.subproject) {
    return decline(`${build.tool === 'maven' ? 'pom.xml' : 'build.gradle'} builds no jar the split can name as runnable (no Spring Boot, Shade, Shadow or jar-with-dependencies, or a renamed or moved jar); a plain jar lacks its dependencies. Build a runnable jar, then split.`);
  }
  return { jar: pickedJarPath(build.output), picked: true, added: true, entrypointRunsJava, cmdOptions };
}

/** Why a Java stage that builds nothing with Maven or Gradle is not split. */
function withoutBuild(scan: StageScan, image: JavaImage | undefined, installed: number | undefined): Declined {
  const copied = scan.copies.filter((copy) => copy.from === undefined).flatMap((copy) => copy.sources);
  if (image?.servletContainer || copied.some((source) => /\.war$/.test(source))) {
    return declineNothingToBuild('The app is a .war for a servlet container (Jetty, Tomcat), and distroless Java runs executable jars only; package it as an executable jar (Spring Boot, embedded Jetty), then split.');
  }
  if (copied.some((source) => /\.jar$|(^|\/)(target|build|out)\/|BOOT-INF|(^|\/)classes\/?$/.test(source))) {
    const release = image?.release ?? installed;
    const runtime = release && release >= DISTROLESS_RELEASES[0] ? `gcr.io/distroless/java${DISTROLESS_RELEASES.find((r) => r >= release)}-debian13:nonroot` : 'gcr.io/distroless/java21-debian13:nonroot (or java17, java25)';
    // Quarkus's fast-jar: quarkus-run.jar finds lib/, app/ and quarkus/ beside itself, and the
    // ubi openjdk images' run-java.sh reads JAVA_OPTS_APPEND, which distroless has no script for.
    const quarkusApp = copied.some((source) => /(^|\/)quarkus-app(\/|$)/.test(source));
    const start = quarkusApp
      ? `copy the whole quarkus-app folder (\`COPY target/quarkus-app/ /app/\`: quarkus-run.jar finds lib/, app/ and quarkus/ beside it) and start \`CMD ["/app/quarkus-run.jar"]\`; distroless has no run-java.sh, so put options of JAVA_OPTS_APPEND such as -D settings in JAVA_TOOL_OPTIONS`
      : copied.some((source) => /(^|\/)lib(\/\*?)?$/.test(source))
        // A thin jar (Quarkus's legacy-jar, a fabric8 layout) whose manifest's Class-Path names lib/ beside it.
        ? 'copy the lib/ folder beside the jar too (`COPY target/lib/ /app/lib/`: the jar\'s manifest names its dependencies there) and start `CMD ["/app/app.jar"]`'
        : '`CMD ["/app/app.jar"]`';
    return declineNothingToBuild(`The Dockerfile copies in a jar or classes built outside Docker, so a builder stage would have nothing to build; use ${runtime} as the base image instead (its entrypoint is \`java -jar\`: ${start}).`);
  }
  const starts = lastStarts(scan);
  const start = starts.entrypoint ?? starts.cmd;
  const program = start ? start.words[0] : start === null ? 'a shell command' : undefined;
  if (program !== undefined && basename(program) === 'node') {
    // ClojureScript (lein-cljsbuild, macchiato) or Scala.js compiled to JavaScript: a Node app in a JVM image.
    return decline(`The app runs on Node.js (\`${start?.words.join(' ') ?? 'node'}\`: JavaScript the JVM build compiled), not on Java, so the Java split does not apply; run the compiled JavaScript and the node_modules it requires in a stage of its own on an official node image (distroless publishes Node 22 and later), or split by hand.`);
  }
  if (program !== undefined && !JAVA.test(program)) {
    return decline(`The app starts with \`${program}\`${/^(sh|bash)$/.test(program) ? ' (a shell)' : ''}, and distroless Java has only java, no shell for scripts; the split handles apps built with Maven or Gradle and started with \`java -jar\`.`);
  }
  const otherTool = scan.commands.map(({ args }) => basename(args[0] ?? '')).find((name) => OTHER_JVM_BUILD_TOOLS.test(name));
  if (otherTool) {
    return decline(`The app is built with \`${otherTool}\`, which the split does not follow (it knows Maven, Gradle, \`sbt assembly\` and \`lein uberjar\`), so it cannot tell which files the app needs at run time; build a runnable jar with one of those and start it with \`java -jar\`, or split by hand.`);
  }
  if (start === undefined) {
    return declineNothingToBuild('The Dockerfile neither builds the app (no Maven, Gradle or sbt) nor starts it (no CMD or ENTRYPOINT): it is a base or build image for another tool (Jib, a CI job), not an app to split. To split, build the jar in it (`RUN mvn package`) and start it (`CMD ["java", "-jar", "target/app.jar"]`).');
  }
  return declineNothingToBuild('The Dockerfile builds nothing with Maven, Gradle or sbt, so the split cannot tell which jar to copy; build the app in the Dockerfile (`mvn package`, `gradle bootJar`, `sbt assembly`), then split.');
}
