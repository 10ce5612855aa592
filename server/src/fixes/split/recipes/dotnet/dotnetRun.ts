// A start command `dotnet run ...`: the SDK compiles the project when the container starts (Debug
// unless `-c` says otherwise) and runs it with the launch profile of Properties/launchSettings.json
// (the first with commandName "Project", or `--launch-profile`), whose applicationUrl and
// environmentVariables the app gets; a published app never reads that file. The split publishes
// the same project in the builder and starts the dll with the same arguments, and keeps the
// profile's URLs and variables as ENV, so the app listens and runs in the environment it did.
// Unknown options are passed on to the app, as `dotnet run` does (`--urls`).
import { resolvePath } from '../../../../rules/buildArtifacts';
import { BuildContext } from '../../../fix';
import { Publish } from './dotnetPublish';

/** The published output folder the split writes (outside the sources, so no project globs it). */
export const RUN_OUTPUT = '/publish';

export interface DotnetRun {
  publish: Publish;
  /** The `RUN dotnet publish` line the builder ends with. */
  publishLine: string;
  /** The project's .csproj, relative to the build context. */
  csproj: string;
  /** The app's arguments, in order. */
  appArgs: string[];
  /** ENV lines for the launch profile's URLs and variables. */
  env: string[];
  notes: string[];
}

/** `dotnet run` options with a value. */
const RUN_VALUE_OPTIONS = new Set(['-c', '--configuration', '-f', '--framework', '-p', '--project', '--launch-profile', '-lp', '-v', '--verbosity']);

interface LaunchProfile {
  commandName?: string;
  applicationUrl?: string;
  commandLineArgs?: string;
  environmentVariables?: Record<string, string>;
}

/**
 * `dotnet run` read against the build context: the publish that replaces it, or why it cannot
 * (shown to the user). `workdir` is where it runs; `contextDir` that folder in the build context.
 */
export function readDotnetRun(words: readonly string[], workdir: string, contextDir: string | undefined, context: BuildContext | undefined): DotnetRun | string {
  const options = new Map<string, string>();
  const flags = new Set<string>();
  const appArgs: string[] = [];
  for (let i = 2; i < words.length; i++) {
    const word = words[i];
    if (word === '--') {
      appArgs.push(...words.slice(i + 1));
      break;
    }
    const [name, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    if (RUN_VALUE_OPTIONS.has(name)) {
      options.set(name.replace(/^(-c)$/, '--configuration').replace(/^(-f)$/, '--framework').replace(/^(-p)$/, '--project').replace(/^(-lp)$/, '--launch-profile'), inline ?? words[++i] ?? '');
    } else if (/^(--no-build|--no-restore|--no-launch-profile|--no-dependencies|--force|--interactive|--nologo)$/.test(name)) {
      flags.add(name);
    } else if (/^(-r|--runtime|-a|--arch|--os|--sc|--self-contained|--no-self-contained|--property|-property|-p:.*|\/p:.*)$/.test(name) || /^[-/]p(roperty)?:/.test(word)) {
      return `The start command runs \`${words.join(' ')}\`, and \`${word}\` changes how the app is built, which the split does not follow; publish it (\`RUN dotnet publish -c Release -o /app/publish\`) and start the dll, then split.`;
    } else {
      appArgs.push(word); // dotnet run passes options it does not know on to the app
    }
  }
  if (flags.has('--no-build')) {
    return 'The start command runs `dotnet run --no-build`, which runs what an earlier `dotnet build` made; publish that build (`RUN dotnet publish -c Release -o /app/publish`) and start the dll, then split.';
  }
  if (!context || contextDir === undefined) {
    return 'The container starts the app with `dotnet run`, which reads the project and its Properties/launchSettings.json (URLs, environment); the split needs the build context to read them. Open the Dockerfile with its sources, or publish it (`RUN dotnet publish -c Release -o /app/publish`) and start the dll, then split.';
  }
  const inContext = (path: string) => (contextDir === '' ? path : `${contextDir}/${path}`).replace(/^(\.\/)+/, '');
  const project = options.get('--project');
  let csproj: string | undefined;
  if (project !== undefined && /\.csproj$/.test(project)) {
    csproj = inContext(project);
  } else {
    const folder = project === undefined ? contextDir : inContext(project).replace(/\/+$/, '');
    const found = (context.listDirectory?.(folder) ?? []).filter((entry) => entry.endsWith('.csproj'));
    if (found.length !== 1) {
      return `\`dotnet run\` runs the one project in ${folder === '' ? 'the context\'s root' : folder}, and the split ${found.length > 1 ? 'finds several .csproj files there' : 'cannot list a .csproj there'}; name it with \`--project <App.csproj>\`, then split.`;
    }
    csproj = folder === '' ? found[0] : `${folder}/${found[0]}`;
  }
  if (context.readFile(csproj) === undefined) {
    return `\`dotnet run\` builds ${csproj}, which is not in the build context; split by hand.`;
  }
  const projectDir = csproj.includes('/') ? csproj.slice(0, csproj.lastIndexOf('/')) : '';
  const launch = launchProfile(context, projectDir, options.get('--launch-profile'), flags.has('--no-launch-profile'));
  if (typeof launch === 'string') {
    return launch;
  }
  const configuration = options.get('--configuration') ?? 'Release';
  const notes: string[] = [];
  const env: string[] = [];
  const urlsInArgs = appArgs.some((arg) => /^--urls(=|$)/.test(arg));
  if (launch) {
    const { name, profile } = launch;
    if (profile.applicationUrl && !urlsInArgs) {
      if (/https:/i.test(profile.applicationUrl)) {
        return `The launch profile "${name}" listens on ${profile.applicationUrl}, and HTTPS needs a certificate, which a published app does not get from the SDK's development one; serve HTTP in the container (\`--urls http://0.0.0.0:8080\`), then split.`;
      }
      env.push(`ENV ASPNETCORE_URLS=${profile.applicationUrl}`);
    }
    const variables = Object.entries(profile.environmentVariables ?? {});
    env.push(...variables.map(([key, value]) => `ENV ${key}=${/[\s"'$\\]/.test(value) ? JSON.stringify(value).replace(/\$/g, '\\$') : value}`));
    if (profile.commandLineArgs) {
      return `The launch profile "${name}" passes commandLineArgs (\`${profile.commandLineArgs}\`), which the split does not carry over; move them into the start command, then split.`;
    }
    const kept = [...(profile.applicationUrl && !urlsInArgs ? ['ASPNETCORE_URLS (its applicationUrl)'] : []), ...variables.map(([key, value]) => `${key}=${value}`)];
    if (kept.length > 0) {
      const development = variables.some(([key, value]) => /^(ASPNETCORE|DOTNET)_ENVIRONMENT$/.test(key) && value === 'Development');
      notes.push(`\`dotnet run\` applied the launch profile "${name}" of ${projectDir === '' ? '' : `${projectDir}/`}Properties/launchSettings.json, which the published app ignores: the runtime sets ${kept.join(', ')} with ENV, so it runs as before.${development ? ' That is the Development environment (developer exception pages, appsettings.Development.json): drop that ENV for production.' : ''}`);
    }
  }
  const framework = options.get('--framework');
  const publishWords = ['dotnet', 'publish', ...(project !== undefined ? [project] : []), '-c', configuration, ...(framework ? ['-f', framework] : []), '-o', RUN_OUTPUT];
  notes.unshift(options.has('--configuration')
    ? `\`dotnet run\` compiled the app (${configuration}) when the container started, with the SDK and the sources in the image; the builder publishes it (\`${publishWords.join(' ')}\`) and the runtime starts the dll with the same arguments.`
    : `\`dotnet run\` compiled the app in Debug (its default configuration) when the container started, with the SDK and the sources in the image; the builder publishes Release instead (\`${publishWords.join(' ')}\`: optimised, without #if DEBUG code) and the runtime starts the dll with the same arguments.`);
  return {
    publish: { cwd: workdir, output: RUN_OUTPUT, ridSpecific: false, targetArch: false, selfContained: false, aot: false, framework, project: project && resolvePath(workdir, project) },
    publishLine: `RUN ${publishWords.join(' ')}`,
    csproj,
    appArgs,
    env,
    notes,
  };
}

/** The profile `dotnet run` applies: named, else the first with commandName "Project"; undefined when none applies. */
function launchProfile(context: BuildContext, projectDir: string, named: string | undefined, disabled: boolean): { name: string; profile: LaunchProfile } | string | undefined {
  if (disabled) {
    return undefined;
  }
  const path = `${projectDir === '' ? '' : `${projectDir}/`}Properties/launchSettings.json`;
  const text = context.readFile(path);
  if (text === undefined) {
    return named === undefined ? undefined : `\`dotnet run --launch-profile ${named}\` needs ${path}, which is not in the build context; split by hand.`;
  }
  let profiles: Record<string, LaunchProfile>;
  try {
    const parsed = JSON.parse(text.replace(/^\uFEFF/, '')) as { profiles?: Record<string, LaunchProfile> };
    profiles = parsed.profiles ?? {};
  } catch {
    return `${path} is not JSON the split can read (comments?), and \`dotnet run\` takes the app's URLs and environment from it; split by hand.`;
  }
  const entry = named !== undefined ? [named, profiles[named]] as const : Object.entries(profiles).find(([, profile]) => profile.commandName === 'Project');
  if (!entry || !entry[1]) {
    return named === undefined ? undefined : `${path} has no profile "${named}"; split by hand.`;
  }
  return { name: entry[0], profile: entry[1] };
}
