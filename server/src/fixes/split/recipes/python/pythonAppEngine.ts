// Builds on App Engine's retired python image, gcr.io/google_appengine/python: Ubuntu 16.04 (18.04 from 2021) with
// Google's own builds of Python 3.4 to 3.7 in /opt, Ubuntu's Python 2.7 as the default one,
// virtualenv, the -dev packages popular packages compile against, WORKDIR /app and PORT=8080
// (GoogleCloudPlatform/python-runtime runtime-image/Dockerfile.in and resources/apt-packages.txt,
// commit d4b451a). The build names the venv's Python: `virtualenv -p python3.6 /env`. The split
// moves it to the official image of that Python (the same minor, so packages pinned for cp36
// install as before): the full image builds (compilers, -dev packages, git), its -slim variant
// on the same Debian release runs, with the venv at the same path. A Python the build does not
// name by its version, and Ubuntu's Pythons, are declined: no official image is sure to match.
import { lookupImage } from '../../../../catalog/catalog';
import { CODENAME_OF } from '../../../../catalog/builders/tags';
import { parseImageReference } from '../../../../core/imageReference';
import { Declined, SplitPlan, decline } from '../../recipe';
import { PythonBuild } from './pythonBuild';
import { Builder } from './pythonImage';
import { VIRTUALENV, namedMinor } from './pythonVirtualenv';

/** The Pythons of App Engine's image a venv can name (`/opt/python3.X`, runtime-image/Dockerfile.in). */
export const APP_ENGINE_PYTHONS = ['3.4', '3.5', '3.6', '3.7'];
const ONE_OF = '`virtualenv -p python3.X /env` (3.4 to 3.7, the ones the image had)';
/** What App Engine's image set that the build and the app may rely on, and the official image does not. */
const APP_ENGINE_WORKDIR = '/app';
const APP_ENGINE_PORT = '8080';

/**
 * The official python image a build on App Engine's image moves to, from the Python its
 * virtualenv names; why not when it names none, or one no official image matches.
 */
export function appEngineBuilder(build: PythonBuild): Builder | Declined {
  const aptPythons = build.aptPackages.filter((name) => /^python/.test(name));
  if (build.ownVenv === undefined) {
    const where = aptPythons.length > 0
      ? `into Python from apt-get (${aptPythons.join(', ')}): Ubuntu's, which no official image has`
      : "into App Engine's own Python, its default 2.7 (Ubuntu's), which no official image has";
    return decline(`The packages go ${where}. Make a venv with one of the image's Pythons, ${ONE_OF}, with \`ENV VIRTUAL_ENV=/env\` and \`ENV PATH=/env/bin:$PATH\`, install into it, then split.`);
  }
  if (build.aptPackages.length > 0) {
    return decline(`apt-get installs ${build.aptPackages.join(', ')} for Ubuntu (16.04, 18.04 after 2021), App Engine's base, and the split moves the build to the official python image on Debian, where names and versions differ; move the build to python:3.X yourself with the Debian packages, then split.`);
  }
  if (!build.hasStart) {
    // App Engine's image ends with `CMD []`: the runtime's python image would start python3 instead.
    return decline("There is no CMD or ENTRYPOINT, and App Engine's image starts nothing (`CMD []`); add the command that starts the app, then split.");
  }
  const minor = namedMinor(build.venvPython);
  if (minor === undefined) {
    return decline(venvPythonProblem(build.venvPython, build.ownVenv) ?? `The split cannot tell which Python ${build.ownVenv} is for; make it with ${ONE_OF}, then split.`);
  }
  const reference = parseImageReference(`python:${minor}`);
  const codename = reference && CODENAME_OF[lookupImage(reference).facts.debian ?? 0];
  if (!codename) {
    return decline(`The split does not know the Debian release of python:${minor}; move the build to it yourself, then split.`);
  }
  return { name: 'python', tag: `${minor}-${codename}`, version: minor, tagVersion: minor, slim: false, codename, pinned: false, uvImage: false, alpine: false };
}

/** `python -m venv` on App Engine's image: its `python` is Ubuntu's 2.7, its `python3` one of two versions. */
export const APP_ENGINE_VENV_MODULE = `On App Engine's image \`python -m venv\` makes the venv with a Python the split cannot tell (\`python\` is Ubuntu's 2.7, \`python3\` was 3.6 or 3.7 depending on when the image was built); make it with ${ONE_OF}, then split.`;

/**
 * Why the Python a `virtualenv` on App Engine's image names (`-p` value, undefined without one)
 * has no official image the split can move the build to; undefined when it has (`python3.6`).
 */
export function venvPythonProblem(python: string | undefined, dir: string): string | undefined {
  const minor = namedMinor(python);
  if (python === undefined || minor?.startsWith('2.') || python === 'python2') {
    const made = python === undefined ? `\`virtualenv ${dir}\` without -p makes` : `\`virtualenv -p ${python}\` makes`;
    return `${made} the venv with App Engine's Python 2.7 (Ubuntu's), which ended on 2020-01-01 and has no official image to move to. Move the app to Python 3 and name it: ${ONE_OF}; then split.`;
  }
  if (minor === undefined) {
    return `\`virtualenv -p ${python}\` does not say which Python the packages were installed for (App Engine's \`python3\` was 3.6 or 3.7, depending on when its image was built); write the version the app runs on, ${ONE_OF.replace('python3.X', 'python3.7')}, then split.`;
  }
  return APP_ENGINE_PYTHONS.includes(minor) ? undefined : `App Engine's image has no Python ${minor}, only 3.4 to 3.7, so the build fails as written; name one of them, ${ONE_OF}, then split.`;
}

/**
 * A plan made for the official image, for a build written for App Engine's: the builder's FROM
 * names the official full image, gets App Engine's WORKDIR and the virtualenv the build runs, and
 * the runtime keeps PORT and says what moved.
 */
export function fromAppEngine(plan: SplitPlan, builder: Builder, build: PythonBuild): SplitPlan {
  const builderImage = `python:${builder.tag}`;
  const [first, ...rest] = plan.runtimeNotes;
  return {
    ...plan,
    builderImage,
    builderSetup: [
      `# App Engine's image started in ${APP_ENGINE_WORKDIR} and had virtualenv, which makes ${build.ownVenv ?? 'the venv'} below; ${builderImage} has neither.`,
      `WORKDIR ${APP_ENGINE_WORKDIR}`,
      `RUN pip install virtualenv==${VIRTUALENV}`,
      ...plan.builderSetup,
    ],
    runtimeNotes: [
      first,
      `The build moves from App Engine's retired image (gcr.io/google_appengine/python: Ubuntu 16.04 or 18.04, Google's own build of Python ${builder.version ?? ''}) to ${builderImage}, the official Debian image of the same Python; virtualenv ${VIRTUALENV} makes ${build.ownVenv ?? 'the venv'} there, as virtualenv 15 and 16 did on App Engine until 2020.`,
      "App Engine's image had some -dev packages the official one lacks (swig, gfortran, BLAS and LAPACK, libmemcached, SASL): a package that compiles against one of them needs it installed with apt-get in the build stage.",
      ...rest,
    ],
    runtimeEnv: [
      ...(build.env.has('PORT') ? [] : [`# PORT as App Engine's image set it, for an app that reads it.`, `ENV PORT=${APP_ENGINE_PORT}`]),
      // App Engine's image exposed its port; the official image exposes none.
      ...(build.exposes ? [] : [`EXPOSE ${APP_ENGINE_PORT}`]),
      ...plan.runtimeEnv,
    ],
  };
}
