// The quick fix "Move this RUN into the builder stage" for `build-tools-in-runtime`: a RUN in the
// runtime stage that only installs build tools (compilers, -dev headers) moves to the top of the
// stage the runtime copies its artifacts from. Offered only where that cannot break the build or
// the app: the RUN does nothing but install build packages, the builder uses the same package
// manager, and nothing later in the runtime stage (a later RUN, the start command) uses them.
import { lineEnding } from '../core/lineEnding';
import { Instruction, Run } from 'dockerfile-ast';
import { Stage, StageModel, resolveBaseImage } from '../core/stages';
import { TextEdit } from '../core/types';
import { isBuildPackage, packageCommand, packageManagerFamily } from './buildTools';
import { FindingFix } from './rule';
import { DocumentText, SimpleCommand, basename, commandsOf, programIndex } from './shellCommands';
import { stageImage } from './support';

/** Package-manager verbs that only prepare or clean up around an install. */
const HOUSEKEEPING_VERBS = new Set(['update', 'install', 'add', 'clean', 'makecache']);
/** Commands that may sit next to the install in the same RUN (cache clean-up). */
const CLEANUP_PROGRAMS = new Set(['rm', 'true', ':']);
/** Later runtime RUNs made only of these cannot need a compiler. */
const SETUP_PROGRAMS = new Set([
  'useradd', 'adduser', 'groupadd', 'addgroup', 'mkdir', 'chown', 'chmod', 'ln', 'rm', 'touch', 'echo', 'true', ':', 'update-ca-certificates',
]);

export function moveInstallToBuilderFix(model: StageModel, runtime: Stage, run: Instruction, doc: DocumentText): FindingFix | undefined {
  if (!(run instanceof Run) || run.getHeredocs().length > 0 || !runtime.instructions.includes(run)) {
    return undefined;
  }
  const escape = model.dockerfile.getEscapeCharacter();
  const commands = commandsOf(run, doc, escape);
  const install = onlyInstallsBuildPackages(commands);
  const builder = install && builderOf(runtime);
  if (!install || !builder || packageFamilyOf(builder, model, doc) !== install.family) {
    return undefined;
  }
  const later = runtime.instructions.slice(runtime.instructions.indexOf(run) + 1);
  if (later.some((instruction) => mayUse(instruction, install.packages, doc, escape))) {
    return undefined;
  }
  const lines = doc.text.split(/\r?\n|\r/);
  const eol = lineEnding(doc.text);
  const range = run.getRange();
  let first = range.start.line;
  while (first > 0 && /^\s*#/.test(lines[first - 1]) && !/^\s*#\s*(syntax|escape|check)\s*=/i.test(lines[first - 1])) {
    first--; // the comments above the RUN describe it: they move with it
  }
  const moved = lines.slice(first, range.end.line + 1).join(eol) + eol;
  const insertAt = { line: builder.from.getRange().end.line + 1, character: 0 };
  const edits: TextEdit[] = [
    { range: { start: insertAt, end: insertAt }, newText: moved },
    { range: { start: { line: first, character: 0 }, end: { line: range.end.line + 1, character: 0 } }, newText: '' },
  ];
  const name = builder.name ? `"${builder.name}"` : String(builder.index);
  return { title: `Move this RUN into the builder stage ${name}`, edits, isPreferred: false };
}

/** The packages when every command is package-manager housekeeping installing only build packages. */
function onlyInstallsBuildPackages(commands: readonly SimpleCommand[]): { family: string; packages: string[] } | undefined {
  let family: string | undefined;
  const packages: string[] = [];
  for (const command of commands) {
    if (command.compound || command.redirected) {
      return undefined;
    }
    const program = basename(command.words[programIndex(command)]?.value ?? '');
    if (CLEANUP_PROGRAMS.has(program)) {
      continue;
    }
    const parsed = packageCommand(command);
    if (!parsed || !parsed.verb || !HOUSEKEEPING_VERBS.has(parsed.verb) || (family && family !== parsed.family)) {
      return undefined;
    }
    family = parsed.family;
    packages.push(...parsed.packages);
  }
  if (!family || packages.length === 0 || !packages.every((name) => !/[$`]/.test(name) && isBuildPackage(name))) {
    return undefined;
  }
  return { family, packages };
}

/** The one stage the runtime copies from (outside its own FROM chain); undefined when not one. */
function builderOf(runtime: Stage): Stage | undefined {
  const { chain } = resolveBaseImage(runtime);
  const sources = new Set<Stage>();
  for (const stage of chain) {
    for (const reference of stage.references) {
      if (reference.target && !chain.includes(reference.target) && reference.instruction.getKeyword() === 'COPY') {
        sources.add(reference.target);
      }
    }
  }
  return sources.size === 1 ? [...sources][0] : undefined;
}

/** The builder's package manager: from its own installs, else from its image's libc and Debian facts. */
function packageFamilyOf(builder: Stage, model: StageModel, doc: DocumentText): string | undefined {
  const escape = model.dockerfile.getEscapeCharacter();
  for (const stage of resolveBaseImage(builder).chain) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'RUN') {
        continue;
      }
      for (const command of commandsOf(instruction, doc, escape)) {
        const family = packageManagerFamily(basename(command.words[programIndex(command)]?.value ?? ''));
        if (family) {
          return family;
        }
      }
    }
  }
  const facts = stageImage(builder)?.lookup.facts;
  if (facts?.libc === 'musl') {
    return 'apk';
  }
  return facts?.debian !== undefined ? 'apt' : undefined;
}

/** Whether a later runtime instruction could use the packages: a RUN beyond setup, or a start command naming one. */
function mayUse(instruction: Instruction, packages: string[], doc: DocumentText, escape: string): boolean {
  const keyword = instruction.getKeyword();
  if (keyword === 'RUN') {
    return commandsOf(instruction, doc, escape).some((command) => {
      const program = basename(command.words[programIndex(command)]?.value ?? '');
      return !SETUP_PROGRAMS.has(program) && !(packageManagerFamily(program) && packageCommand(command)?.packages.every((name) => !isBuildPackage(name)));
    });
  }
  if (keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'HEALTHCHECK') {
    const text = instruction.getArgumentsContent() ?? '';
    return packages.some((name) => new RegExp(`(^|[^\\w-])${name.replace(/[+.]/g, '\\$&')}($|[^\\w-])`).test(text));
  }
  return false;
}
