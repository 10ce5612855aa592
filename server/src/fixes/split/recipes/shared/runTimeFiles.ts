// Files a compiled app reads at run time from the folder it runs in, beside its sources: Go's
// `LoadHTMLGlob("templates/*")`, a Rust server's `static/`, Spring Boot's `./config/`, a `.env`
// that `godotenv.Load()` requires. The original image had them (its COPY brought the whole
// folder); a runtime that copies only the binary would start without them and fail at the first
// request, or at boot. So the split copies them, by the names frameworks use for such folders,
// when the build context shows they are there; without a context it cannot tell, and says so.
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { basename } from '../../../../rules/shellCommands';
import { readDockerIgnore } from '../../../dockerIgnore';
import { BuildContext } from '../../../fix';
import { StageScan, contextCopies } from './stageScan';

/**
 * Folders (trailing `/`) and files that hold what an app reads at run time, by convention (Vapor's
 * `Public/` and `Resources/` too; Rocket, in Rust, reads `Rocket.toml` from the working folder).
 */
export const RUN_TIME_DATA = /^((templates|template|views|static|public|assets|web|www|conf|config|configs|locales?|i18n|translations|lang|migrations|resources|res)\/|\.env|Rocket\.toml)$/i;
/** Spring Boot's own run-time config locations in the working folder (docs: "External Application Properties"). */
export const JVM_RUN_TIME_DATA = /^((config|conf)\/|application(-[\w-]+)?\.(properties|ya?ml))$/;

export interface RunTimeFiles {
  /** Builder paths of the run-time files the build context shows in the app's folder. */
  paths: string[];
  /** The whole folder is copied into the image, but the context could not be listed: unknown. */
  unknown: boolean;
  /** A `.env` is among them (it may hold secrets: the note says so). */
  dotEnv: boolean;
  /** A whole folder copied into the app's folder was listed from the build context. */
  listed: boolean;
}

/**
 * The run-time files in `appDir` (where the app runs, in the builder): those a COPY of a whole
 * context folder brought there (read from the context, less `.dockerignore`), and those copied
 * there by name (`COPY templates/ ./templates/`). `names` picks them; `skip` drops some (a
 * folder embedded in the binary).
 */
export function runTimeFiles(scan: StageScan, context: BuildContext | undefined, appDir: string, names: RegExp = RUN_TIME_DATA, skip: (entry: string) => boolean = () => false): RunTimeFiles {
  const ignore = readDockerIgnore(context);
  const paths: string[] = [];
  let unknown = false;
  let listed = false;
  const add = (path: string) => {
    if (!paths.some((known) => isInside(path, known))) {
      paths.push(path);
    }
  };
  for (const { source, whole, isFolder, destination, target } of contextCopies(scan.copies)) {
    if (!isInside(destination, appDir)) {
      continue;
    }
    if (isFolder && target === appDir) {
      // A folder's contents land in appDir: what in it the app reads.
      const entries = context?.listDirectory?.(source);
      if (!entries) {
        unknown ||= whole || !context?.listDirectory; // else the source is a file
        continue;
      }
      listed = true;
      const folder = whole ? '' : `${source}/`;
      for (const entry of entries) {
        if (names.test(entry) && !skip(entry) && !ignore.excludes(`${folder}${entry}`)) {
          add(resolvePath(appDir, entry.replace(/\/$/, '')));
        }
      }
    } else if (target !== appDir) {
      const entry = `${basename(target)}${isFolder ? '/' : ''}`;
      if (names.test(entry) && !skip(entry)) {
        add(target); // copied there by name: the app needs it
      }
    }
  }
  return { paths, unknown, listed, dotEnv: paths.some((path) => basename(path) === '.env') };
}

/** The notes for what runTimeFiles found (placed as `placed` says), or could not find (`examples` of what it looks for). */
export function runTimeFilesNotes(files: RunTimeFiles, appDir: string, placed = 'at the same paths', examples = 'templates, static files, config'): string[] {
  return [
    ...(files.paths.length > 0 ? [`Copies what the app reads at run time beside its sources (${files.paths.map((path) => basename(path)).join(', ')}), ${placed}.`] : []),
    ...(files.dotEnv ? ['The .env is copied because the original image had it: a secret in it belongs in a run-time secret or environment variable, not in the image.'] : []),
    ...(files.paths.length === 0 && files.listed && !files.unknown ? [`Copies no other file from ${appDir}: the build context shows none of the folders apps read there (${examples}); a file the app opens by name (config.json) needs a COPY --from=build of its own.`] : []),
    ...(files.unknown ? [`Without the build context the split cannot see which files in ${appDir} the app reads at run time (${examples}): add a COPY --from=build for each, unless embedded.`] : []),
  ];
}
