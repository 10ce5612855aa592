// Build arguments in `FROM`: only the ARGs declared before the first FROM (and the automatic
// platform ARGs) are in scope there, and one declared without a default can leave an invalid
// image name when the build does not pass it.
import { Argument } from 'dockerfile-ast';
import { Stage } from '../../core/stages';
import { substituteVariables } from '../../core/variables';
import { Range } from '../../core/types';
import { closestMatches } from '../editDistance';
import { buildKitCheck, fromText } from './check';

/** The platform ARGs BuildKit defines in the global scope. */
export const AUTOMATIC_PLATFORM_ARGS = new Set(['BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT']);

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** The words of a FROM that BuildKit expands: the image and the --platform value. */
function expandedWords(stage: Stage): { text: string; range: Range }[] {
  const words: { text: string; range: Range }[] = [];
  const image: Argument | undefined = stage.from.getArguments()[0];
  if (image) words.push({ text: image.getValue(), range: image.getRange() });
  const platform = stage.from.getPlatformFlag();
  const value = platform?.getValue();
  if (platform && value) words.push({ text: value, range: platform.getValueRange() ?? platform.getRange() });
  return words;
}

function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((match) => match[1] ?? match[2]);
}

export const undefinedArgInFrom = buildKitCheck('UndefinedArgInFrom', 'FROM command must use declared ARGs.', ({ model, lines }) => {
  const results = [];
  for (const stage of model.stages) {
    if (!fromText(stage, lines).includes('$')) continue;
    for (const word of expandedWords(stage)) {
      for (const name of variablesIn(word.text)) {
        if (model.globalArgs.has(name) || AUTOMATIC_PLATFORM_ARGS.has(name)) continue;
        const suggestion = closestMatches(name, [...model.globalArgs.keys(), ...AUTOMATIC_PLATFORM_ARGS])[0];
        results.push({
          range: word.range,
          message: `FROM argument '${name}' is not declared${suggestion ? ` (did you mean ${suggestion}?)` : ''}: declare it with \`ARG ${name}=<default>\` before the first FROM.`,
        });
      }
    }
  }
  return results;
});

export const invalidDefaultArgInFrom = buildKitCheck('InvalidDefaultArgInFrom', 'Default value for global ARG results in an empty or invalid base image name.', ({ model, lines }) => {
  if (model.globalArgs.size === 0) {
    return []; // no FROM can use one
  }
  const results = [];
  for (const stage of model.stages) {
    if (!fromText(stage, lines).includes('$')) {
      continue;
    }
    const image = stage.from.getArguments()[0];
    if (!image) {
      continue;
    }
    const names = variablesIn(image.getValue()).filter((name) => model.globalArgs.has(name));
    // Only an ARG with no default (or an empty one) can leave the name broken; undeclared ones are UndefinedArgInFrom's.
    const empty = names.filter((name) => !model.globalArgs.get(name));
    if (empty.length === 0 || variablesIn(image.getValue()).some((name) => !model.globalArgs.has(name))) {
      continue;
    }
    const values = new Map<string, string>([...model.globalArgs].map(([name, value]) => [name, value ?? '']));
    const { text } = substituteVariables(image.getValue(), values);
    if (isValidImageName(text)) {
      continue;
    }
    const first = empty[0];
    results.push({
      range: image.getRange(),
      message: `Default value for ARG ${image.getValue()} results in empty or invalid base image name "${text}": give ARG ${first} a default (\`ARG ${first}=<value>\`) or write \`\${${first}:-<value>}\`.`,
    });
  }
  return results;
});

/** A reference Docker can parse: not empty, no empty tag or digest, no empty path component. */
function isValidImageName(reference: string): boolean {
  return reference !== '' && !/(^[:@/])|([:@/]$)|::|:@|\/\/|\/:|\/@/.test(reference);
}
