// `node dist/cli.js [--config FILE] [--target STAGE] Dockerfile...`: the same analysis as the
// editor, for CI and terminals. Reads `.stagecraft.json` from the current folder unless told
// otherwise. Exit code 1 when any file has an error or warning, 2 on a usage or read error.
// `node dist/cli.js --split Dockerfile`: prints the file split into build and runtime stages (the
// preferred variant, with the Dockerfile's folder as build context), or says why not (exit 1).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDockerfile } from './core/analyze';
import { CONFIG_FILE_NAME, StagecraftConfig, emptyConfig, parseConfigFile } from './core/config';
import { decodeDockerfile } from './core/decode';
import { folderBuildContext } from './fixes/folderContext';
import { planSplit } from './fixes/split/splitStages';
import { applyTextEdits } from './fixes/textEdits';

interface Arguments {
  files: string[];
  configFile?: string;
  target?: string;
  split: boolean;
}

const USAGE = 'usage: stagecraft [--config FILE] [--target STAGE] <Dockerfile>...\n       stagecraft --split <Dockerfile>';

function parseArguments(argv: string[]): Arguments | string {
  const parsed: Arguments = { files: [], split: false };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--config' || argument === '--target') {
      const value = argv[++i];
      if (value === undefined) {
        return `${argument} needs a value`;
      }
      if (argument === '--config') {
        parsed.configFile = value;
      } else {
        parsed.target = value;
      }
    } else if (argument === '--split') {
      parsed.split = true;
    } else if (argument.startsWith('--')) {
      return `unknown option ${argument}`;
    } else {
      parsed.files.push(argument);
    }
  }
  if (parsed.split && parsed.files.length > 1) {
    return '--split takes one Dockerfile';
  }
  return parsed.files.length === 0 ? 'no Dockerfile given' : parsed;
}

function loadConfig(file: string | undefined): StagecraftConfig | undefined {
  const configPath = file ?? path.join(process.cwd(), CONFIG_FILE_NAME);
  if (!fs.existsSync(configPath)) {
    if (file) {
      process.stderr.write(`${file}: not found\n`);
      return undefined;
    }
    return emptyConfig();
  }
  const { config, problems } = parseConfigFile(fs.readFileSync(configPath, 'utf8'), configPath);
  problems.forEach((problem) => process.stderr.write(`warning: ${problem}\n`));
  return config;
}

function main(argv: string[]): number {
  const args = parseArguments(argv);
  if (typeof args === 'string') {
    process.stderr.write(`stagecraft: ${args}\n${USAGE}\n`);
    return 2;
  }
  if (args.split) {
    return split(args.files[0]);
  }
  const config = loadConfig(args.configFile);
  if (!config) {
    return 2;
  }
  let exitCode = 0;
  for (const file of args.files) {
    let text: string;
    try {
      text = decodeDockerfile(fs.readFileSync(file));
    } catch (error) {
      process.stderr.write(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}\n`);
      exitCode = 2;
      continue;
    }
    const { findings } = analyzeDockerfile(text, {
      ruleSeverities: config.rules,
      target: args.target ?? config.target,
      allowedRuntimeImages: config.allowedRuntimeImages,
      exclude: config.exclude,
      documentPath: path.relative(process.cwd(), path.resolve(file)),
    });
    for (const finding of findings) {
      const { line, character } = finding.range.start;
      process.stdout.write(`${file}:${line + 1}:${character + 1}: ${finding.severity} ${finding.ruleId}: ${finding.message}\n`);
      if ((finding.severity === 'error' || finding.severity === 'warning') && exitCode === 0) {
        exitCode = 1;
      }
    }
  }
  return exitCode;
}

/** Prints the preferred split of `file` to stdout; otherwise why not, on stderr, with exit code 1. */
function split(file: string): number {
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

process.exitCode = main(process.argv.slice(2));
