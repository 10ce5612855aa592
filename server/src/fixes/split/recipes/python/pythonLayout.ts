// Where the Python runtime's files come from and who owns them: the venv, the app folder and
// what the build put elsewhere, with the folders the app writes owned by the runtime's user.
import { isInside } from '../../../../rules/buildArtifacts';
import { Artifact } from '../../recipe';
import { DISTROLESS_NONROOT as NONROOT } from '../shared/splitHelpers';
import { PythonBuild } from './pythonBuild';

export interface Layout {
  artifacts: Artifact[];
  /** Writable directories inside another copied one: chowned in the builder, copied with it. */
  chownInBuilder: string[];
  /** Chowned artifacts that the runtime's WORKDIR creates first (the app directory or a parent). */
  ownedByWorkdir: string[];
}

/**
 * What the runtime copies, and who owns it. A COPY keeps the owner of a target directory that is
 * already there, and resets the owner of existing subdirectories to the source's (tonistiigi/fsutil
 * copy/copy.go: only the top-level target is not overwritten; moby/buildkit#2414). So a writable
 * directory inside another copied one is chowned in the builder and copied with its parent (COPY
 * --from keeps the builder's owners); any other is copied with --chown to where the runtime has
 * nothing yet.
 */
export function layout(build: PythonBuild, venv: string | undefined, appWritable: string[]): Layout {
  const plain: string[] = [];
  const add = (path: string) => {
    if (!plain.some((known) => isInside(path, known))) {
      plain.push(path);
    }
  };
  const inApp = (path: string) => build.appDir !== '/' && isInside(path, build.appDir);
  [...(venv ? [venv] : []), ...build.targets].filter((path) => !inApp(path)).forEach(add);
  if (build.copiedIntoApp || [...(venv ? [venv] : []), ...build.targets].some(inApp)) {
    add(build.appDir);
  }
  build.copiedOutside.forEach(add);
  const all = [...build.writable, ...appWritable];
  const writable = all.filter((dir, index) => all.indexOf(dir) === index && !all.some((other) => other !== dir && isInside(dir, other)));
  const nested = writable.filter((dir) => plain.some((path) => dir !== path && isInside(dir, path)));
  const owned = writable.filter((dir) => !nested.includes(dir));
  const artifacts: Artifact[] = [
    ...plain.filter((path) => !owned.some((dir) => isInside(path, dir))).map((path) => ({ source: path, target: path })),
    ...owned.map((dir) => ({ source: dir, target: dir, chown: NONROOT })),
  ];
  return { artifacts, chownInBuilder: nested, ownedByWorkdir: owned.filter((dir) => build.appDir !== '/' && isInside(build.appDir, dir)) };
}
