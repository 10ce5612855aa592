// Dependency installs: the commands that download a project's dependencies from its manifest and
// lock files only, and so could run before the sources are copied. Steps that need the sources
// anyway (`pip install .`, `cargo build`, `mvn package`) are not installs.
import { ShellWord, SimpleCommand, invokedProgram } from './shellCommands';

export interface DependencyInstall {
  word: ShellWord;
  /** The command as a user reads it, e.g. "`npm ci`". */
  what: string;
  /** The files the install reads, to copy first. */
  manifests: string;
}

/** Every program a test below names (keep the two together). */
const INSTALL_PROGRAM = /^(pip[\d.]*|poetry|uv|npm|yarn|pnpm|bun|go|bundle|composer(\.phar)?|dotnet|mvnw?|cargo)$/;

export function dependencyInstallOf(command: SimpleCommand): DependencyInstall | undefined {
  const invoked = invokedProgram(command);
  if (!invoked) return undefined;
  const { program, words } = invoked;
  // Cheap first: most commands run none of these, and the lists and closure below cost more.
  if (!INSTALL_PROGRAM.test(program)) return undefined;
  const values = words.map((w) => w.value);
  const verbIndex = values.findIndex((v, i) => i > 0 && !v.startsWith('-'));
  const verb = verbIndex > 0 ? values[verbIndex] : undefined;
  const verbWord = verbIndex > 0 ? words[verbIndex] : words[0];
  const operands = verbIndex > 0 ? values.slice(verbIndex + 1).filter((v) => !v.startsWith('-')) : [];
  const hit = (what: string, manifests: string): DependencyInstall => ({ word: verbWord, what, manifests });
  if (/^(pip|pip3|pip[\d.]+)$/.test(program) && verb === 'install') {
    const requirement = values.some((v) => v === '-r' || v === '--requirement' || /^(-r|--requirement=)\S/.test(v));
    return requirement ? hit(`\`${program} install -r\``, 'the requirements files') : undefined;
  }
  if (program === 'poetry' && verb === 'install') return hit('`poetry install`', '`pyproject.toml` and `poetry.lock` (then `poetry install --no-root`)');
  if (program === 'uv' && verb === 'sync') return hit('`uv sync`', '`pyproject.toml` and `uv.lock` (then `uv sync --no-install-project`)');
  if (program === 'npm' && (verb === 'ci' || ((verb === 'install' || verb === 'i') && operands.length === 0))) return hit(`\`npm ${verb}\``, '`package.json` and `package-lock.json`');
  if (program === 'yarn' && (verb === undefined || (verb === 'install' && operands.length === 0))) return hit('`yarn install`', '`package.json`, `yarn.lock` (and `.yarnrc.yml`, `.yarn/releases` for Yarn 2+)');
  if (program === 'pnpm' && (verb === 'install' || verb === 'i') && operands.length === 0) return hit('`pnpm install`', '`package.json` and `pnpm-lock.yaml`');
  if (program === 'bun' && (verb === 'install' || verb === 'i') && operands.length === 0) return hit('`bun install`', '`package.json` and `bun.lock`');
  if (program === 'go' && verb === 'mod' && operands[0] === 'download') return hit('`go mod download`', '`go.mod` and `go.sum`');
  if (program === 'bundle' && (verb === undefined || verb === 'install')) return hit('`bundle install`', '`Gemfile` and `Gemfile.lock`');
  if (/^(composer|composer\.phar)$/.test(program) && verb === 'install') return hit('`composer install`', '`composer.json` and `composer.lock` (then `composer install --no-scripts --no-autoloader`)');
  if (program === 'dotnet' && verb === 'restore') return hit('`dotnet restore`', 'the project files (`*.csproj`, `*.sln`, `NuGet.config`, `Directory.*.props`)');
  if (/^(mvn|mvnw)$/.test(program) && values.some((v) => /^dependency:(go-offline|resolve)$/.test(v))) return hit('`mvn dependency:go-offline`', '`pom.xml`');
  if (program === 'cargo' && verb === 'fetch') return hit('`cargo fetch`', '`Cargo.toml` and `Cargo.lock`');
  return undefined;
}
