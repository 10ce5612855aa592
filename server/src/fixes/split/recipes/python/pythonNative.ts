// Why a Python split needs native libraries the runtime lacks: the -dev packages and source builds
// behind the venv's extension modules (for the native closure), and an LD_PRELOAD of the shared
// Python library, which distroless python3 does not ship.
import { lookupImage } from '../../../../catalog/catalog';
import { parseImageReference } from '../../../../core/imageReference';
import { PythonBuild } from './pythonBuild';
import { PythonContext } from './pythonContext';
import { Builder } from './pythonImage';

export const DISTROLESS = 'gcr.io/distroless/python3-debian13:nonroot';

/** What the catalog says distroless python3 lacks: the shared Python library. */
const DISTROLESS_IMAGE = parseImageReference(DISTROLESS);
export const LIBPYTHON_NOTE = (DISTROLESS_IMAGE && lookupImage(DISTROLESS_IMAGE).facts.sharedLibraries?.lacks?.find(({ soname }) => soname.startsWith('libpython'))?.note) ?? 'the shared Python library';

/**
 * Why the app needs the shared Python library (libpython3.X.so), which distroless python3 does
 * not ship: an LD_PRELOAD of it in an ENV or the start command. Undefined when nothing preloads it.
 */
export function libpythonPreload(build: PythonBuild): string | undefined {
  const startWords = [...(build.entrypoint ?? []), ...(build.cmd ?? [])];
  const preloads = [build.env.get('LD_PRELOAD') ?? '', ...startWords.filter((word) => word.startsWith('LD_PRELOAD=')).map((word) => word.slice('LD_PRELOAD='.length))];
  const library = preloads.flatMap((value) => value.split(/[\s:]+/)).find((path) => /(^|\/)libpython3[\d.]*\.so/.test(path));
  return library && `LD_PRELOAD loads ${library}`;
}

/**
 * Why the venv's extension modules may link system libraries distroless python3 lacks: -dev
 * packages pip compiles against, packages known to build from source (psycopg2), or the full
 * python image's many -dev packages when no build context says what pip installs.
 */
export function closureReasons(builder: Builder, build: PythonBuild, context: PythonContext, missing: Map<string, string>): string[] {
  const headers = build.aptPackages.filter((name) => name.endsWith('-dev'));
  const fromSource = [...missing].filter(([, reason]) => reason !== '' && !reason.endsWith('-dev')).map(([library, reason]) => `${reason} builds from source against ${library}`);
  const guess = !context.read && !builder.slim && (build.installs || build.targets.length > 0) && build.installer === 'pip';
  return [
    ...(headers.length > 0 ? [`pip may compile extensions against ${headers.join(', ')}`] : []),
    ...fromSource,
    ...(headers.length === 0 && guess ? ["pip may build packages from source against the full python image's -dev packages (psycopg2 against libpq-dev)"] : []),
  ];
}
