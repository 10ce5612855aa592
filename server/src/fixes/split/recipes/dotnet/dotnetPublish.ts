// The `dotnet publish` that builds a .NET app in a single stage: its output folder (from `-o`,
// or from the start command's path when it names `bin/<Configuration>/<tfm>/publish/`), whether
// the output is self-contained (it brings its own runtime: runtime-deps image) or native AOT,
// and the runtime identifier it was published for.
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { Declined, decline } from '../../recipe';
import { ScannedCommand } from '../shared/stageScan';

/** `dotnet publish` options whose value is the next word. */
const VALUE_OPTIONS = new Set(['-o', '--output', '-c', '--configuration', '-r', '--runtime', '-a', '--arch', '--os', '-f', '--framework', '-v', '--verbosity', '--version-suffix', '-s', '--source', '--artifacts-path', '-bl']);
/** The default output folder of a publish without -o (.NET 8+ SDKs): `bin/<Configuration>/<tfm>/[<rid>/]publish`. */
const DEFAULT_OUTPUT = /^(.*\/bin\/[^/]+\/net[\d.]+(?:\/[^/]+)?\/publish)\/[^/]+$/;

export interface Publish {
  /** The output folder; undefined when the command has no -o (see `outputOf`). */
  output?: string;
  cwd: string;
  /** A runtime identifier was chosen (-r, -a, --os, --ucr): the output is for one platform. */
  ridSpecific: boolean;
  /** The `-r` value, when written (`linux-x64`). */
  runtimeIdentifier?: string;
  /** The architecture comes from `$TARGETARCH` (`-a $TARGETARCH`): the SDK may run natively. */
  targetArch: boolean;
  selfContained: boolean;
  aot: boolean;
  /** The `-f` value, when written. */
  framework?: string;
  /** The project argument, if any (a .csproj or a folder). */
  project?: string;
}

/** The last `dotnet publish`; undefined when there is none. */
export function findPublish(commands: ScannedCommand[]): Publish | Declined | undefined {
  let found: Publish | undefined;
  for (const { args, cwd, command } of commands) {
    if (args[0] !== 'dotnet' || args[1] !== 'publish') {
      continue;
    }
    const publish: Publish = { cwd, ridSpecific: false, targetArch: false, selfContained: false, aot: false };
    const raw = command.words.map((word) => word.value);
    publish.targetArch = raw.some((word) => /\$\{?TARGETARCH\b/.test(word));
    for (let i = 2; i < args.length; i++) {
      const word = args[i];
      if (word === undefined) {
        if (/^(-o|--output|-f|--framework)$/.test(args[i - 1] ?? '')) {
          return decline('The `dotnet publish` output folder or framework uses a variable that has no value here; write it, then split.');
        }
        continue; // an unknown value (`-a $TARGETARCH`); only -o and -f must be known
      }
      const [option, inline] = word.split(/=(.*)/s);
      const value = inline ?? args[i + 1];
      if (/^(--self-contained|--sc)$/.test(option)) {
        publish.selfContained = inline === undefined && (value === undefined || value.startsWith('-')) ? true : !/^false$/i.test(value ?? '');
        if (inline === undefined && /^(true|false)$/i.test(value ?? '')) {
          i++;
        }
        continue;
      }
      const property = /^[-/]p(?:roperty)?:(\w+)=(\w+)$/i.exec(word);
      if (property && property[2].toLowerCase() === 'true') {
        publish.aot ||= property[1] === 'PublishAot';
        publish.selfContained ||= /^(SelfContained|PublishSingleFile|PublishTrimmed)$/.test(property[1]);
      }
      publish.ridSpecific ||= /^(-r|--runtime|-a|--arch|--os|--ucr|--use-current-runtime)$/.test(option);
      if (/^(-r|--runtime)$/.test(option)) {
        publish.runtimeIdentifier = value;
      }
      if (option === '-o' || option === '--output') {
        publish.output = value === undefined ? undefined : resolvePath(cwd, value);
      }
      if (/^(-f|--framework)$/.test(option)) {
        publish.framework = value;
      }
      if (VALUE_OPTIONS.has(option) && inline === undefined) {
        i++;
      } else if (!option.startsWith('-') && !option.startsWith('/')) {
        publish.project ??= option;
      }
    }
    if (cwd === '') {
      return decline('The `dotnet publish` runs in a folder set by a variable that has no value here; write the path, then split.');
    }
    found = publish;
  }
  return found;
}

/**
 * The publish output folder: the -o folder, or for a publish without -o the default folder the
 * start command's path names (`/src/bin/Release/net8.0/publish/App.dll`).
 */
export function outputOf(publish: Publish, startPath: string | undefined): string | undefined {
  if (publish.output !== undefined) {
    return publish.output;
  }
  const folder = startPath === undefined ? undefined : DEFAULT_OUTPUT.exec(startPath)?.[1];
  return folder !== undefined && isInside(folder, publish.cwd) ? folder : undefined;
}
