// How a published .NET app starts in the runtime: the original's `dotnet App.dll` (or apphost)
// found in the publish output, then written for the runtime image's ENTRYPOINT (chiseled images
// run `dotnet`, the Debian images have none, runtime-deps runs a self-contained apphost).
import { isInside, resolvePath } from '../../../../rules/buildArtifacts';
import { StartCommand } from '../../recipe';

/** Where the runtime keeps the published app. */
export const APP_DIR = '/app';
/** `dotnet` as a start command names it. */
export const DOTNET = /^(dotnet|\/usr\/bin\/dotnet|\/usr\/share\/dotnet\/dotnet)$/;

export interface AppStart {
  /** The app in the publish output, relative to it: `App.dll`, or the apphost `App` when self-contained. */
  app?: string;
  entrypoint: boolean;
}

/** The path the start command runs: the dll of `dotnet App.dll`, else the program itself. */
export function startPath(words: string[], workdir: string): string | undefined {
  const path = DOTNET.test(words[0] ?? '') ? words[1] : words[0];
  return path === undefined ? undefined : resolvePath(workdir, path);
}

/** The app the original starts, relative to the publish output (`App.dll`, or the apphost `App`). */
export function appStart(main: StartCommand | undefined, workdir: string, output: string): AppStart {
  if (!main) {
    return { entrypoint: false };
  }
  const path = startPath(main.words, workdir);
  const inside = path !== undefined && isInside(path, output) && path !== output;
  const app = inside && (!DOTNET.test(main.words[0] ?? '') || /\.dll$/i.test(path)) ? path.slice(output.length + 1) : undefined;
  return { app, entrypoint: main.keyword === 'ENTRYPOINT' };
}

/** The dll a `dotnet <app>.dll` command runs, relative to the publish folder. */
export function dllOf(words: string[], workdir: string, output: string): string | undefined {
  if (!DOTNET.test(words[0] ?? '') || !/\.dll$/i.test(words[1] ?? '')) {
    return undefined;
  }
  const path = resolvePath(workdir, words[1]);
  return isInside(path, output) && path !== output ? path.slice(output.length + 1) : undefined;
}

/** For a runtime whose ENTRYPOINT is `dotnet`: an ENTRYPOINT keeps `dotnet <dll>`, a CMD names the dll, or stays the app's arguments after an ENTRYPOINT that runs dotnet. */
export function adaptStart(command: StartCommand, workdir: string, output: string, entrypointRunsDotnet: boolean): StartCommand | undefined {
  const dll = dllOf(command.words, workdir, output);
  if (command.keyword === 'ENTRYPOINT') {
    return dll ? { keyword: 'ENTRYPOINT', words: ['dotnet', dll, ...command.words.slice(2)] } : undefined;
  }
  if (entrypointRunsDotnet) {
    return dll ? undefined : command; // arguments to the app
  }
  // The image's ENTRYPOINT is /usr/bin/dotnet: a CMD names the dll and its arguments.
  return dll ? { keyword: 'CMD', words: [dll, ...command.words.slice(2)] } : undefined;
}

/** The Debian images have no ENTRYPOINT: a start command keeps `dotnet` (`dotnet out/App.dll` becomes `dotnet App.dll`). */
export function adaptDebianStart(command: StartCommand, workdir: string, output: string, entrypointRunsDotnet: boolean): StartCommand | undefined {
  const dll = dllOf(command.words, workdir, output);
  if (dll) {
    return { keyword: command.keyword, words: ['dotnet', dll, ...command.words.slice(2)] };
  }
  return command.keyword === 'CMD' && entrypointRunsDotnet ? command : undefined; // arguments to the app
}

/** Self-contained output runs its apphost (runtime-deps has no `dotnet`): `dotnet App.dll` becomes `/app/App`. */
export function adaptSelfContained(command: StartCommand, workdir: string, output: string): StartCommand | undefined {
  const dll = dllOf(command.words, workdir, output);
  if (dll) {
    return { keyword: command.keyword, words: [`${APP_DIR}/${dll.replace(/\.dll$/i, '')}`, ...command.words.slice(2)] };
  }
  const path = resolvePath(workdir, command.words[0] ?? '');
  if (command.words[0] && isInside(path, output) && path !== output) {
    return { keyword: command.keyword, words: [`${APP_DIR}/${path.slice(output.length + 1)}`, ...command.words.slice(1)] };
  }
  return command.keyword === 'CMD' ? command : undefined; // arguments to the app's ENTRYPOINT
}
