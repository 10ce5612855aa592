// A runtime image without the files most programs expect: `scratch` has no CA certificates,
// /etc/passwd or time zone data (distroless `static` has them); chiseled .NET images without
// `-extra` have no ICU or tzdata and run in globalization-invariant mode.
import { lineEnding } from '../core/lineEnding';
import { Instruction } from 'dockerfile-ast';
import { extraVariantReference } from '../catalog/lifecycle';
import { STATIC_WITH_BASE_FILES } from '../catalog/suggestions';
import { ImageReference } from '../core/imageReference';
import { TextEdit } from '../core/types';
import { Stage, inheritedInstructions, resolveBaseImage } from '../core/stages';
import { copyPaths, instructionText, sourcePath } from './buildArtifacts';
import { FindingFix, Rule, RuleResult } from './rule';
import { stageImage } from './support';

const CERTIFICATES = /ca-certificates|ca-bundle|cacert|\/etc\/ssl(\/|$)|\/etc\/pki(\/|$)|\.(crt|pem)$/;
const PASSWD = /^\/etc\/(passwd|group)$|^\/etc\/?$/;
const ZONEINFO = /zoneinfo|tzdata/;

export const runtimeMissingBaseFiles: Rule = {
  id: 'runtime-missing-base-files',
  description: 'The runtime image lacks CA certificates, /etc/passwd and time zone data (scratch), or ICU (chiseled .NET without -extra).',
  defaultSeverity: 'information',
  check({ runtimeStage, text }) {
    const runtime = runtimeStage && stageImage(runtimeStage);
    if (!runtimeStage || !runtime) {
      return [];
    }
    const { chain } = resolveBaseImage(runtimeStage);
    const imageStage = chain[chain.length - 1];
    const range = imageStage.from.getImageRange() ?? imageStage.from.getRange();
    const instructions = inheritedInstructions(runtimeStage);
    const results: RuleResult[] = [];
    const facts = runtime.lookup.facts;
    if (facts.hasBaseFiles === false && runsAProgram(instructions) && !copiesRootFilesystem(instructions)) {
      const finding = missingBaseFiles(instructions, imageStage, runtime.image.text, range, lineEnding(text));
      if (finding) {
        results.push(finding);
      }
    }
    if (facts.globalizationInvariant && !setsInvariantMode(instructions)) {
      results.push(invariantFinding(runtimeStage, imageStage, runtime.image, range, lineEnding(text)));
    }
    return results;
  },
};

function missingBaseFiles(instructions: readonly Instruction[], imageStage: Stage, imageText: string, range: RuleResult['range'], eol: string): RuleResult | undefined {
  const copied = instructions.flatMap((instruction) => (copyPaths(instruction)?.sources ?? []).map(sourcePath));
  const destinations = instructions.map((instruction) => copyPaths(instruction)?.destination ?? '');
  const has = (pattern: RegExp): boolean => copied.some((path) => pattern.test(path)) || destinations.some((path) => pattern.test(path));
  if (has(CERTIFICATES)) {
    return undefined; // the author took care of base files; passwd and tzdata are often not needed
  }
  const missing = ['CA certificates (TLS calls fail with "certificate signed by unknown authority")'];
  if (!has(PASSWD)) {
    missing.push('/etc/passwd');
  }
  if (!has(ZONEINFO)) {
    missing.push('time zone data');
  }
  const result: RuleResult = {
    range,
    message: `${imageText} has no ${joinList(missing)}. Use ${STATIC_WITH_BASE_FILES}, which has them, or copy them in from the build stage.`,
  };
  // The fix replaces `scratch` where it is written; a stage without USER then runs as 65532, not root.
  if (imageStage.from.getImage() === imageText) {
    const setsUser = instructions.some((instruction) => instruction.getKeyword() === 'USER');
    const edits: TextEdit[] = [{ range, newText: STATIC_WITH_BASE_FILES }];
    if (!instructions.some((instruction) => instruction.getKeyword() === 'WORKDIR')) {
      // scratch starts in /, the :nonroot image in /home/nonroot: relative paths keep their meaning.
      const afterFrom = { line: imageStage.from.getRange().end.line + 1, character: 0 };
      edits.push({ range: { start: afterFrom, end: afterFrom }, newText: `WORKDIR /${eol}` });
    }
    result.fixes = [
      {
        title: `Use ${STATIC_WITH_BASE_FILES}${setsUser ? '' : ' (runs as uid 65532, not root)'}`,
        edits,
        isPreferred: setsUser,
      },
    ];
  }
  return result;
}

function invariantFinding(runtimeStage: Stage, imageStage: Stage, image: ImageReference, range: RuleResult['range'], eol: string): RuleResult {
  const extra = extraVariantReference(image);
  const fixes: FindingFix[] = [];
  if (extra && imageStage.from.getImage() === image.text) {
    fixes.push({ title: `Use ${extra} (ICU and time zone data)`, edits: [{ range, newText: extra }] });
  }
  const fromLine = runtimeStage.from.getRange().end;
  fixes.push({
    title: 'State that the app runs without ICU (ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true)',
    edits: [{ range: { start: fromLine, end: fromLine }, newText: `${eol}ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true` }],
  });
  return {
    range,
    message:
      `${image.text} has no ICU or time zone data: .NET runs in globalization-invariant mode (cultures behave as invariant, ` +
      `TimeZoneInfo.FindSystemTimeZoneById fails). Use the -extra variant of the tag if the app needs them, or set ` +
      `ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true to state that it does not.`,
    fixes,
  };
}

/** Export-only stages (`docker build -o`, data images) have no program to start. */
function runsAProgram(instructions: readonly Instruction[]): boolean {
  const start = instructions.filter((instruction) => ['CMD', 'ENTRYPOINT'].includes(instruction.getKeyword()));
  if (start.length === 0) {
    return false;
  }
  // A WebAssembly module is started by a Wasm runtime, not by Linux: base files do not apply.
  return !start.some((instruction) => /\.wasm\b/.test(instructionText(instruction)));
}

/** `COPY --from=x / /`, `ADD rootfs.tar.gz /`: the stage brings a whole file system. */
function copiesRootFilesystem(instructions: readonly Instruction[]): boolean {
  return instructions.some((instruction) => {
    const paths = copyPaths(instruction);
    if (!paths || paths.destination.replace(/\/+$/, '') !== '') {
      return false;
    }
    return paths.sources.some((source) => sourcePath(source) === '/' || /rootfs|\.tar(\.\w+)?$|\.tgz$/.test(source));
  });
}

function setsInvariantMode(instructions: readonly Instruction[]): boolean {
  return instructions.some((instruction) => instruction.getKeyword() === 'ENV' && /DOTNET_SYSTEM_GLOBALIZATION_INVARIANT/.test(instructionText(instruction)));
}

function joinList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
