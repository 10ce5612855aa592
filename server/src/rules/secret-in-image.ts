import { Add, Arg, Copy, Env, JSONInstruction, Property } from 'dockerfile-ast';
import { isExecForm } from '../core/commands';
import { Stage, inheritedInstructions } from '../core/stages';
import { Range } from '../core/types';
import { Rule, RuleResult } from './rule';
import { SecretFileKind, isLiteralSecretValue, isSecretName, secretFileKind } from './secretNames';
import { DocumentText, documentText, execFormArguments } from './shellCommands';
import { allInstructions, namesCheck } from './buildkit/check';

/**
 * Secrets written into the image: an `ENV` of the shipped stage, or an `ARG` default in any
 * stage (build arguments are recorded in the image history and the Dockerfile is in the
 * repository), with a secret name and a literal value; and credentials or private keys copied
 * into the shipped stage. `ENV` in a builder stage that does not ship is not in the image.
 */
export const secretInImage: Rule = {
  id: 'secret-in-image',
  description: 'A literal secret in ENV/ARG, or a key or credentials file copied into the shipped stage.',
  defaultSeverity: 'error',
  check({ model, runtimeStage, text }) {
    const results: RuleResult[] = [];
    // Named SecretsUsedInArgOrEnv, so BuildKit's `# check=skip=` silences them (core/checkDirectives.ts).
    // Every ARG in file order (allInstructions is remembered on the model; the BuildKit checks read it too).
    for (const instruction of allInstructions(model)) {
      if (!(instruction instanceof Arg)) continue;
      const property = instruction.getProperty();
      if (property) results.push(...literalSecret('ARG', property));
    }
    for (const instruction of runtimeStage ? inheritedInstructions(runtimeStage) : []) {
      if (instruction instanceof Env) {
        for (const property of instruction.getProperties()) results.push(...literalSecret('ENV', property));
      }
    }
    if (runtimeStage) {
      // The document's offsets table only for exec-form COPY/ADD: on a large file it costs more than the rule.
      results.push(...copiedSecrets(runtimeStage, () => documentText(text)));
    }
    return results;
  },
};

function literalSecret(keyword: 'ARG' | 'ENV', property: Property): RuleResult[] {
  const name = property.getName();
  const value = property.getValue();
  if (value === null || !isSecretName(name) || !isLiteralSecretValue(value)) {
    return [];
  }
  const where = keyword === 'ENV' ? 'is stored in the image config (`docker inspect` shows it)' : 'is committed with the Dockerfile and recorded in the history of the image whose steps use it (`docker history`)';
  const instead =
    keyword === 'ENV'
      ? 'pass it at run time (`docker run -e`, an orchestrator secret) or, for a build step, with `RUN --mount=type=secret,id=...`'
      : 'declare the ARG without a default and pass secrets to the step that needs them with `RUN --mount=type=secret,id=...`';
  // Docker's SecretsUsedInArgOrEnv reports the same name: one finding, under both names.
  return [{ range: property.getNameRange(), message: `${keyword} ${name} has a literal secret value, which ${where}: ${instead}${namesCheck('SecretsUsedInArgOrEnv')}.`, buildKitCheck: 'SecretsUsedInArgOrEnv' }];
}

/** COPY/ADD sources in the shipped stage (and the stages it is built `FROM`) that name secrets. */
function copiedSecrets(runtime: Stage, doc: () => DocumentText): RuleResult[] {
  const results: RuleResult[] = [];
  for (const instruction of inheritedInstructions(runtime)) {
    if (!(instruction instanceof Copy || instruction instanceof Add)) continue;
    for (const source of copySources(instruction, doc)) {
      const value = source.getValue();
      const kind = secretFileKind(value);
      if (!kind) continue;
      results.push({ range: source.getRange(), severity: kind.kind === 'registry config' || kind.kind === 'environment file' ? 'warning' : undefined, message: copiedMessage(value, kind.kind) });
    }
  }
  return results;
}

function copiedMessage(source: string, kind: SecretFileKind['kind']): string {
  const readable = 'anyone who can pull the image can read it, even if a later step deletes it';
  switch (kind) {
    case 'registry config':
      return `${source} is copied into the shipped image; if it holds a registry token (\`_authToken\`, \`npmAuthToken\`), ${readable}: mount it for the install step only (\`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\`).`;
    case 'environment file':
      return `${source} is copied into the shipped image; if it holds secrets (passwords, API keys), ${readable}: give them to the container at run time (\`docker run --env-file\`, an orchestrator secret) and keep only non-secret settings in the image.`;
    default:
      return `${source} (a ${kind}) is copied into the shipped image, where ${readable}: mount it only for the step that needs it (\`RUN --mount=type=secret,id=...\`), or provide it at run time.`;
  }
}

/** A COPY/ADD word: dockerfile-ast's Argument, or an exec-form word with its document range. */
interface SourceWord {
  getValue(): string;
  getRange(): Range;
}

/** The source words of a COPY/ADD (all but the destination); ranges are read only for findings. */
function copySources(instruction: Copy | Add, docOf: () => DocumentText): readonly SourceWord[] {
  if (instruction instanceof Copy && instruction.getHeredocs().length > 0) {
    return [];
  }
  let words: readonly SourceWord[];
  if (isExecForm(instruction)) {
    const doc = docOf();
    words = execFormArguments(instruction as JSONInstruction, doc).map((a) => {
      const range = doc.rangeOf(a.word.start, a.word.end);
      return { getValue: () => a.word.value, getRange: () => range };
    });
  } else {
    words = instruction.getArguments();
  }
  const destination = words[words.length - 1]?.getValue() ?? '';
  // Public CA certificates go to the trust store; keys do not, so this is where a `.pem` is fine.
  if (/ca-certificates|\/certs?\/?$/.test(destination) && !words.slice(0, -1).some((w) => /\.key$|id_/.test(w.getValue()))) {
    return [];
  }
  return words.slice(0, -1);
}
