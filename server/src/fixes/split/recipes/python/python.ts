// Python (pip, Poetry, uv): the packages go into a virtual environment, which the runtime copies
// with the app's source (interpreted: the source is the artifact). The venv's `bin/python` is a
// symlink to the interpreter it was built with, so it only runs where that path exists:
// - distroless python3-debian13 has Python 3.13 at /usr/bin/python3.13 (/usr/bin/python links
//   to it) and no /usr/local/bin/python, so the builder is python:3.13 on trixie with
//   /usr/bin/python linked to its own Python, and the venv is created through that path
//   (GoogleContainerTools/distroless examples/python3-requirements/Dockerfile, python3/README.md
//   "Compatibility"). The image's ENTRYPOINT is the system Python, which does not see the venv:
//   the venv's python3 becomes the ENTRYPOINT and a CMD stays its arguments.
// - the matching python:X.Y-slim image keeps the builder's /usr/local/bin/python, so any venv
//   built on python:X.Y runs there (astral-sh/uv-docker-example multistage.Dockerfile).
// Which comes first when the build's Python is not 3.13: the slim runtime. The preferred action
// may be applied without reading it, and moving to another Python version can break the build
// (pinned packages without wheels for 3.13) or the app; distroless is the second action, labelled
// with the move. A build on 3.13, or on a tag that pins no version, gets distroless only, unless
// the app needs system packages (apt-get) that distroless lacks: then python:3.13-slim installs them.
import { Declined, SplitPlan, SplitRecipe, decline, declineNothingToBuild, isDeclined } from '../../recipe';
import { DISTROLESS_NONROOT as NONROOT } from '../shared/splitHelpers';
import { installLines, nonRootUserLines, runtimePackages as osRuntimePackages } from '../shared/osPackages';
import { NativeClosure, nativeClosure } from '../shared/nativeClosure';
import { IN_DISTROLESS, PythonBuild, runtimePackages, scanPythonBuild } from './pythonBuild';
import { environmentOf } from './pythonVenv';
import { PythonContext, readPythonContext } from './pythonContext';
import { compilingToolDecline } from './pythonCompilingTool';
import { Builder, floatingAlpineSitePackages, isPython2, recognisePython } from './pythonImage';
import { appEngineBuilder, fromAppEngine } from './pythonAppEngine';
import { VIRTUALENV } from './pythonVirtualenv';
import { FROZEN_PYTHON } from '../../../../catalog/builders/python';
import { findPythonWrites } from './pythonWrites';
import { DISTROLESS, LIBPYTHON_NOTE, closureReasons, libpythonPreload } from './pythonNative';
import { ShellStart, shellWriteLines } from '../shared/shellStart';
import { pythonShellStart, shellKept, shellWhy } from './pythonShellRuntime';
import { AppWrites, KNOWN_SCRIPTS, appWrites, assemble } from './pythonAssemble';
import { otherPythonBaseDecline } from './pythonOtherBases';

const DISTROLESS_PYTHON = '3.13';
export const pythonRecipe: SplitRecipe = {
  ecosystem: 'python',
  plan({ stage, model, text, buildContext }) {
    const recognised = recognisePython(stage);
    if (!recognised) {
      // Python on other bases: recognised only to say why it is not split.
      return otherPythonBaseDecline(stage, model, text) ?? [];
    }
    if (isDeclined(recognised)) {
      return recognised;
    }
    const build = scanPythonBuild(stage, model, text, recognised.appEngine === true);
    if (typeof build === 'string') {
      return decline(build);
    }
    // On App Engine's image, the official image of the Python the build's virtualenv names.
    const builder = recognised.appEngine ? appEngineBuilder(build) : recognised;
    if (isDeclined(builder)) {
      return builder;
    }
    if (isPython2(builder) && (build.installer !== 'pip' || build.ownVenv !== undefined || build.systemPython)) {
      return decline(`On Python 2 the split makes the venv with virtualenv and installs into it with pip, and this build ${build.installer === 'pip' ? 'makes its own venv with `python -m venv`, which Python 2 lacks' : `installs with ${build.installer === 'uv' ? 'uv' : 'Poetry'}`}; install with pip, then split.`);
    }
    const compilingTool = compilingToolDecline(build, KNOWN_SCRIPTS);
    if (compilingTool) {
      return decline(compilingTool);
    }
    const downloads = build.env.get('UV_PYTHON_DOWNLOADS');
    if (build.installer === 'uv' && downloads !== undefined && !/^(0|false|never|manual)$/.test(downloads)) {
      return decline(`UV_PYTHON_DOWNLOADS=${downloads} lets uv download a Python the runtime would not have; set it to 0, then split.`);
    }
    const context = readPythonContext(buildContext, build.requirementFiles);
    const { bin } = environmentOf(build, builder.version ?? DISTROLESS_PYTHON);
    const scripts = new Set([...KNOWN_SCRIPTS, ...build.pipNames, ...context.packages, ...context.scripts]);
    const shell = pythonShellStart(stage, build, builder, buildContext, { bin, scripts });
    if (shell && 'declined' in shell) {
      return shell;
    }
    const writes = appWrites(build, buildContext !== undefined, findPythonWrites(build, buildContext, shell?.appCommands));
    if (writes.plan?.declined) {
      return decline(writes.plan.declined);
    }
    if (shell && writes.plan && writes.plan.moved.size > 0) {
      return decline(`The start runs ${shell.what}, whose server writes ${[...writes.plan.moved.keys()].join(', ')} where the runtime's non-root user cannot, and the split does not rewrite the script; write it under /tmp, then split.`);
    }
    if (builder.alpine) {
      return alpinePlan(builder, build, context, writes, shell);
    }
    const packages = runtimePackages(build.aptPackages, [...build.healthTools, ...(shell?.packages ?? [])]);
    if (typeof packages === 'string') {
      return decline(`apt-get installs ${packages}, and the split does not know which library the app then needs at run time; split by hand.`);
    }
    for (const { library, reason } of context.libraries) {
      packages.set(library, packages.get(library) ?? reason);
    }
    const missing = new Map([...packages].filter(([name]) => !IN_DISTROLESS.has(name)));
    const needsPackages = missing.size > 0;
    const preload = libpythonPreload(build);
    // Libraries the venv's extension modules may link that distroless lacks: the native closure
    // copies them out of the build. Packages installed for themselves (graphviz, ffmpeg: no reason
    // recorded) are programs or data only a slim image can install.
    const linkReasons = closureReasons(builder, build, context, missing);
    const environment = environmentOf(build, builder.version ?? DISTROLESS_PYTHON);
    const venvFolders = [...(environment.folder ? [environment.folder] : []), ...build.targets];
    const closureCovers = [...missing.values()].every((reason) => reason !== '') && (linkReasons.length === 0 || venvFolders.length > 0);
    const closure = linkReasons.length === 0 || !closureCovers ? undefined : nativeClosure({
      runtimeImage: DISTROLESS,
      folders: venvFolders,
      subject: "the venv's extension modules",
      ldLibraryPath: build.env.has('LD_LIBRARY_PATH'),
    });
    // The build's own venv and the image's Python live under /usr/local, which distroless lacks.
    const ownPython = build.ownVenv ?? (build.systemPython ? environment.folder : undefined);
    const distroless = shell || preload || ownPython || !closureCovers || typeof closure === 'string' || context.allows313 === false
      ? undefined
      : distrolessPlan(builder, build, context, writes, packages, closure && { closure, reasons: linkReasons });
    const onDistrolessPython = builder.version === DISTROLESS_PYTHON || builder.version === undefined;
    // The slim variant says why distroless is not (or not only) the runtime.
    const why = shell
      ? shellWhy(shell)
      : preload
      ? `Not distroless: ${preload}, which ${DISTROLESS.replace(/:.*$/, '')} does not ship (${LIBPYTHON_NOTE}).`
      : ownPython
        ? `Not distroless: ${ownPythonWhy(build)}; distroless has its Python at /usr/bin/python3.13 only.`
      : needsPackages && distroless
        ? `This installs what the app needs at run time with apt-get, ${describe(packages)}; the other action copies the libraries into distroless${onDistrolessPython ? '' : ', which ships only Python 3.13, and moves the build there'}.`
        : needsPackages
          ? `Distroless has no package manager: this installs what the app needs at run time, ${describe(packages)}.`
          : distroless
            ? 'Distroless ships only Python 3.13: the other action moves the build there.'
            : `pyproject.toml requires Python ${context.pythonRange}, and distroless ships only Python 3.13.`;
    const slim = onDistrolessPython && distroless && !needsPackages ? undefined : slimPlan(builder, build, context, writes, packages, builder.version ?? DISTROLESS_PYTHON, why, builder.slim ? [] : venvFolders, shell);
    const made = (onDistrolessPython ? [distroless, slim] : [slim, distroless]).filter((plan): plan is SplitPlan => plan !== undefined);
    const plans = recognised.appEngine ? made.map((plan) => fromAppEngine(plan, builder, build)) : made;
    return plans.every((plan) => plan.artifacts.length > 0)
      ? plans
      : declineNothingToBuild('The build adds no packages or files to the python image, so there is nothing to copy into a runtime.');
  },
};

/** `libpq5 (for libpq-dev), graphviz`. */
function describe(packages: Map<string, string>): string {
  return [...packages].map(([name, reason]) => (reason ? `${name} (for ${reason})` : name)).join(', ');
}

function distrolessPlan(builder: Builder, build: PythonBuild, context: PythonContext, writes: AppWrites, packages: Map<string, string>, native?: { closure: NativeClosure; reasons: string[] }): SplitPlan {
  const image = `${builder.name}:${DISTROLESS_PYTHON}${builder.slim ? '-slim' : ''}-trixie`;
  const keep = builder.version === DISTROLESS_PYTHON && builder.codename === 'trixie';
  const moves = builder.version !== DISTROLESS_PYTHON;
  const inImage = new Map([...packages].filter(([name]) => IN_DISTROLESS.has(name)));
  const notes = [
    `Runtime: distroless Python 3.13 (no shell), as non-root${build.installs ? '; the venv runs on its /usr/bin/python' : ''}.`,
    ...(moves ? [`The build moves to Python 3.13, the one distroless ships (it used ${builder.version ? `Python ${builder.version}` : `${builder.name}:${builder.tag || 'latest'}, which pins no version`}).`] : []),
    ...(!moves && builder.codename && builder.codename !== 'trixie' ? [`The build moves from ${builder.codename} to trixie, the runtime's Debian release (glibc).`] : []),
    ...(inImage.size > 0 ? [`${describe(inImage)}: already in the distroless image.`] : []),
    ...(native ? [`The venv's extension modules may link libraries distroless lacks: ${native.reasons.join('; ')}.`, native.closure.note] : []),
  ];
  return assemble(build, context, writes, {
    label: moves ? 'distroless, moves to Python 3.13' : undefined,
    builderImage: keep || image === `${builder.name}:${builder.tag}` ? undefined : image,
    runtimeImage: DISTROLESS,
    runtimeEntrypoint: ['/usr/bin/python3.13'],
    distroless: true,
    notes,
    extraSetup: builder.uvImage ? ['# uv, which the python image lacks (the uv image it replaces had it).', 'COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/'] : [],
    runtimeSetup: [],
    closure: native?.closure,
    pythonVersion: DISTROLESS_PYTHON,
  });
}

function slimPlan(builder: Builder, build: PythonBuild, context: PythonContext, writes: AppWrites, packages: Map<string, string>, version: string, why: string, closureFolders: string[], shell?: ShellStart): SplitPlan {
  const floating = builder.version === undefined;
  // Same Debian release on both sides (glibc, apt package names): the builder's codename, else
  // both pinned to trixie, the default of every supported python tag (docker-library/python).
  const codename = builder.codename ?? (floating || (!builder.pinned && builder.tagVersion === version && minor(version) >= 9) ? 'trixie' : undefined);
  const runtimeVersion = floating ? version : builder.tagVersion ?? version;
  const runtimeImage = `${builder.uvImage ? 'python' : builder.name}:${runtimeVersion}-slim${codename ? `-${codename}` : ''}`;
  const builderImage = builder.codename || !codename ? undefined : `${builder.name}:${version}${builder.slim ? '-slim' : ''}-${codename}`;
  const notes = [
    `Runtime: ${runtimeImage}, the same Python and Debian as the build, as non-root.`,
    ...(floating ? [`The build is pinned to Python ${version} (${builder.name}:${builder.tag || 'latest'} pins no version) for the runtime to match it.`] : []),
    why,
    ...(build.healthTools.length > 0 ? [healthToolsNote(build.healthTools)] : []),
  ];
  // A build on the full python image: pip may have compiled extensions (uWSGI, psycopg2) against
  // its many -dev packages, whose libraries the slim image lacks; the closure copies them, from
  // the same Debian release, so nothing is guessed.
  const closure = codename && closureFolders.length > 0
    ? nativeClosure({ runtimeImage, folders: closureFolders, subject: "the venv's extension modules", ldLibraryPath: build.env.has('LD_LIBRARY_PATH') })
    : undefined;
  if (typeof closure === 'object') {
    notes.push(closure.note);
  }
  const apt = packages.size === 0 ? [] : [
    'RUN apt-get update \\',
    ` && apt-get install -y ${build.aptRecommends ? '' : '--no-install-recommends '}${[...packages.keys()].join(' ')} \\`,
    ' && rm -rf /var/lib/apt/lists/*',
  ];
  return assemble(build, context, writes, {
    label: `${runtimeImage} runtime`,
    builderImage,
    runtimeImage,
    runtimeEntrypoint: [],
    distroless: false,
    notes,
    extraSetup: [],
    // The slim image has no user 65532: create it, so HOME and getpass work.
    runtimeSetup: [...apt, 'RUN groupadd --gid 65532 nonroot \\', ' && useradd --uid 65532 --gid 65532 --create-home nonroot', ...shellWriteLines(shell?.writes ?? [], NONROOT)],
    closure: typeof closure === 'object' ? closure : undefined,
    pythonVersion: version,
    shell,
  });
}

/**
 * An Alpine build: packages built on musl load only on musl, so the runtime is the same python
 * Alpine image, without the compilers and headers the build added, with the libraries those
 * headers belong to (apk names: osPackages.ts), as a non-root user made for it.
 */
function alpinePlan(builder: Builder, build: PythonBuild, context: PythonContext, writes: AppWrites, shell: ShellStart | undefined): SplitPlan[] | Declined {
  if (build.aptPackages.length > 0) {
    return decline('The build runs apt-get on an Alpine image; fix the build, then split.');
  }
  const libraries = osRuntimePackages('alpine', build.apkPackages, (name) => build.healthTools.includes(name) || (shell?.packages.includes(name) ?? false));
  if (!libraries) {
    const headers = build.apkPackages.filter((name) => name.endsWith('-dev'));
    return decline(`The build installs ${headers.join(', ')}, and the split does not know which library the app's packages load from ${headers.length > 1 ? 'them' : 'it'} at run time; split by hand.`);
  }
  const floating = builder.version === undefined;
  if (floating && build.systemPython) {
    return floatingAlpineSitePackages(builder);
  }
  const foreign = build.apkRepositories.find((url) => alpineRelease(url) === undefined || alpineRelease(url) !== imageAlpine(builder));
  if (foreign !== undefined) {
    // Packages of another release upgrade what they depend on (musl, libffi) in the builder only.
    return decline(`\`apk add --repository ${foreign}\` takes packages from another Alpine release than the image's, which can upgrade libraries the build compiles against (musl, libffi) past those of the runtime, the same image without the build's packages; install from the image's own release (drop --repository), then split.`);
  }
  const runtimeImage = `${builder.name}:${builder.tag}`;
  const tools = libraries.filter((name) => build.healthTools.includes(name));
  const loaded = libraries.filter((name) => !tools.includes(name));
  const python2 = isPython2(builder);
  const notes = [
    python2
      ? `Runtime: ${runtimeImage}, the same Python ${builder.version ?? ''} on Alpine as the build, without its compilers and headers, as non-root. Not distroless: no distroless image has Python 2.`
      : `Runtime: ${runtimeImage}, the same Python on Alpine as the build, without its compilers and headers, as non-root. Not distroless: packages built on Alpine (musl) do not load on its glibc; build on python:3.13-slim-trixie to get distroless.`,
    ...(python2 ? python2Notes(runtimeImage, build.installs) : []),
    ...(floating ? [`Both stages name ${runtimeImage}, which pins no Python version: one build resolves the tag to one image, so the venv runs on the Python it was built with. Write the version (python:3.X-alpine) so that rebuilds do not move to a new Python unannounced.`] : []),
    ...(build.ownVenv || build.systemPython ? [`${capitalise(ownPythonWhy(build))}, which this image has too.`] : []),
    ...(loaded.length > 0 ? [`It installs ${loaded.join(', ')}, which the app or its packages load at run time.`] : []),
    ...(tools.length > 0 ? [healthToolsNote(tools)] : []),
    ...(shell ? [shellKept(shell)] : []),
  ];
  const plan = assemble(build, context, writes, {
    runtimeImage,
    runtimeEntrypoint: [],
    distroless: false,
    notes,
    extraSetup: [],
    runtimeSetup: [...installLines('alpine', libraries), ...nonRootUserLines('alpine'), ...shellWriteLines(shell?.writes ?? [], NONROOT)],
    pythonVersion: builder.version,
    shell,
  });
  return plan.artifacts.length > 0 ? [plan] : declineNothingToBuild('The build adds no packages or files to the python image, so there is nothing to copy into a runtime.');
}

/** The Alpine release a repository URL names (`…/alpine/v3.11/main` → 3.11); undefined for edge or no release. */
function alpineRelease(url: string): string | undefined {
  return /\/v(\d+\.\d+)\//.exec(`${url}/`)?.[1];
}

/** The Alpine release of the builder's image: the tag's `alpine3.X`, else that of a frozen tag's last build. */
function imageAlpine(builder: Builder): string | undefined {
  return /(?:^|-)alpine(\d+\.\d+)(?:-|$)/.exec(builder.tag)?.[1] ?? (builder.version && /(?:^|-)alpine$/.test(builder.tag) ? FROZEN_PYTHON[builder.version]?.alpine : undefined);
}

/** What keeping Python 2 means, said where the runtime is chosen; `venv`: the split makes one. */
function python2Notes(runtimeImage: string, venv: boolean): string[] {
  return [
    `Python 2 is past its end of life (2020-01-01): no fixes, security ones included. The split keeps it and does not move the app to Python 3; the official images stopped building Python 2 on ${FROZEN_PYTHON['2.7'].lastBuilt} (2.7.18), so ${runtimeImage} no longer changes.`,
    ...(venv ? [`Python 2 has no venv module: virtualenv ${VIRTUALENV}, installed in the builder's own Python, makes the venv, and the venv gets the image's pip ($PYTHON_PIP_VERSION), so packages resolve as before.`] : []),
  ];
}

/** Why the runtime must have the builder's /usr/local/bin/python: the build's own venv links to it, or the packages are in that Python. */
function ownPythonWhy(build: PythonBuild): string {
  return build.ownVenv && build.venvPython
    ? `the build's own venv ${build.ownVenv} is copied at the same path, and its Python is a copy of the image's, which loads the image's /usr/local/lib (virtualenv makes it so)`
    : build.ownVenv
    ? `the build's own venv ${build.ownVenv} is copied at the same path, and its bin/python links to the image's /usr/local/bin/python`
    : "the packages are in the image's Python (UV_SYSTEM_PYTHON): its site-packages is copied into the same Python at the same path (not the programs the install put in /usr/local/bin: the start runs python)";
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function healthToolsNote(tools: string[]): string {
  return `${tools.join(' and ')} stay${tools.length > 1 ? '' : 's'}: the Dockerfile installs ${tools.length > 1 ? 'them' : 'it'} for health checks, which a probe outside it (compose, Kubernetes) may run.`;
}

function minor(version: string): number {
  return Number(version.split('.')[1]);
}
