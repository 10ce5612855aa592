// A Python split's stages from a chosen variant (runtime image, notes, setup): the builder's
// venv and finishing steps, what the runtime copies, its environment and how each start command
// becomes the runtime's. python.ts chooses the variants (distroless, slim, Alpine).

import { SplitPlan } from '../../recipe';
import { WritePlan, nonRootOriginalNote, planWrites } from '../shared/runTimeWrites';
import { isInside } from '../../../../rules/buildArtifacts';
import { DISTROLESS_NONROOT as NONROOT } from '../shared/splitHelpers';
import { NativeClosure } from '../shared/nativeClosure';
import { ShellStart, isKeptStart } from '../shared/shellStart';
import { PythonBuild } from './pythonBuild';
import { PythonContext } from './pythonContext';
import { PythonWrites } from './pythonWrites';
import { VENV, builderSetup, environmentOf } from './pythonVenv';
import { layout } from './pythonLayout';
import { PYTHON_WORD, adaptStart, runtimeWords } from './pythonStart';
import { shellStartWords, simpleCommandWords } from './pythonShellStart';
import { scriptArtifacts } from './pythonShellRuntime';

/** Console scripts of common servers and tools, started by name from the venv's bin directory. */
export const KNOWN_SCRIPTS = new Set([
  'gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'granian', 'waitress-serve', 'flask', 'fastapi', 'streamlit', 'celery', 'dramatiq', 'rq',
  'django-admin', 'alembic', 'pytest', 'locust', 'scrapy', 'mkdocs', 'datasette', 'gradio', 'chainlit', 'panel', 'bokeh', 'jupyter', 'mlflow',
  'opentelemetry-instrument', 'ddtrace-run', 'newrelic-admin',
]);

/** What the app writes at run time and what the runtime does about it (no plan when the original ran as non-root). */
export interface AppWrites {
  plan?: WritePlan;
  notes: string[];
  /** Start-command words with a moved pidfile's new path. */
  movePidfiles(words: string[]): string[];
}

/** What the app writes, planned for the runtime's non-root user. */
export function appWrites(build: PythonBuild, contextRead: boolean, found: PythonWrites): AppWrites {
  const unchanged = (words: string[]) => words;
  if (build.nonRootUser) {
    // its app could write only what the build gave that user: the split keeps exactly that
    return { notes: [nonRootOriginalNote(build.nonRootUser, build.appDir, build.writable.some((dir) => isInside(build.appDir, dir)))], movePidfiles: unchanged };
  }
  if (build.appDir === '/') {
    return { notes: [], movePidfiles: unchanged };
  }
  if (build.writable.some((dir) => isInside(build.appDir, dir))) {
    found.unknowns.unshift('the build hands it to the app (chown, chmod or VOLUME)');
  }
  const plan = planWrites(build.appDir, found, contextRead, NONROOT);
  return { plan, notes: plan.notes, movePidfiles: (words) => (plan.moved.size === 0 ? words : found.movePidfiles(words, plan.moved)) };
}

export interface Variant {
  label?: string;
  builderImage?: string;
  runtimeImage: string;
  runtimeEntrypoint: string[];
  distroless: boolean;
  notes: string[];
  extraSetup: string[];
  runtimeSetup: string[];
  /** The libraries the venv's extension modules need that the runtime lacks, copied from the builder. */
  closure?: NativeClosure;
  /** The Python both stages run (`3.12`), for the image's site-packages path. */
  pythonVersion?: string;
  /** A start that needs a shell, checked to run on this runtime: kept as written. */
  shell?: ShellStart;
}

export function assemble(build: PythonBuild, context: PythonContext, writes: AppWrites, variant: Variant): SplitPlan {
  const { folder: venv, bin: venvBin } = environmentOf(build, variant.pythonVersion);
  const python2 = variant.pythonVersion?.startsWith('2.') ?? false;
  const setup = [...variant.extraSetup, ...builderSetup(build, variant.distroless, python2)];
  const copied = layout(build, venv, writes.plan?.folders ?? []);
  const logFiles = writes.plan?.files ?? [];
  const made = [...new Set([...(writes.plan?.create ?? []), ...logFiles.map((file) => file.slice(0, file.lastIndexOf('/')))])];
  const env: string[] = [];
  if (venvBin && !(build.env.get('PATH') ?? '').split(':').includes(venvBin)) {
    env.push(`ENV PATH="${venvBin}:$PATH"`);
  }
  const pythonEnv = ['PYTHONUNBUFFERED=1', 'PYTHONDONTWRITEBYTECODE=1'].filter((pair) => !build.env.has(pair.split('=')[0]));
  if (pythonEnv.length > 0) {
    env.push(`ENV ${pythonEnv.join(' ')}`);
  }
  env.push(...(variant.closure?.runtimeEnv ?? []));
  const notes = [...variant.notes, ...writes.notes];
  const dropsBind = build.cmdDropsPortBind && !(context.hasGunicornConfig && variant.distroless);
  if (variant.distroless && dropsBind) {
    notes.push(`No shell to expand $PORT: gunicorn binds 0.0.0.0:$PORT itself when PORT is set, so the CMD drops \`--bind :$PORT\`${context.read ? '' : ' (assumes no gunicorn.conf.py sets a bind)'}.`);
    if (!build.env.has('PORT')) {
      notes.push('PORT defaults to 8080 here; platforms such as Cloud Run set it.');
      env.push('ENV PORT=8080');
    }
  }
  // A Python 2 venv has bin/python and python2, no python3.
  const python = venvBin ? `${venvBin}/${python2 ? 'python' : 'python3'}` : variant.distroless ? '/usr/bin/python3' : undefined;
  const scripts = new Set([...KNOWN_SCRIPTS, ...build.pipNames, ...context.packages, ...context.scripts]);
  const adapt = (words: string[]) => runtimeWords(words, build, python, venvBin, scripts);
  // On distroless a CMD gives the image's Python its arguments, and that Python does not see the
  // venv: a CMD that runs Python gets the venv's as ENTRYPOINT, one that runs a console script
  // (or any program) gets none, and the kernel follows the script's #!/venv/bin/python.
  let cmdAsArguments = variant.distroless && !build.entrypoint ? python : undefined;
  if (cmdAsArguments && venvBin && build.cmd) {
    const startsPython = adapt(build.cmd)?.[0] === python;
    cmdAsArguments = startsPython ? python : undefined;
    env.push(
      ...(startsPython
        ? ["# The venv's Python instead of the image's, which does not see the venv; the CMD is its arguments.", `ENTRYPOINT ["${python}"]`]
        : ["# Not the image's ENTRYPOINT (its Python does not see the venv): the CMD runs the venv's program.", 'ENTRYPOINT []']),
    );
  }
  if (build.privilegedPort) {
    notes.push(`Port ${build.privilegedPort} as uid 65532: Docker 20.10+ allows it, Kubernetes needs a port above 1023.`);
  }
  if (!build.hasStart) {
    notes.push(`No start command in the original (the python image starts python3): this starts ${venvBin ? 'the venv\'s' : 'its'} Python too.`);
    if (variant.distroless) {
      // As a CMD, as the python image's: a command given at run time (`docker run <image>
      // gunicorn ...`, Cloud Run's --command) replaces it instead of becoming Python's arguments.
      env.push("# Not the image's ENTRYPOINT: the CMD starts Python, and a command given at run time replaces it, as with the python image.", 'ENTRYPOINT []');
    }
  }
  return {
    label: variant.label,
    builderImage: variant.builderImage,
    builderSetup: setup,
    builderFinish: asRoot(build, [
      ...(build.nonRootInstalls && !build.ownVenv && !build.systemPython ? [
        '# The venv closed again, owned by root: as a root install leaves it, and read-only for the app.',
        `RUN chmod -R go-w ${VENV} \\`,
        ` && chown -R 0:0 ${VENV}`,
      ] : []),
      ...(made.length === 0 ? [] : [
        '# What the app writes at run time (see the runtime notes), made here for the runtime to copy.',
        ...(logFiles.length === 0 ? [`RUN mkdir -p ${made.join(' ')}`] : [`RUN mkdir -p ${made.join(' ')} \\`, ` && touch ${logFiles.join(' ')}`]),
      ]),
      ...(copied.chownInBuilder.length === 0 ? [] : [
        "# Owned by the runtime's user here: the COPY of their parent keeps the builder's owners.",
        `RUN chown -R ${NONROOT} ${copied.chownInBuilder.join(' ')}`,
      ]),
      ...(variant.closure?.builderLines ?? []),
    ]),
    runtimeImage: variant.runtimeImage,
    runtimeNotes: notes,
    runtimeSetup: [
      ...variant.runtimeSetup,
      // WORKDIR would create them root-owned first, and a COPY keeps an existing directory's owner.
      ...(variant.distroless || copied.ownedByWorkdir.length === 0 ? [] : [`RUN install -d -o 65532 -g 65532 ${copied.ownedByWorkdir.join(' ')}`]),
    ],
    artifacts: [...copied.artifacts, ...scriptArtifacts(variant.shell, copied.artifacts), ...logFiles.map((file) => ({ source: file, target: file, chown: NONROOT })), ...(variant.closure ? [variant.closure.artifact] : [])],
    workdir: build.appDir,
    runtimeEnv: env,
    runtimeEntrypoint: variant.runtimeEntrypoint,
    runtimeUser: NONROOT,
    adaptStart: (command) => (variant.shell && isKeptStart(command, variant.shell.keyword, variant.shell.start)
      ? command
      : adaptStart({ ...command, words: writes.movePidfiles(command.words) }, build, adapt, cmdAsArguments)),
    adaptShellStart: (keyword, shellForm) => {
      if (variant.shell && variant.shell.keyword === keyword && 'shellForm' in variant.shell.start) {
        return 'keep';
      }
      const words = simpleCommandWords(shellForm);
      // A runtime with a shell runs it as written when its program is there (on the venv's PATH),
      // unless a pidfile moves: then it becomes exec form with the new path.
      const moves = words !== undefined && writes.movePidfiles(words).some((word, index) => word !== words[index]);
      if (!variant.distroless && words && !moves && (PYTHON_WORD.test(words[0]) || (venvBin && scripts.has(words[0].toLowerCase())))) {
        return 'keep';
      }
      const converted = dropsBind || moves ? shellStartWords(shellForm) : undefined;
      return converted && adaptStart({ keyword, words: writes.movePidfiles(converted) }, build, adapt, cmdAsArguments);
    },
    defaultStart: { keyword: 'CMD', words: [python ?? (variant.distroless ? '/usr/bin/python3' : 'python3')] },
  };
}

/** The builder's last steps run as root: after the original's USER they could not chown or read everything. */
function asRoot(build: PythonBuild, lines: string[]): string[] {
  return lines.length > 0 && build.nonRootUser ? [`# As root again (the build ends as USER ${build.nonRootUser}).`, 'USER root', ...lines] : lines;
}

