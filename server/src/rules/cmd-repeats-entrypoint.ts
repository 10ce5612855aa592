// An exec-form CMD that starts the language runtime the image's own ENTRYPOINT already runs:
// distroless `nodejs*` runs `/nodejs/bin/node`, `java*` runs `java -jar`, `python3` runs
// `python3.13`, chiseled .NET runs `dotnet`. CMD's words are that program's arguments, so
// `CMD ["node", "app.js"]` runs `node node app.js` and the container fails at start
// ("Cannot find module '/app/node'"); npm and npx are not there at all.
import { Instruction } from 'dockerfile-ast';
import { Language } from '../catalog/facts';
import { execFormWords, formatExecForm, isExecForm } from '../core/commands';
import { FindingFix, Rule } from './rule';
import { basename, documentText } from './shellCommands';
import { RUNTIME_NAMES, afterRepeatedEntrypoint, programExists, sameProgram, startCommand } from './shellless';
import { stageImage } from './support';

const NODE_PACKAGE_MANAGERS = /^(npm|npx|yarn|pnpm|corepack)$/;

export const cmdRepeatsEntrypoint: Rule = {
  id: 'cmd-repeats-entrypoint',
  description: "An exec-form CMD starts the runtime the image's ENTRYPOINT already runs (node, java -jar, python, dotnet): the container fails at start.",
  defaultSeverity: 'error',
  check({ runtimeStage, text }) {
    if (!runtimeStage) {
      return [];
    }
    const { entrypoint, cmd, imageEntrypoint } = startCommand(runtimeStage);
    if (entrypoint || !cmd || !imageEntrypoint || imageEntrypoint.length === 0 || !isExecForm(cmd)) {
      return [];
    }
    const words = execFormWords(cmd);
    const image = stageImage(runtimeStage);
    const language = image?.lookup.facts.runtime?.language ?? languageOf(imageEntrypoint[0]);
    const program = words[0];
    if (!image || !program || !language) {
      return [];
    }
    const runs = `${image.image.text} runs ${imageEntrypoint.join(' ')} as its ENTRYPOINT, and CMD's words are its arguments`;
    const range = cmd.getRange();
    if (language === 'node' && NODE_PACKAGE_MANAGERS.test(basename(program))) {
      return [
        {
          range,
          message: `${runs}: this runs \`${imageEntrypoint[0]} ${program}\`, and the image has no ${basename(program)}, so the container fails at start ("Cannot find module"). Name the app's script in CMD (["/app/server.js"]).`,
        },
      ];
    }
    if (!RUNTIME_NAMES[language].test(basename(program))) {
      return [];
    }
    const fixes: FindingFix[] = [];
    if (sameProgram(program, imageEntrypoint[0], language)) {
      // `java -jar app.jar` on `java -jar`: drop the repeated words; `java -cp ...`: run it as the ENTRYPOINT.
      const rest = afterRepeatedEntrypoint(words, imageEntrypoint, language);
      if (rest && rest.length > 0) {
        fixes.push(replaceFix(cmd, 'CMD', rest, true));
      } else if (!rest) {
        fixes.push(replaceFix(cmd, 'ENTRYPOINT', [imageEntrypoint[0], ...words.slice(1)], false));
      }
    } else if (programExists(program, runtimeStage, cmd, documentText(text))) {
      // Another interpreter the stage copied in (a venv's python3): it must be the ENTRYPOINT.
      fixes.push(replaceFix(cmd, 'ENTRYPOINT', words, false));
    }
    return [
      {
        range,
        message: `${runs}: this runs \`${imageEntrypoint.join(' ')} ${words.slice(0, 2).join(' ')}\`, which fails at start. ${
          fixes[0] ? `${fixes[0].title}.` : 'Drop the program from CMD, or set ENTRYPOINT to it.'
        }`,
        fixes,
      },
    ];
  },
};

function languageOf(program: string): Language | undefined {
  return (Object.keys(RUNTIME_NAMES) as Language[]).find((language) => RUNTIME_NAMES[language].test(basename(program)));
}

function replaceFix(cmd: Instruction, keyword: 'CMD' | 'ENTRYPOINT', words: string[], isPreferred: boolean): FindingFix {
  const text = `${keyword} ${formatExecForm(words)}`;
  return { title: keyword === 'CMD' ? `Use ${text}` : `Run it as the ENTRYPOINT: ${text}`, edits: [{ range: cmd.getRange(), newText: text }], isPreferred };
}
