// Python starts that need a shell (an entrypoint script, `sh -c`, a pipe): checked against the
// slim or Alpine runtime with the shared shell-start reader, and what the runtime says and copies
// for them. Distroless has no shell, so such a start keeps the same Python image.
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { Stage } from '../../../../core/stages';
import { BuildContext } from '../../../fix';
import { Declined } from '../../recipe';
import { rootOnlyStart } from '../../rootOnlyStart';
import { ShellStart, shellStart, startTexts } from '../shared/shellStart';
import { PythonBuild } from './pythonBuild';
import { Builder } from './pythonImage';
import { shellStartWords, simpleCommandWords } from './pythonShellStart';
import { PYTHON_WORD } from './pythonStart';

/** The app's own programs: the venv's bin folder and the console scripts its packages install. */
export interface AppPrograms {
  bin: string | undefined;
  scripts: ReadonlySet<string>;
}

/**
 * The start's shell use, when the start needs a shell, checked against the slim (or Alpine)
 * runtime: undefined when it needs none, or when the recipe adapts it itself (a simple shell-form
 * command, gunicorn's `--bind :$PORT`).
 */
export function pythonShellStart(stage: Stage, build: PythonBuild, builder: Builder, buildContext: BuildContext | undefined, programs: AppPrograms): ShellStart | Declined | undefined {
  if (rootOnlyStart(stage, buildContext)) {
    return undefined; // the split's own check says which service needs root
  }
  const { bin, scripts } = programs;
  return shellStart({
    ...startTexts(stage),
    workdir: build.appDir,
    copies: build.copies,
    buildContext,
    distro: builder.alpine ? 'alpine' : 'debian',
    installed: builder.alpine ? build.apkPackages : build.aptPackages,
    runtimeImage: builder.alpine ? `${builder.name}:${builder.tag}` : `the python -slim image`,
    // The venv's bin is first on PATH in the runtime; a .py file of the app runs with its python.
    isAppProgram: (program) => PYTHON_WORD.test(program) || (bin !== undefined && (scripts.has(program.toLowerCase()) || program.startsWith(`${bin}/`))) || (/^(\.\/)?[\w./-]+\.py$/.test(program) && isInside(resolvePath(build.appDir, program), build.appDir)),
    handlesShellForm: (text) => simpleCommandWords(text) !== undefined || shellStartWords(text) !== undefined,
  });
}

export function shellWhy(shell: ShellStart): string {
  return `Not distroless: the start needs a shell, which distroless lacks. ${shellKept(shell)}`;
}

/** What the runtime keeps of a start that needs a shell, and what it gives it. */
export function shellKept(shell: ShellStart): string {
  const installs = shell.packages.length > 0 ? `, with ${shell.packages.join(', ')} installed as the build did for the tools it runs` : '';
  const venv = shell.appCommands.length > 0 || shell.passesArguments ? "; the app's commands run from the venv (its bin first on PATH)" : '';
  return `The start runs ${shell.what}, kept as written: this image has its shell and the commands it runs${installs}${venv}.`;
}

/** The start's scripts outside the folders the runtime copies: copied from the builder, mode kept. */
export function scriptArtifacts(shell: ShellStart | undefined, artifacts: { source: string; target: string }[]): { source: string; target: string }[] {
  return (shell?.scripts ?? [])
    .filter((script) => !artifacts.some((artifact) => artifact.source === artifact.target && isInside(script, artifact.target)))
    .map((script) => ({ source: script, target: script }));
}
