import { lineEnding } from '../core/lineEnding';
import { Instruction } from 'dockerfile-ast';
import { DockerIgnore, parseDockerIgnore } from '../fixes/dockerIgnore';
import { wholeContextCopy } from './dependency-install-after-copy';
import { FindingFix, Rule } from './rule';
import { documentText } from './shellCommands';

/**
 * What a whole-context copy should never send, as a `.dockerignore` line and the paths that line
 * must exclude (a `**\/` entry must also cover nested folders, as Docker matches from the root).
 */
interface Expected {
  entry: string;
  probes: string[];
}

const ALWAYS: Expected[] = [
  { entry: '.git', probes: ['.git'] },
  { entry: '.env', probes: ['.env'] },
  { entry: '.env.*', probes: ['.env.local', '.env.production'] },
];

interface Ecosystem {
  name: string;
  /** Root entries (folders end in `/`) that show the context holds this ecosystem. */
  markers: (entries: readonly string[]) => boolean;
  expected: Expected[];
  /** Extra lines for a new `.dockerignore` (not required of an existing one). */
  suggested?: string[];
}

const hasAny = (...names: string[]) => (entries: readonly string[]) => names.some((name) => entries.includes(name));

const ECOSYSTEMS: Ecosystem[] = [
  { name: 'Node.js', markers: hasAny('package.json'), expected: [{ entry: 'node_modules', probes: ['node_modules'] }] },
  {
    name: 'Python',
    markers: (entries) => entries.some((entry) => ['requirements.txt', 'pyproject.toml', 'setup.py', 'Pipfile'].includes(entry) || entry.endsWith('.py')),
    expected: [
      { entry: '**/__pycache__', probes: ['__pycache__', 'app/__pycache__'] },
      { entry: '**/*.pyc', probes: ['main.pyc', 'app/main.pyc'] },
    ],
    suggested: ['.venv'],
  },
  { name: 'Rust or Maven', markers: hasAny('Cargo.toml', 'pom.xml'), expected: [{ entry: 'target', probes: ['target'] }] },
  {
    name: '.NET',
    markers: (entries) => entries.some((entry) => /\.(csproj|fsproj|vbproj|sln)$/.test(entry)),
    expected: [
      { entry: '**/bin', probes: ['bin', 'src/App/bin'] },
      { entry: '**/obj', probes: ['obj', 'src/App/obj'] },
    ],
  },
];

/**
 * A `COPY . <dest>` / `ADD . <dest>` while the build context (the Dockerfile's folder) has no
 * ignore file, or one that lets through what should never be sent: the git history, `.env`
 * secrets, and the ecosystem's local build output (node_modules, __pycache__, target, bin/obj).
 * Silent without a build context that can list its root folder.
 */
export const missingDockerignore: Rule = {
  id: 'missing-dockerignore',
  description: 'The whole build context is copied, but no .dockerignore keeps .git, .env files and local build output out of it.',
  defaultSeverity: 'information',
  check({ model, text, buildContext, dockerIgnoreFile }) {
    if (!buildContext?.listDirectory) {
      return [];
    }
    const doc = documentText(text);
    let copy: { instruction: Instruction; written: string } | undefined;
    for (const instruction of model.stages.flatMap((stage) => stage.instructions)) {
      const written = wholeContextCopy(instruction, doc);
      if (written) {
        copy = { instruction, written };
        break;
      }
    }
    if (!copy) {
      return [];
    }
    const entries = buildContext.listDirectory('');
    if (!entries) {
      return [];
    }
    const ecosystems = ECOSYSTEMS.filter((ecosystem) => ecosystem.markers(entries));
    const expected = [...ALWAYS, ...ecosystems.flatMap((ecosystem) => ecosystem.expected)];
    const range = copy.instruction.getRange();
    if (!dockerIgnoreFile) {
      return [
        {
          range,
          message: `\`${copy.written}\` sends the whole build context, and it has no .dockerignore: ${sentAnyway(ecosystems)} go into the build (slower builds, secrets in layers).`,
          fixes: [createDockerIgnoreFix(ecosystems)],
        },
      ];
    }
    const missing = missingEntries(parseDockerIgnore(dockerIgnoreFile.text), expected);
    if (missing.length === 0) {
      return [];
    }
    return [
      {
        range,
        message: `\`${copy.written}\` sends the whole build context, and ${dockerIgnoreFile.path} does not exclude ${missing.map((entry) => `\`${entry}\``).join(', ')}.`,
        fixes: [appendEntriesFix(dockerIgnoreFile, missing)],
      },
    ];
  },
};

/** "the git history, any .env file and local Node.js build output" */
function sentAnyway(ecosystems: readonly Ecosystem[]): string {
  const output = ecosystems.length > 0 ? [`local ${ecosystems.map((ecosystem) => ecosystem.name).join(' and ')} build output`] : [];
  const parts = ['the git history', 'any .env file', ...output];
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function missingEntries(ignore: DockerIgnore, expected: readonly Expected[]): string[] {
  return expected.filter((item) => !item.probes.every((probe) => ignore.excludes(probe))).map((item) => item.entry);
}

/** The lines of a new `.dockerignore` for the ecosystems found. The Dockerfile itself stays: some builds copy it. */
export function dockerIgnoreText(ecosystems: readonly Ecosystem[]): string {
  const lines = ['# Kept out of the build context (see docs.docker.com/build/concepts/context).', ...ALWAYS.map((item) => item.entry)];
  for (const ecosystem of ecosystems) {
    lines.push('', `# ${ecosystem.name}`, ...ecosystem.expected.map((item) => item.entry), ...(ecosystem.suggested ?? []));
  }
  return lines.join('\n') + '\n';
}

/** Appends the missing lines at the end, where they win over earlier `!` lines for the same paths. */
function appendEntriesFix(file: { path: string; text: string }, missing: readonly string[]): FindingFix {
  const lines = file.text.split(/\r?\n/);
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  const newline = lineEnding(file.text);
  const separator = file.text === '' || /\n$/.test(file.text) ? '' : newline;
  const text = separator + ['# Added for Stagecraft (missing-dockerignore)', ...missing].join(newline) + newline;
  return { title: `Add ${missing.join(', ')} to ${file.path}`, edits: [], otherFileEdits: { relativePath: file.path, edits: [{ range: { start: end, end }, newText: text }] } };
}

function createDockerIgnoreFix(ecosystems: readonly Ecosystem[]): FindingFix {
  return { title: 'Create a .dockerignore for this build context', edits: [], createFile: { relativePath: '.dockerignore', text: dockerIgnoreText(ecosystems) } };
}
