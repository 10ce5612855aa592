// A released Java distribution that a JDK image downloads and unpacks (`curl ... | tar -xzf - -C
// /opt`), started with the distribution's own shell launcher (ZooKeeper's zkServer.sh, After the
// Deadline's run.sh). Nothing is compiled: the original stage becomes the build stage (it downloads
// and unpacks), and the runtime is the Temurin JRE of the same Java release and libc, with the shell
// packages the build kept, the unpacked folders owned by 65532 and the start command as written.
// Only launchers read upstream are known: a launcher may run JDK tools (jps, javac) a JRE lacks.
import { temurinJreTag } from '../../../../catalog/builders/java';
import { lookupImage } from '../../../../catalog/catalog';
import { Stage, resolveBaseImage } from '../../../../core/stages';
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { SHELLS, basename } from '../../../../rules/shellCommands';
import { Declined, SplitPlan, StartCommand, decline, declineNothingToBuild } from '../../recipe';
import { Distro, installLines, isBuildOnly, nonRootUserLines } from '../shared/osPackages';
import { architecturesOf, privilegedPortNote, runsOnPinnedPlatform, writesOnlyInside } from '../shared/splitHelpers';
import { ScannedCommand, StageScan, lastStarts, operands, valueOf } from '../shared/stageScan';
import { JavaImage } from './javaImage';
import { JAVA } from './javaStart';

const USER = '65532';

interface KnownLauncher {
  name: string;
  /** The archive's URL, as the RUN downloads it (variables expanded). */
  download: RegExp;
  /** The launcher's file name. */
  launcher: string;
  /** What the launcher runs and writes, as read upstream. */
  note: string;
  /**
   * The launcher finds its files from its own path, not the working folder: where the original
   * leaves the working folder at `/`, which uid 65532 cannot write, the runtime works in the
   * distribution's folder instead (the JVM writes heap dumps and relative logs there).
   */
  runsFromAnyFolder?: boolean;
}

/**
 * Launchers whose scripts were read: they run only java (no javac, jar, jps or other JDK tool),
 * so a JRE runs them as the JDK did.
 */
const KNOWN_LAUNCHERS: KnownLauncher[] = [
  {
    name: 'ZooKeeper',
    // zookeeper-3.4.14.tar.gz, apache-zookeeper-3.6.1-bin.tar.gz (3.5 on).
    download: /\/(?:apache-)?zookeeper-3\.[4-9]\.\d+(?:-bin)?\.tar\.gz$/,
    launcher: 'zkServer.sh',
    // apache/zookeeper bin/zkServer.sh and bin/zkEnv.sh, tags release-3.4.0 to release-3.9.x (46
    // tags), read on 2026-12-07: java is $JAVA_HOME/bin/java, else java on PATH; start-foreground
    // creates dataDir and ZOO_LOG_DIR (`.` up to 3.4, `<folder>/logs` from 3.5) and logs to the console.
    note: 'ZooKeeper\'s zkServer.sh and zkEnv.sh (apache/zookeeper bin/, 3.4 to 3.9) run java ($JAVA_HOME/bin/java) with bash and common shell tools (dirname, grep, sed, mkdir). They create ZooKeeper\'s data folder (dataDir, /tmp/zookeeper in the sample config; a volume mounted there must be writable by uid 65532) and, unless ZOO_LOG_DIR is set, its log folder under the ZooKeeper folder (3.5 and later).',
    // zkEnv.sh finds ZOOKEEPER_PREFIX from $0; 3.6 adds -XX:+HeapDumpOnOutOfMemoryError without a
    // path, so the dump goes to the working folder (review round 13).
    runsFromAnyFolder: true,
  },
  {
    name: 'After the Deadline',
    download: /\/atd_distribution\d+\.tgz$/,
    launcher: 'run.sh',
    // Automattic/atd-server-next run.sh, initial revision 05f2f15 (2017, the open-source
    // distribution), read on 2026-12-07: ATD_HOME=., LOG_DIR=./logs, one java command line.
    note: 'After the Deadline\'s run.sh (as in Automattic/atd-server-next) runs only java, with the folder\'s lib/ as class path relative to the working directory, and logs into ./logs.',
  },
];

/** JDK tools a JRE lacks. */
const JDK_TOOLS = /^(javac|jar|jarsigner|jps|jstack|jcmd|jmap|jinfo|jstat|jdb|jshell|jlink|jdeps|jdeprscan|jhsdb|javadoc|javap|jmod|jpackage|serialver|native2ascii|wsimport|xjc|schemagen|idlj|rmic)$/;
/** What a download-and-unpack RUN may run: package managers, the download, unpacking and file moves. */
const DOWNLOAD_COMMANDS = /^(apk|apt-get|apt|echo|true|set|mkdir|curl|wget|tar|mv|cp|rm|chmod|sed|ln)$/;
/** Top-level folders of the image itself: a distribution unpacked right into one cannot be told apart. */
const SYSTEM_TOP = /^(bin|boot|dev|etc|home|lib|lib32|lib64|libx32|media|mnt|opt|proc|root|run|sbin|srv|sys|tmp|usr|var)$/;
/** Folders below which a distribution's own folder lies (`/opt/zookeeper`, `/usr/src/atd`). */
const DISTRIBUTION_PARENTS = ['/opt', '/srv', '/usr/src', '/usr/local', '/home'];
const USR_LOCAL_OWN = /^\/usr\/local\/(bin|lib|lib64|sbin|share|include|etc|man|src|games)$/;
/** Packages the launchers' shell needs that the build may have installed: what the runtime installs again. */
const SHELL_PACKAGES = /^(bash|coreutils|findutils|grep|sed|gawk|procps|procps-ng|ncurses|util-linux)$/;
/** The JDK packages and JDK paths: the runtime has its own Java. */
const JDK_PACKAGE = /^(openjdk\d*(-\w+)*|temurin-\d+-j(dk|re)|default-j(dk|re)(-headless)?)$/;

/** Whether the stage downloads and unpacks an archive (the shape this file handles, or the JRE's). */
function downloadsAndUnpacks(scan: StageScan): boolean {
  const programs = scan.commands.map(({ args }) => args[0]);
  return programs.some((program) => program === 'curl' || program === 'wget') && scan.commands.some(({ args }) => isExtract(args));
}

function isExtract(args: ScannedCommand['args']): boolean {
  const [program, first] = args;
  return program === 'tar' && first !== undefined && (/^-?[A-Za-z]*x/.test(first) || args.includes('--extract'));
}

/**
 * The plan for a downloaded distribution started by its launcher; a decline when the stage has
 * that shape but cannot be split; undefined when it does not have it (the caller's decline stands).
 */
export function distributionPlan(stage: Stage, scan: StageScan, image: JavaImage | undefined): SplitPlan[] | Declined | undefined {
  if (!image || image.servletContainer || image.release === undefined || !downloadsAndUnpacks(scan)) {
    return undefined;
  }
  const starts = lastStarts(scan);
  const start = starts.entrypoint ?? starts.cmd;
  if (!start || JAVA.test(start.words[0] ?? '')) {
    return undefined; // no start, or java itself: the jar recipes' declines say why
  }
  const { base } = resolveBaseImage(stage);
  const lookup = base.kind === 'image' ? lookupImage(base.image) : undefined;
  const libc = lookup?.facts.libc;
  if (!image.jdk) {
    // Already a JRE: the runtime would be this image again.
    const leftTools = [...scan.aptPackages, ...scan.apkPackages].filter((name) => isBuildOnly('debian', name) || isBuildOnly('alpine', name));
    const same = `The image is already a JRE (Java ${image.release}), so the runtime stage would be the same image`;
    return leftTools.length === 0
      ? declineNothingToBuild(`${same}, and the build installs no tool that a build stage could leave behind: a split would gain nothing.`)
      : decline(`${same}: a split would only leave ${leftTools.join(', ')} behind; remove them in the RUN that downloads (\`apk del\`, \`apt-get purge\`) instead.`);
  }
  const entry = lookup?.entry?.id;
  if ((entry !== 'openjdk' && entry !== 'eclipse-temurin') || (libc !== 'musl' && libc !== 'glibc')) {
    return undefined;
  }
  if (scan.copies.length > 0) {
    return undefined; // a start script or config from the build context: its content is unknown
  }
  const launcher = launcherOf(start, scan);
  if (!launcher) {
    return undefined;
  }
  const urls = scan.commands.filter(({ args }) => args[0] === 'curl' || args[0] === 'wget').flatMap(({ args }) => args.filter((word): word is string => word !== undefined && /^(https?|ftp):\/\//.test(word)));
  const known = KNOWN_LAUNCHERS.find((candidate) => candidate.launcher === basename(launcher.program) && urls.some((url) => candidate.download.test(url)));
  if (!known) {
    return decline(`The app starts with \`${basename(launcher.program)}\`, a launcher of the distribution the build downloads, which the split has not read: it may run JDK tools (jps, javac) that a JRE lacks. The split knows ${KNOWN_LAUNCHERS.map((candidate) => `${candidate.name}'s ${candidate.launcher}`).join(' and ')}; split by hand onto a JRE of the same Java release.`);
  }
  // The start commands and a HEALTHCHECK (`jps | grep QuorumPeerMain`) run in the runtime.
  const words = [
    ...scan.starts.flatMap((entry) => entry.words ?? (entry.shellForm ?? '').split(/\s+/)),
    ...stage.instructions.filter((instruction) => instruction.getKeyword() === 'HEALTHCHECK').flatMap((instruction) => instruction.getArguments().map((arg) => arg.getValue().replace(/^\[?"?|"?,?\]?$/g, ''))),
  ];
  const jdkTool = words.flatMap((word) => word.split(/[;&|()]+/)).map((word) => basename(word)).find((name) => JDK_TOOLS.test(name));
  if (jdkTool) {
    return decline(`The start command or HEALTHCHECK runs \`${jdkTool}\`, a JDK tool that the JRE runtime lacks; keep the JDK image, or drop the tool, then split.`);
  }
  const folders = distributionFolders(scan);
  if (typeof folders === 'string') {
    return decline(folders);
  }
  if (!folders.some((folder) => isInside(launcher.path, folder))) {
    return undefined;
  }
  const other = otherReason(stage, scan);
  if (other) {
    return decline(other);
  }
  const tag = temurinJreTag(image.release, libc);
  if (!tag) {
    return decline(`Temurin publishes no ${libc === 'musl' ? 'Alpine ' : ''}JRE for Java ${image.release} (it does for 8, 11, 17 and 21${libc === 'musl' ? '' : ', and 25'}), so the split has no runtime of the same release; split by hand.`);
  }
  const runtimeImage = `eclipse-temurin:${tag}`;
  const architectures = architecturesOf(runtimeImage);
  if (!runsOnPinnedPlatform(stage, architectures)) {
    return decline(`${runtimeImage} is published for ${architectures?.join(' and ')} only, not for the platform this Dockerfile pins.`);
  }
  const kept = [...scan.aptPackages, ...scan.apkPackages].filter((name) => !isBuildOnly('debian', name) && !isBuildOnly('alpine', name) && !JDK_PACKAGE.test(name));
  const unknown = kept.filter((name) => !SHELL_PACKAGES.test(name));
  if (unknown.length > 0) {
    return decline(`The build keeps ${unknown.join(', ')} installed, which the split cannot tell the app's need of on another image (${runtimeImage}); split by hand.`);
  }
  const distro: Distro = libc === 'musl' ? 'alpine' : 'debian';
  const tools = [...new Set(scan.commands.map(({ args }) => args[0]).filter((program): program is string => program === 'curl' || program === 'wget' || program === 'tar'))];
  const folderList = folders.join(', ');
  const arches = architectures && !architectures.includes('arm64') ? [`${runtimeImage} is published for ${architectures.join(', ')} only.`] : [];
  const keep = (command: StartCommand): StartCommand => command;
  const workdir = scan.workdir === '/' && known.runsFromAnyFolder && folders.length === 1 ? folders[0] : scan.workdir;
  const workdirNote = workdir !== scan.workdir ? [`WORKDIR ${workdir} (the original worked in /, which uid ${USER} cannot write): the JVM writes a heap dump on an out-of-memory error, and relative logs, into the working folder; ${known.launcher} finds its files from its own path.`] : [];
  return [{
    runtimeImage,
    runtimeNotes: [
      `Runtime: ${runtimeImage}, the JRE of the same Java ${image.release} (${libc}) in place of the JDK: no javac, jar or jps at run time. The build stage downloads and unpacks ${known.name}; ${tools.join(' and ')} stay there.`,
      known.note,
      `Runs as non-root ${USER} (created here), and ${folderList} ${folders.length > 1 ? 'are' : 'is'} owned by it, so the app can write there as it did as root.${kept.length > 0 ? ` ${kept.join(', ')} installed again for the launcher.` : ''}`,
      ...workdirNote,
      ...arches,
      ...privilegedPortNote(scan),
    ],
    builderSetup: [],
    runtimeSetup: [...installLines(distro, kept), ...nonRootUserLines(distro)],
    artifacts: folders.map((folder) => ({ source: folder, target: folder, chown: `${USER}:${USER}` })),
    workdir,
    runtimeEnv: [],
    runtimeEntrypoint: [],
    runtimeUser: USER,
    adaptStart: keep,
    adaptShellStart: () => 'keep',
  }];
}

/** The launcher a start command runs, and its path: by PATH, by path, or through `sh -c <path>`. */
function launcherOf(start: StartCommand | null, scan: StageScan): { program: string; path: string } | undefined {
  if (!start) {
    return undefined;
  }
  let words = start.words;
  if (SHELLS.test(words[0] ?? '') && words[1] === '-c' && words.length === 3 && /^[\w./-]+$/.test(words[2])) {
    words = [words[2]];
  }
  const program = words[0];
  if (program === undefined || program === '' || SHELLS.test(program)) {
    return undefined;
  }
  if (program.includes('/')) {
    return { program, path: resolvePath(scan.workdir, program) };
  }
  // By name: an absolute ENV PATH entry (the distribution's bin/) holds it.
  const entries = (scan.env.get('PATH') ?? '').split(':').filter((entry) => entry.startsWith('/'));
  const entry = entries.find((dir) => !/^\/(usr\/)?(local\/)?s?bin\/?$/.test(dir));
  return entry ? { program, path: resolvePath(entry, program) } : undefined;
}

/**
 * The folders the download created: `mkdir -p`, `tar -C` and `mv` targets, outermost first, without
 * the image's own folders (`/opt`). A message when the RUN writes elsewhere or unpacks into a folder
 * of the image's own without naming what it made.
 */
function distributionFolders(scan: StageScan): string[] | string {
  const candidates: string[] = [];
  const unpackedInto: string[] = [];
  const moved: { from: string; to: string }[] = [];
  for (const { args, cwd } of scan.commands) {
    const program = args[0] ?? '';
    if (!DOWNLOAD_COMMANDS.test(program)) {
      continue; // judged by otherReason
    }
    if (args.some((word) => word === undefined) && program !== 'apk' && program !== 'apt-get' && program !== 'apt') {
      return `A \`${program}\` in the download uses a value the split cannot read, so it cannot tell which folders the download makes; write it out, then split.`;
    }
    const words = args.slice(1) as string[];
    if (program === 'mkdir') {
      candidates.push(...operands(words, ['-m', '--mode']).map((path) => resolvePath(cwd, path)));
    } else if (program === 'tar' && isExtract(args)) {
      const into = resolvePath(cwd, valueOf(words, ['-C', '--directory']) ?? '.');
      unpackedInto.push(into);
      candidates.push(into);
    } else if (program === 'mv') {
      const paths = operands(words, ['-t', '-S']).map((path) => resolvePath(cwd, path));
      if (paths.length !== 2) {
        return 'A `mv` in the download moves several files, so the split cannot tell which folders the download makes; split by hand.';
      }
      moved.push({ from: paths[0], to: paths[1] });
      candidates.push(paths[1]);
    } else if (program === 'curl' || program === 'wget') {
      const output = program === 'curl' ? valueOf(words, ['-o', '--output']) : valueOf(words, ['-O', '--output-document']);
      if (program === 'curl' ? words.some((word) => /^-\w*O$|^--remote-name/.test(word)) : output === undefined) {
        candidates.push(cwd); // named after the URL, in the working directory
      } else if (output !== undefined && output !== '-') {
        candidates.push(resolvePath(cwd, output).replace(/\/[^/]*$/, '') || '/');
      }
    }
  }
  const own = (path: string) => isDistributionFolder(path);
  for (const into of unpackedInto.filter((path) => !own(path) && path !== '/tmp')) {
    // Unpacked into /opt: the archive's own folder, renamed by a mv, is the distribution.
    if (!moved.some(({ from, to }) => isInside(from, into) && from !== into && own(to))) {
      return `The download unpacks into ${into}, a folder of the image's own, and the split cannot tell which folder the archive creates there; unpack with \`--strip-components 1\` into a folder of its own (\`mkdir -p /opt/app && tar -xzf - -C /opt/app\`), then split.`;
    }
  }
  const folders: string[] = [];
  for (const path of candidates.filter((candidate) => own(candidate)).sort((a, b) => a.length - b.length)) {
    if (!folders.some((folder) => isInside(path, folder))) {
      folders.push(path);
    }
  }
  const strayed = candidates.find((path) => !own(path) && !isSystemFolder(path) && !isInside(path, '/tmp') && !folders.some((folder) => isInside(path, folder)));
  if (strayed) {
    return `The download writes into ${strayed}, which the split cannot tell apart from the image's own files; unpack into a folder of its own (/opt/<name>), then split.`;
  }
  for (const { args, cwd } of scan.commands) {
    if (/^(cp|mv|ln|chmod|sed)$/.test(args[0] ?? '') && args[0] !== 'mv' && !(args[0] === 'sed' && !args.includes('-i')) && !writesOnlyInside(args, cwd, [...folders, '/tmp'])) {
      return `A \`${args[0]}\` in the build writes outside the distribution's folder (${folders.join(', ') || 'none'}), which the runtime would not have; split by hand.`;
    }
  }
  return folders.length > 0 ? folders : 'The split cannot tell which folder the download makes; unpack into a folder of its own (/opt/<name>), then split.';
}

/** A folder of the distribution's own: `/opt/<name>`, `/usr/src/<name>`, `/<name>` outside the system's. */
function isDistributionFolder(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 1) {
    return !SYSTEM_TOP.test(parts[0]);
  }
  return DISTRIBUTION_PARENTS.some((parent) => isInside(path, parent) && path !== parent) && !USR_LOCAL_OWN.test(path) && !isInside(path, '/usr/local/bin') && !isInside(path, '/usr/local/lib');
}

/** The image's own folders a RUN may create (`mkdir -p /opt`), which hold nothing of the download. */
function isSystemFolder(path: string): boolean {
  return path === '/' || DISTRIBUTION_PARENTS.includes(path) || /^\/(usr|var|var\/lib|usr\/share|usr\/lib)$/.test(path);
}

/** Why a stage of this shape is not split: anything besides the download, or a setting tied to the JDK. */
function otherReason(stage: Stage, scan: StageScan): string | undefined {
  // A command of assignments only (`buildDeps='curl tar'`) has no program and runs nothing.
  const other = scan.commands.filter(({ args }) => args.length > 0).map(({ args }) => args[0] ?? '').find((program) => !DOWNLOAD_COMMANDS.test(program));
  if (other !== undefined) {
    return `The build runs \`${other || 'a command the split cannot read'}\` besides downloading and unpacking, which the split does not follow; split by hand.`;
  }
  if (stage.instructions.some((instruction) => /^(USER|VOLUME|SHELL|HEALTHCHECK)$/.test(instruction.getKeyword()))) {
    return 'The stage sets a USER, VOLUME, SHELL or HEALTHCHECK, which the split does not carry over for a downloaded distribution; split by hand.';
  }
  const jdkEnv = [...scan.env].find(([name, value]) => name === 'JAVA_HOME' || /\/usr\/lib\/jvm|\/opt\/java\/openjdk/.test(value));
  if (jdkEnv) {
    return `ENV ${jdkEnv[0]} names the JDK's folder, which the JRE runtime has elsewhere; remove it, then split.`;
  }
  return undefined;
}
