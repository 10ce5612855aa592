// The Python split's package environment in the builder: the venv it makes (on /usr/bin/python,
// the distroless runtime's Python path, or on the image's own Python for a -slim runtime), uv's
// and Poetry's settings for it, and where the packages end up for the runtime to copy.
import { PythonBuild } from './pythonBuild';
import { VIRTUALENV, python2VenvLines } from './pythonVirtualenv';

/** The venv the split makes when the build installs into the image's Python. */
export const VENV = '/venv';

/** Where the packages are, which the runtime copies, and the bin directory of their programs (none for the image's Python). */
export function environmentOf(build: PythonBuild, pythonVersion: string | undefined): { folder?: string; bin?: string } {
  if (build.systemPython) {
    return { folder: pythonVersion && `/usr/local/lib/python${pythonVersion}/site-packages` };
  }
  const venv = build.ownVenv ?? (!build.installs ? undefined : build.installer === 'uv' ? build.uvEnvironment : VENV);
  return { folder: venv, bin: venv && `${venv}/bin` };
}

/**
 * The builder's lines after FROM that make the venv (and the VOLUME folders the runtime copies).
 * `python2`: the image's Python has no venv module, so virtualenv makes it (pythonVirtualenv.ts).
 */
export function builderSetup(build: PythonBuild, distroless: boolean, python2 = false): string[] {
  const link = 'ln -s /usr/local/bin/python /usr/bin/python';
  const lines: string[] = [];
  if (build.installs && build.installer === 'uv') {
    const settings = [...(distroless ? ['UV_PYTHON=/usr/bin/python'] : []), ...(build.env.has('UV_PYTHON_DOWNLOADS') ? [] : ['UV_PYTHON_DOWNLOADS=0'])];
    lines.push(distroless
      ? "# uv builds the venv on /usr/bin/python, the distroless runtime's Python path, and never on a downloaded Python."
      : "# uv builds the venv on the image's Python, which the runtime has too, never on a downloaded one.");
    lines.push(...(distroless ? [`RUN ${link}`] : []), ...(settings.length > 0 ? [`ENV ${settings.join(' ')}`] : []));
  } else if (build.installs && !build.ownVenv && !build.systemPython) {
    // pip after a non-root USER writes the venv as that user: opened here, closed in splitVenvFinish
    const open = build.nonRootInstalls ? [` && chmod -R a+w ${VENV}`] : [];
    const made = python2 ? python2VenvLines(VENV) : distroless ? [`RUN ${link} \\`, ` && /usr/bin/python -m venv ${VENV}`] : [`RUN python -m venv ${VENV}`];
    if (open.length > 0) {
      made[made.length - 1] += ' \\';
    }
    lines.push(
      distroless
        ? '# The venv links to /usr/bin/python, where the distroless runtime has its Python.'
        : python2
          ? `# Packages go into a venv, which the runtime copies; Python 2 has no venv module, so virtualenv ${VIRTUALENV} makes it, with the image's pip.`
          : '# Packages go into a venv, which the runtime copies.',
      ...(open.length > 0 ? [`# Writable by every user for now: pip runs after USER ${build.nonRootUser ?? ''}.`] : []),
      ...made,
      ...open,
      ...(build.installer === 'poetry'
        ? ['# Poetry installs into the active venv (VIRTUAL_ENV) instead of its own; Poetry itself stays out of it.', `ENV VIRTUAL_ENV=${VENV}`]
        : [`ENV VIRTUAL_ENV=${VENV} PATH="${VENV}/bin:$PATH"`]),
    );
  }
  if (build.volumesToCreate.length > 0) {
    lines.push("# The VOLUME directories, for the runtime to copy owned by the app's user.", `RUN mkdir -p ${build.volumesToCreate.join(' ')}`);
  }
  return lines;
}
