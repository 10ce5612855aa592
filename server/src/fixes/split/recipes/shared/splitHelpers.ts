// Small pieces the recipes share: distroless's non-root user, where the project sits in the
// build context, the paths a non-root app must be able to write, the platform the original
// builds for, the privileged-port note, and the plan of a native binary (Go, Rust).
import { lookupImage } from '../../../../catalog/catalog';
import { parseImageReference } from '../../../../core/imageReference';
import { Stage } from '../../../../core/stages';
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { basename } from '../../../../rules/shellCommands';
import { Artifact, SplitPlan } from '../../recipe';
import { isBuildOnly } from './osPackages';
import { StageScan, operands, pathArgDefaultNotes } from './stageScan';

/** distroless's `nonroot` user, by number: Kubernetes' runAsNonRoot rejects user names. */
export const DISTROLESS_NONROOT = '65532:65532';

/**
 * The plan for a native binary on a distroless image with no entrypoint (static, base, cc): it
 * runs as the non-root user, with nothing but the artifacts, the adapted start command and the
 * ENV a native closure needs.
 */
export function nativeBinaryPlan(plan: Omit<SplitPlan, 'runtimeEnv' | 'runtimeEntrypoint' | 'runtimeUser'> & { runtimeEnv?: string[] }): SplitPlan {
  return { ...plan, runtimeEnv: plan.runtimeEnv ?? [], runtimeEntrypoint: [], runtimeUser: DISTROLESS_NONROOT };
}

/** Destinations that hold credentials, caches or toolchains, never the app's run-time files. */
const NOT_RUN_TIME = /(^\/(root|tmp|go|usr\/local\/go|usr\/local\/cargo|usr\/local\/rustup)(\/|$))|(^|\/)\.(ssh|netrc|gitconfig|npmrc|pypirc|docker|aws|cargo)(\/|$)/;

/**
 * What COPY instructions from the build context put outside the source folders (`sources`: the
 * WORKDIR and where the build runs): a config in /etc/app, a script in /usr/local/bin. The
 * original image had them beside the binary, so the runtime copies them too, at the same path.
 * Credentials and caches are left out.
 */
export function copiedOutsideSources(scan: StageScan, sources: string[]): Artifact[] {
  const artifacts: Artifact[] = [];
  for (const copy of scan.copies) {
    const destination = copy.destination;
    if (copy.from !== undefined || destination === undefined || NOT_RUN_TIME.test(destination)) {
      continue;
    }
    if (sources.some((dir) => isInside(destination, dir) || isInside(dir, destination))) {
      continue;
    }
    // Into a folder that holds other things (`COPY run.sh /usr/local/bin/`): only what was copied.
    const named = copy.intoDirectory && copy.sources.every((source) => /^[^*?[]+$/.test(source) && !/^\.?\/?$/.test(source));
    const paths = named ? copy.sources.map((source) => resolvePath(destination, basename(source.replace(/\/+$/, '')))) : [destination];
    for (const path of paths) {
      if (!artifacts.some((artifact) => isInside(path, artifact.source))) {
        artifacts.push({ source: path, target: path });
      }
    }
  }
  return artifacts;
}

/** The note for copiedOutsideSources' artifacts; none when there are none. */
export function copiedOutsideNote(outside: Artifact[]): string[] {
  return outside.length === 0 ? [] : [`Copies what the Dockerfile put outside the sources (${outside.map((artifact) => artifact.source).join(', ')}), as the original image had it.`];
}

/**
 * Notes for what the build brings in that the split does not copy and cannot judge: files from
 * another image (`COPY --from=image`), and downloads (`curl`, `wget`). A build tool or something
 * the app runs: the reader decides. A recipe that knows its build tools says so: `buildImages`
 * (the composer image), `knownDownloads` (every download it accepts fetches a build tool).
 */
export function leftBehindNotes(scan: StageScan, known: { buildImages?: RegExp; knownDownloads?: boolean } = {}): string[] {
  const fromImages = scan.copies.filter((copy) => copy.from !== undefined && !known.buildImages?.test(copy.from));
  const downloaders = known.knownDownloads ? [] : [...new Set(scan.commands.flatMap(({ args }) => (args[0] === 'curl' || args[0] === 'wget' ? [args[0]] : [])))];
  return [
    ...fromImages.map((copy) => {
      const into = copy.destination === undefined ? '' : copy.intoDirectory ? ` into ${copy.destination}` : ` as ${copy.destination}`;
      return `Leaves out what COPY --from=${copy.from} put${into}: copy it too if the app uses it at run time.`;
    }),
    ...(downloaders.length > 0 ? [`Leaves out what the build downloads with ${downloaders.join(' and ')}: copy it too if the app uses it at run time.`] : []),
    // A --build-arg override of a path ARG would leave the runtime without the builder's new path.
    ...pathArgDefaultNotes(scan),
  ];
}

/**
 * The packages the build installs (apt-get, apk) that the app may use at run time: neither
 * compilers, headers nor download tools, nor what `alsoBuildOnly` names for the ecosystem. A
 * runtime without a package manager would silently lack them.
 */
export function runtimePackagesOf(scan: StageScan, alsoBuildOnly: RegExp): string[] {
  const packages = [...new Set([...scan.aptPackages, ...scan.apkPackages])];
  return packages.filter((name) => !alsoBuildOnly.test(name) && !isBuildOnly('debian', name) && !isBuildOnly('alpine', name));
}

/**
 * The build-context folder that a COPY put into `dir` (`COPY . /src` → '', `COPY app/ /src` →
 * `app`, `COPY app/pom.xml /src/` → `app`), so manifests can be read; undefined when unknown.
 */
export function contextDirOf(scan: StageScan, dir: string, manifests: string[]): string | undefined {
  for (const copy of scan.copies) {
    if (copy.from !== undefined || copy.destination === undefined) {
      continue;
    }
    for (const written of copy.sources) {
      // A leading `/` is the context's root too (COPY /backend .).
      const source = written.replace(/^\/+(?=[^/])/, '').replace(/^(\.\/)+/, '').replace(/\/\.?$/, '').replace(/\/+$/, '');
      if (/[*?[$]/.test(source) || source.startsWith('..') || source.startsWith('/')) {
        continue;
      }
      const file = basename(source);
      if (manifests.includes(file) && (copy.destination === `${dir}/${file}` || (copy.intoDirectory && copy.destination === dir))) {
        return source.includes('/') ? source.slice(0, source.lastIndexOf('/')) : '';
      }
      if (copy.destination === dir && !manifests.includes(file) && !/\.\w+$/.test(file)) {
        return source === '.' ? '' : source;
      }
    }
  }
  return undefined;
}

/**
 * VOLUMEs other than /tmp: a non-root app can only write them if the image has them owned by its
 * user (Docker seeds a volume from the image). The builder creates them, the runtime copies them
 * with --chown, since it has no shell to chown later. Undefined when a VOLUME is not known.
 */
export function writableVolumes(scan: StageScan, owner: string): { setup: string[]; artifacts: Artifact[] } | undefined {
  if (scan.volumes.some((volume) => volume === undefined)) {
    return undefined;
  }
  const paths = [...new Set(scan.volumes as string[])].filter((path) => path !== '/tmp' && path !== '/');
  return {
    setup: paths.length > 0 ? ['# The VOLUME directories, for the runtime to copy owned by its non-root user.', `RUN mkdir -p ${paths.join(' ')}`] : [],
    artifacts: paths.map((path) => ({ source: path, target: path, chown: owner })),
  };
}

/** System and build-tool locations: a mkdir or chown there prepares the build, not the app. */
const NOT_APP_PATHS = /^\/(tmp|root|usr|etc|bin|sbin|lib\w*|opt|proc|sys|dev|run|var\/(lib|cache|log)\/(apt|dpkg))(\/|$)|^\/home\/[^/]+\/?$|^\/home\/[^/]+\/\./;

/**
 * Directories the build creates (mkdir) or hands to a user (chown) for the app to write at run
 * time, outside the build's own folders (`exclude`): the runtime copies them with --chown.
 */
export function writableDirs(scan: StageScan, exclude: string[], owner: string): Artifact[] {
  const dirs: string[] = [];
  for (const { args, cwd } of scan.commands) {
    if ((args[0] !== 'mkdir' && args[0] !== 'chown') || args.some((word) => word === undefined) || cwd === '') {
      continue;
    }
    const paths = operands(args.slice(1) as string[], ['-m', '--mode', '--from', '--reference']).slice(args[0] === 'chown' ? 1 : 0);
    for (const path of paths.map((word) => resolvePath(cwd, word))) {
      if (path !== '/' && !NOT_APP_PATHS.test(path) && !exclude.some((dir) => isInside(path, dir) || isInside(dir, path)) && !dirs.some((dir) => isInside(path, dir))) {
        dirs.push(path);
      }
    }
  }
  return dirs.map((dir) => ({ source: dir, target: dir, chown: owner }));
}

/** Docker's architecture names of the official images' per-architecture namespaces. */
const NAMESPACE_ARCH: Record<string, string> = { amd64: 'amd64', arm64v8: 'arm64', arm32v7: 'arm', arm32v6: 'arm', arm32v5: 'arm', i386: '386', ppc64le: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

/**
 * Whether the runtime image is published for the architecture the original pins (`FROM
 * --platform=linux/arm/v7`, `arm32v7/maven`); true when it pins none or the list is unknown.
 */
export function runsOnPinnedPlatform(stage: Stage, architectures: readonly string[] | undefined): boolean {
  const platform = stage.from.getFlags().find((flag) => flag.getName().toLowerCase() === 'platform')?.getValue() ?? '';
  const fromFlag = /^linux\/([\w]+)/.exec(platform)?.[1];
  const fromNamespace = NAMESPACE_ARCH[/^([\w]+)\//.exec(stage.baseText)?.[1] ?? ''];
  const arch = fromFlag ?? fromNamespace;
  return !architectures || arch === undefined || platform.includes('$') || architectures.includes(arch);
}

export function privilegedPortNote(scan: StageScan, user = 'uid 65532'): string[] {
  return scan.privilegedPort ? [`Port ${scan.privilegedPort} as ${user}: Docker 20.10+ allows it, Kubernetes needs a port above 1023.`] : [];
}

/** Directories inside `appDir` that the build chowns (to www-data, an app user...): the app writes them. */
export function chownedDirs(scan: StageScan, appDir: string): string[] {
  const dirs: string[] = [];
  for (const { args, cwd } of scan.commands) {
    if (args[0] !== 'chown' || args.some((word) => word === undefined)) {
      continue;
    }
    const paths = operands(args.slice(1) as string[], ['--from', '--reference']).slice(1).map((path) => resolvePath(cwd, path));
    dirs.push(...paths.filter((path) => isInside(path, appDir) && path !== appDir && !dirs.includes(path)));
  }
  return dirs;
}

/** Whether every path a cp, mv, ln, touch or sed -i writes lies in one of `dirs` (unknown paths do not). */
export function writesOnlyInside(args: (string | undefined)[], cwd: string, dirs: string[]): boolean {
  if (args.some((word) => word === undefined)) {
    return false;
  }
  const words = operands(args.slice(1) as string[], ['-t', '-e', '-f']);
  const written = args[0] === 'sed' ? words.slice(1) : args[0] === 'touch' ? words : words.slice(-1);
  return written.every((path) => dirs.some((dir) => isInside(resolvePath(cwd, path), dir)));
}

/** The architectures the catalog lists for an image reference. */
export function architecturesOf(reference: string): readonly string[] | undefined {
  const image = parseImageReference(reference);
  return image && lookupImage(image).facts.architectures;
}

/** VOLUME and created directories together, each once, outermost first. */
export function mergeWritable(...groups: Artifact[][]): Artifact[] {
  const merged: Artifact[] = [];
  for (const artifact of groups.flat()) {
    if (!merged.some((known) => isInside(artifact.source, known.source))) {
      merged.push(artifact);
    }
  }
  return merged;
}
