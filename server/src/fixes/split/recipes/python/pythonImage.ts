// Which single-stage builds are Python ones: those on the official python image, on an
// astral-sh/uv image with Python, or on App Engine's retired python image (whose venv's Python the
// build names: pythonAppEngine.ts). Recognised builds the runtimes cannot take (Python 2 on Debian,
// a tag from a build argument) are declined with the reason, so the user learns what to change;
// any other image is not the Python recipe's.
import { lookupImage } from '../../../../catalog/catalog';
import { ImageReference, imageName } from '../../../../core/imageReference';
import { Stage, resolveBaseImage } from '../../../../core/stages';
import { Declined, decline } from '../../recipe';

export interface Builder {
  /** Image name as written, without tag or digest (`python`, `mirror.gcr.io/library/python`). */
  name: string;
  tag: string;
  /** `3.12`; undefined when the tag floats (`python:3`, `latest`). */
  version?: string;
  /** The version as the tag writes it (`3.12.6`). */
  tagVersion?: string;
  slim: boolean;
  codename?: string;
  pinned: boolean;
  /** ghcr.io/astral-sh/uv:pythonX.Y-<debian>: python:X.Y plus uv. */
  uvImage: boolean;
  /** An Alpine (musl) build: the runtime is the same Alpine image, not distroless (glibc). */
  alpine: boolean;
  /**
   * App Engine's retired python image: the build moves to the official image of the Python its
   * `virtualenv -p python3.X` names, which the scan finds (pythonAppEngine.ts).
   */
  appEngine?: true;
}

/** Google's App Engine flexible base image (Ubuntu 16.04, 18.04 from 2021; a virtualenv at /env), no longer built. */
const APP_ENGINE_PYTHON = /^([a-z-]+\.)?gcr\.io\/google[-_]appengine\/python$/;

/** Python 2 (`python:2-alpine`, `python:2.7`): the version the catalog reads from the tag starts with 2. */
export function isPython2(builder: Builder): boolean {
  return builder.version?.startsWith('2.') ?? false;
}

/** The Python builder, why the split declines it, or undefined when the image is not Python's. */
/**
 * Another publisher's Python image (tiangolo/uwsgi-nginx:python3.8, bitnami/python) that the stage
 * adds an app to: a Python app the split cannot place.
 */
function otherPublisherPython(stage: Stage, image: ImageReference): boolean {
  const name = imageName(image);
  const nameAndTag = `${name.split('/').pop() ?? ''}:${image.tag ?? ''}`;
  // Images with Python and another language (nikolaik/python-nodejs, resurfaceio/python-ruby) are left to the other recipes.
  return name.includes('/') && /python/.test(nameAndTag) && !/node|ruby|java|jdk|php|golang|rust|dotnet/.test(nameAndTag) && stage.instructions.some((instruction) => ['RUN', 'COPY', 'ADD'].includes(instruction.getKeyword()));
}

export function recognisePython(stage: Stage): Builder | Declined | undefined {
  const { base } = resolveBaseImage(stage);
  if (base.kind !== 'image') {
    return undefined;
  }
  if (APP_ENGINE_PYTHON.test(imageName(base.image))) {
    return { name: base.image.text.replace(/@.*$/, '').replace(/:[^/:]*$/, ''), tag: base.image.tag ?? '', slim: false, pinned: base.image.digest !== undefined, uvImage: false, alpine: false, appEngine: true };
  }
  const lookup = lookupImage(base.image);
  const id = lookup.entry?.id;
  if ((id !== 'python' && id !== 'uv') || lookup.facts.toolchain?.language !== 'python') {
    return lookup.facts.kind !== 'distroless' && otherPublisherPython(stage, base.image) ? decline(`Python comes from ${base.image.text}, not the official python image: its Python, packages and start (its own entrypoint or scripts) are laid out its own way, so the split can neither pick a runtime with the same Python nor keep its start. Build on the official python image (python:3.13-slim-trixie) with the app's server started by CMD (gunicorn, uwsgi), then split.`) : undefined;
  }
  const tag = base.image.tag ?? '';
  const version = lookup.facts.toolchain.version;
  if (stage.baseText.includes('$')) {
    return decline('The Python version comes from a build argument, so the split cannot pick the runtime that matches it; write the tag, then split.');
  }
  if (stage.from.getFlags().some((flag) => flag.getName().toLowerCase() === 'platform')) {
    return decline('FROM --platform pins a platform the runtime stage would not share; remove it (build with `docker build --platform`), then split.');
  }
  const alpine = lookup.facts.libc === 'musl';
  if (version?.startsWith('2.') && (!alpine || id !== 'python')) {
    // On Alpine the runtime is the build's own frozen image; a Debian one is left to do by hand.
    return decline(`Python 2 ended on 2020-01-01, and the split keeps it only on the official Alpine images (python:2.7-alpine), not on \`${base.image.text.replace(/@.*$/, '')}\`: move the app to Python 3, then split, or split by hand onto python:2.7-slim.`);
  }
  if (version && !/^[23]\./.test(version)) {
    return decline(`The split knows no runtime image for Python ${version}; build on python:3.13-slim-trixie, then split.`);
  }
  if (alpine && id === 'uv') {
    // Packages built on musl load only on musl: the runtime is the same python Alpine tag, which must name the version.
    // (The official python image's floating Alpine tags are kept as written in both stages: python.ts.)
    return decline(`The app is built on Alpine (musl), and its runtime must be the same Python on Alpine, which \`${base.image.text.replace(/@.*$/, '')}\` does not pin; build on python:3.X-alpine with the version written, or build on python:3.13-slim-trixie for distroless, then split.`);
  }
  if (lookup.facts.libc !== 'glibc' && !alpine) {
    return decline('The app is built on an image whose C library the split does not know; build on python:3.13-slim-trixie, then split.');
  }
  if (id === 'uv' && !version) {
    return decline('This uv image has no Python, so uv downloads one the runtime would not have; build on python:3.13-slim-trixie with `COPY --from=ghcr.io/astral-sh/uv /uv /bin/`, then split.');
  }
  return {
    name: id === 'uv' ? 'python' : base.image.text.replace(/@.*$/, '').replace(/:[^/:]*$/, ''),
    tag,
    version,
    tagVersion: id === 'uv' ? version : /^\d+\.\d+(\.\d+)?/.exec(tag)?.[0],
    slim: /(^|-)slim(-|$)/.test(tag),
    codename: /(?:^|-)(stretch|buster|bullseye|bookworm|trixie)(?:-|$)/.exec(tag)?.[1],
    pinned: base.image.digest !== undefined,
    uvImage: id === 'uv',
    alpine,
  };
}

/**
 * Why a floating Alpine tag (`python:3-alpine`) cannot take packages installed into the image's
 * own Python: the runtime copies its site-packages, whose path names the minor version the
 * catalog does not know for a tag that moves.
 */
export function floatingAlpineSitePackages(builder: Builder): Declined {
  const shown = `${builder.name}:${builder.tag}`;
  return decline(`The packages go into the image's own Python, whose site-packages path names its version, which \`${shown}\` does not pin; write the version in the tag (\`docker run --rm ${shown} python -V\` shows the one it is today: 3.X.Y → python:3.X-alpine), or install into a venv, then split.`);
}
