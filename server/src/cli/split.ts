// `stagecraft split FILE`: prints the file split into build and runtime stages (the preferred
// variant, with the Dockerfile's folder as build context), or says why not (exit code 1).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDockerfile } from '../core/analyze';
import { decodeDockerfile } from '../core/decode';
import { folderBuildContext } from '../fixes/folderContext';
import { planSplit } from '../fixes/split/splitStages';
import { applyTextEdits } from '../fixes/textEdits';

export function runSplit(file: string): number {
  let text: string;
  try {
    text = decodeDockerfile(fs.readFileSync(file));
  } catch (error) {
    process.stderr.write(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const { model } = analyzeDockerfile(text);
  const outcome = model ? planSplit({ model, text, buildContext: folderBuildContext(path.dirname(path.resolve(file))) }) : undefined;
  const preferred = outcome?.results[0];
  if (!preferred) {
    const why = outcome?.declined ?? (model && model.stages.length > 1 ? 'it already has more than one stage' : 'no split recipe knows this build');
    process.stderr.write(`${file}: not split: ${why}\n`);
    return 1;
  }
  process.stdout.write(applyTextEdits(text, preferred.edits));
  return 0;
}
