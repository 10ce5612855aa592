// The split's invariants, checked mechanically on any input (golden files and the corpus):
// what a Docker expert would check first when reading a result.
import { Instruction } from 'dockerfile-ast';
import { lookupImage } from '../../server/src/catalog/catalog';
import { analyzeDockerfile } from '../../server/src/core/analyze';
import { isExecForm } from '../../server/src/core/commands';
import { resolveBaseImage } from '../../server/src/core/stages';

/** The problems with `output` as a split of `input`; [] when it is sound. */
export function splitProblems(input: string, output: string, today = '2026-11-29'): string[] {
  const problems: string[] = [];
  const before = analyzeDockerfile(input, { today }).model;
  const after = analyzeDockerfile(output, { today });
  const model = after.model;
  if (!before || !model) {
    return ['the result was not analysed'];
  }
  if (model.stages.length < 2) {
    problems.push(`the result has ${model.stages.length} stage(s)`);
  }
  const runtime = model.finalStage!;
  const { base } = resolveBaseImage(runtime);
  const lookup = base.kind === 'image' ? lookupImage(base.image) : undefined;
  // A Java runtime-only image (`eclipse-temurin:11-jre`: no compiler, no build tool) is the one
  // exception: the split offers it for Java releases and packages distroless cannot carry, and
  // runtime-not-distroless rightly still nudges towards distroless there.
  const jre = lookup?.facts.runtime?.language === 'java' && lookup.facts.toolchain === undefined && /(^|-)jre(-|$)/.test(base.kind === 'image' ? (base.image.tag ?? '') : '');
  // So is PHP on a Debian php image (no -slim or distroless PHP image exists), when the runtime
  // purges the compilers the image keeps ($PHPIZE_DEPS); the rule still nudges there too.
  const phpPurged = lookup?.entry?.id === 'php' && runtime.instructions.some((i) => i.getKeyword() === 'RUN' && /apt-get purge -y --auto-remove \$PHPIZE_DEPS/.test(i.getTextContent()));
  const fullAllowed = jre || phpPurged;
  if (!fullAllowed && (!lookup || (lookup.kind !== 'distroless' && lookup.kind !== 'minimal'))) {
    problems.push(`the runtime image ${runtime.baseText} is not distroless or minimal`);
  }
  if (lookup?.facts.hasShell === false) {
    for (const instruction of runtime.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword === 'RUN') {
        problems.push(`RUN on line ${line(instruction)} in a shell-less runtime`);
      }
      if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && !isExecForm(instruction)) {
        problems.push(`shell-form ${keyword} on line ${line(instruction)} in a shell-less runtime`);
      }
    }
  }
  for (const stage of model.stages) {
    for (const reference of stage.references) {
      if (!reference.target && !/[/:.]/.test(reference.value)) {
        problems.push(`--from=${reference.value} on line ${line(reference.instruction)} names no earlier stage`);
      }
    }
  }
  const remaining = model.dockerfile.getInstructions().map((i) => i.getKeyword());
  for (const instruction of before.dockerfile.getInstructions()) {
    const index = remaining.indexOf(instruction.getKeyword());
    if (index < 0) {
      problems.push(`${instruction.getKeyword()} from line ${line(instruction)} was dropped`);
    } else {
      remaining.splice(index, 1);
    }
  }
  for (const finding of after.findings) {
    if ((finding.ruleId === 'single-stage-build' || (finding.ruleId === 'runtime-not-distroless' && !fullAllowed)) && finding.severity !== 'information') {
      problems.push(`the result still has ${finding.ruleId}`);
    }
    if (finding.severity === 'error') {
      problems.push(`the result has an error: ${finding.ruleId} on line ${finding.range.start.line + 1}: ${finding.message}`);
    }
  }
  return problems;
}

function line(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}
