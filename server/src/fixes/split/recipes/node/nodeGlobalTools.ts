// Programs a global install puts in the image (`npm install -g nodemon`) that no instruction of the
// Dockerfile runs: something outside it may, so the runtime must keep them. The voting app's
// result service is started by its compose file with `entrypoint: nodemon --inspect=0.0.0.0
// server.js` (dockersamples/example-voting-app docker-compose.yml); a developer may `docker exec`
// one. Package managers and the CLIs the build itself runs stay behind in the builder.

/** Global installs of these are the build's tools (the split reads what they install). */
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'corepack', 'bun']);
/** The programs of packages whose name is not their program's, for build CLIs a RUN runs. */
const PROGRAMS: Record<string, string[]> = {
  typescript: ['tsc'],
  '@nestjs/cli': ['nest'],
  '@angular/cli': ['ng'],
  '@vue/cli': ['vue'],
  '@prisma/cli': ['prisma'],
  'gulp-cli': ['gulp'],
  'grunt-cli': ['grunt'],
  '@swc/cli': ['swc'],
  '@babel/cli': ['babel'],
};

export interface GlobalTools {
  /** The package specs as written (`nodemon`, `pm2@5`), for the runtime's own install. */
  specs: string[];
  /** Their names, for notes. */
  names: string[];
  /** The installs as the Dockerfile writes them. */
  commands: string[];
}

/** The package specs of a global install's words (`npm install -g nodemon`, `yarn global add pm2`, `pnpm add -g serve`). */
export function packageSpecs(words: string[]): string[] {
  const verb = words[0] === 'yarn' ? words.indexOf('add') : words.findIndex((word, index) => index > 0 && !word.startsWith('-'));
  return words.slice(verb + 1).filter((word) => !word.startsWith('-'));
}

/** A spec's package name: `@scope/name@1.2` → `@scope/name`, `name@^1` → `name`. */
export function packageName(spec: string): string {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at < 0 ? spec : spec.slice(0, at);
}

/**
 * The globally installed packages that are neither package managers nor programs a RUN of the
 * build ran (`ran`: the programs of the stage's RUN commands); undefined when there are none.
 */
export function runTimeGlobalTools(installs: string[][], ran: Set<string>): GlobalTools | undefined {
  const specs: string[] = [];
  const commands: string[] = [];
  for (const words of installs) {
    const kept = packageSpecs(words).filter((spec) => {
      const name = packageName(spec);
      return !PACKAGE_MANAGERS.has(name) && !ran.has(name) && !(PROGRAMS[name] ?? []).some((program) => ran.has(program));
    });
    if (kept.length > 0) {
      specs.push(...kept);
      commands.push(words.join(' '));
    }
  }
  return specs.length === 0 ? undefined : { specs, names: specs.map(packageName), commands };
}

/** The runtime's install of the tools (as root, before the app's user): npm is on every node image. */
export function globalToolsSetup(tools: GlobalTools | undefined): string[] {
  return tools ? [`RUN npm install -g ${tools.specs.join(' ')}`] : [];
}

export function globalToolsNote(tools: GlobalTools): string {
  const many = tools.names.length > 1;
  return `${tools.names.join(', ')} ${many ? 'stay' : 'stays'}: the Dockerfile installs ${many ? 'them' : 'it'} globally (\`${tools.commands.join('`, `')}\`) and runs ${many ? 'them' : 'it'} nowhere, so something outside it may (a compose file's command or entrypoint, docker exec); the runtime installs ${many ? 'them' : 'it'} again.`;
}

export function globalToolsDecline(tools: GlobalTools): string {
  const many = tools.names.length > 1;
  return `The Dockerfile installs ${tools.names.join(', ')} globally (\`${tools.commands.join('`, `')}\`) and runs ${many ? 'them' : 'it'} nowhere, so something outside it may (a compose file's command or entrypoint, docker exec); distroless has no npm to install ${many ? 'them' : 'it'}, and no /usr/bin/env for the \`#!/usr/bin/env node\` line of ${many ? 'their' : 'its'} launcher. Remove the install if nothing uses ${many ? 'them' : 'it'}, then split; else keep one stage (it runs as root: add \`USER node\`).`;
}
