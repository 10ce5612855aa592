// virtualenv, where the split cannot make the venv with `python -m venv`: Python 2 has no venv
// module, and a build on App Engine's retired image makes its own with `virtualenv -p python3.X`,
// which the official python image it moves to does not have.
//
// The pin, 16.7.10 (pypa/virtualenv tag 16.7.10, 2020-02-24): the single-module virtualenv, no
// dependencies to resolve on an old Python, `python_requires >=2.7, !=3.0.*-3.3.*` (setup.cfg).
// It seeds pip 19.1.1 on Python 3.4 (`pip<19.2`, the last for 3.4) and otherwise the newest pip,
// setuptools and wheel that accept the venv's Python (`--download` is its default), as App
// Engine's image did with virtualenv 15.1 to 16.0 until September 2020
// (GoogleCloudPlatform/python-runtime runtime-image/resources/requirements-virtualenv.txt). Not
// later ones: 20.16.0 and later need Python 3.6 (setup.cfg `python_requires >=3.6`); 20.0.31, App
// Engine's last pin, had Python 3.4 faults fixed in 20.0.33 (docs/changelog.rst); 16.7.12's
// virtualenv.py still says 16.7.11, the version its package would report.
import { resolvePath } from '../../../../rules/buildArtifacts';

export const VIRTUALENV = '16.7.10';

/** What `virtualenv [options] <dir>` makes: the venv's folder and the Python it names (`python3.6`), or why the split cannot follow it. */
export type VirtualenvCall = { dir: string; python?: string } | { reason: string };

/**
 * Reads a `virtualenv` command line: `-p`/`--python` (`-p python3.6`, `--python=python3.6`) and
 * one folder. Other options change what the venv sees or holds (`--system-site-packages`,
 * `--no-pip`), so the split does not follow them.
 */
export function readVirtualenv(args: string[], cwd: string): VirtualenvCall {
  const dirs: string[] = [];
  let python: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const inline = /^(?:--python=|-p(?=.))(.*)$/.exec(arg);
    if (arg === '-p' || arg === '--python') {
      python = args[++i];
    } else if (inline) {
      python = inline[1];
    } else if (arg === '--no-site-packages') {
      // the default: the venv does not see the system's packages
    } else if (arg.startsWith('-')) {
      return { reason: `\`virtualenv ${arg}\` makes a venv the split does not follow; make it with \`virtualenv -p python3.X <dir>\` only, then split.` };
    } else {
      dirs.push(arg);
    }
  }
  if (dirs.length !== 1 || (python !== undefined && python === '')) {
    return { reason: 'The build makes its virtual environment in a way the split does not follow (no folder, or more than one); make it with `virtualenv -p python3.X <dir>`, then split.' };
  }
  return { dir: resolvePath(cwd, dirs[0]), python };
}

/** The `X.Y` a `-p` value names by itself (`python3.6`), or undefined (`python3`, a path, `3.6`). */
export function namedMinor(python: string | undefined): string | undefined {
  return /^python([23]\.\d+)$/.exec(python ?? '')?.[1];
}

/**
 * The builder's lines that make the split's venv on Python 2: virtualenv in the image's own Python
 * (the builder's only), the venv, and in it the pip the image has (`$PYTHON_PIP_VERSION`, set by
 * every official python image), so packages resolve as the original's pip resolved them.
 */
export function python2VenvLines(venv: string): string[] {
  return [
    `RUN pip install virtualenv==${VIRTUALENV} \\`,
    ` && virtualenv ${venv} \\`,
    ` && ${venv}/bin/pip install "pip==$PYTHON_PIP_VERSION"`,
  ];
}
