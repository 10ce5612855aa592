// `node dist/cli.js [files...]`: the same analysis as the editor, for CI and terminals.
// Exit code 1 when any file has an error or warning, 2 when a file cannot be read.
import * as fs from 'node:fs';
import { analyzeDockerfile } from './core/analyze';
import { decodeDockerfile } from './core/decode';

function main(files: string[]): number {
  if (files.length === 0) {
    process.stderr.write('usage: stagecraft <Dockerfile>...\n');
    return 2;
  }
  let exitCode = 0;
  for (const file of files) {
    let text: string;
    try {
      text = decodeDockerfile(fs.readFileSync(file));
    } catch (error) {
      process.stderr.write(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}\n`);
      exitCode = 2;
      continue;
    }
    for (const finding of analyzeDockerfile(text).findings) {
      const { line, character } = finding.range.start;
      process.stdout.write(`${file}:${line + 1}:${character + 1}: ${finding.severity} ${finding.ruleId}: ${finding.message}\n`);
      if ((finding.severity === 'error' || finding.severity === 'warning') && exitCode === 0) {
        exitCode = 1;
      }
    }
  }
  return exitCode;
}

process.exitCode = main(process.argv.slice(2));
