// Artifacts built for one runtime copied into another that cannot run them: a Python venv or a
// node_modules built for another language version or libc, classes compiled for a newer Java, a
// dynamically linked Go (cgo) or Rust binary in an image without a compatible libc. Every fact
// about the images comes from the catalog; what the builder did comes from its RUN/ENV/ARG text.
import { builderImageFor, debianPythonVersion } from '../catalog/builders';
import { Stage, StageModel, StageReference, resolveBaseImage } from '../core/stages';
import { buildText, instructionText, isInside, withWorkdirs } from './buildArtifacts';
import { Builder, Problem, Runtime, builderText, describe, libcName, sourcesOf } from './builderRuntime';
import { goProblems, isBinaryCopy, rustProblems } from './nativeBinaryMismatch';
import { FindingFix, Rule, RuleResult } from './rule';
import { stageImage } from './support';
import { sameImageForVersion, useImageFix } from './versionMatch';

export const builderRuntimeMismatch: Rule = {
  id: 'builder-runtime-mismatch',
  description: 'Artifacts built for one runtime (language version, libc, Debian release) are copied into a runtime image that cannot run them.',
  defaultSeverity: 'warning',
  check({ model, runtimeStage, today }) {
    const runtimeImage = runtimeStage && stageImage(runtimeStage);
    if (!runtimeStage || !runtimeImage || runtimeImage.lookup.kind === 'windows') {
      return [];
    }
    const runtime: Runtime = { stage: runtimeStage, image: runtimeImage, facts: runtimeImage.lookup.facts, today };
    // The runtime stage and the stages it is built FROM all end up in the shipped image.
    const { chain } = resolveBaseImage(runtimeStage);
    const results: RuleResult[] = [];
    const reported = new Set<string>();
    for (const stage of [...chain].reverse()) {
      for (const reference of stage.references) {
        const builder = builderOf(reference, chain, model);
        if (!builder) {
          continue;
        }
        for (const problem of problemsOf(reference, builder, runtime)) {
          const key = `${builder.stage.index}:${problem.key}`;
          if (!reported.has(key)) {
            reported.add(key);
            results.push({ range: reference.valueRange, message: problem.message, severity: problem.severity, fixes: problem.fixes });
          }
        }
      }
    }
    return results;
  },
};

function builderOf(reference: StageReference, runtimeChain: readonly Stage[], model: StageModel): Builder | undefined {
  if (reference.instruction.getKeyword() !== 'COPY' || !reference.target || runtimeChain.includes(reference.target)) {
    return undefined;
  }
  const image = stageImage(reference.target);
  if (!image) {
    return undefined;
  }
  const facts = image.lookup.facts;
  if (facts.toolchain) {
    return { stage: reference.target, image, facts, model };
  }
  // A Debian image that installs Debian's python3 builds with that release's Python (distroless' own example).
  const debianPython = debianPythonVersion(facts.debian);
  if (debianPython && APT_PYTHON.test(buildText(reference.target, model))) {
    return { stage: reference.target, image, facts: { ...facts, toolchain: { language: 'python', version: debianPython } }, model };
  }
  return undefined;
}

const APT_PYTHON = /\bapt(-get)?\s+install\b[^\n;&|]*\spython3(-venv|-dev|-pip|-minimal)?\b/;

function problemsOf(reference: StageReference, builder: Builder, runtime: Runtime): Problem[] {
  switch (builder.facts.toolchain?.language) {
    case 'python':
      return pythonProblems(reference, builder, runtime);
    case 'node':
      return nodeProblems(reference, builder, runtime);
    case 'java':
      return javaProblems(builder, runtime);
    case 'go':
      return isBinaryCopy(reference) ? goProblems(builder, runtime) : [];
    case 'rust':
      return isBinaryCopy(reference) ? rustProblems(builder, runtime) : [];
    default:
      return [];
  }
}

// --- Python -----------------------------------------------------------------------------------

/** Paths that hold installed packages whatever the builder ran. */
const PYTHON_PACKAGE_PATH = /(^|\/)\.?venvs?(\/|$)|virtualenv|site-packages|dist-packages|^\/usr\/local\/lib\/python|^\/usr\/local\/?$|^\/root\/\.local(\/|$)|^\/install(\/|$)|__pypackages__/;

/** Directories the builder installs packages into: venvs, `pip --prefix/--target/--user`, `uv sync`. */
function pythonPackageDirs(builder: Builder): string[] {
  const dirs: string[] = [];
  for (const { instruction, workdir } of withWorkdirs(builder.stage, builder.facts.workdir ?? '/')) {
    const keyword = instruction.getKeyword();
    const text = instructionText(instruction);
    if (keyword === 'RUN') {
      for (const match of text.matchAll(/(?:-m\s+venv|\bvirtualenv|\buv\s+venv)((?:\s+-{1,2}[\w-]+(?:=\S+)?)*)\s+([^\s;&|-][^\s;&|]*)/g)) {
        dirs.push(resolveIn(workdir, match[2]));
      }
      for (const match of text.matchAll(/\bpip3?\s+install\b[^;&|\n]*?\s(?:--prefix|--target|-t|--root)(?:=|\s+)([^\s;&|]+)/g)) {
        dirs.push(resolveIn(workdir, match[1]));
      }
      if (/\bpip3?\s+install\b[^;&|\n]*\s--user\b/.test(text)) {
        dirs.push('/root/.local');
      }
      if (/\b(uv\s+sync|poetry\s+install|pdm\s+(install|sync)|pipenv\s+(install|sync))\b/.test(text)) {
        dirs.push(resolveIn(workdir, '.venv'));
      }
    } else if (keyword === 'ENV' || keyword === 'ARG') {
      for (const match of text.matchAll(/\b(?:VIRTUAL_ENV|UV_PROJECT_ENVIRONMENT|PYTHONUSERBASE|POETRY_VIRTUALENVS_PATH)(?:=|\s+)["']?([^\s"']+)/g)) {
        dirs.push(resolveIn(workdir, match[1]));
      }
    }
  }
  return dirs.filter((dir) => !dir.includes('$'));
}

function resolveIn(workdir: string, path: string): string {
  const clean = path.replace(/^["']|["']$/g, '');
  return clean.startsWith('/') ? clean.replace(/\/+$/, '') || '/' : `${workdir.replace(/\/+$/, '')}/${clean.replace(/^\.\//, '')}`.replace(/\/+$/, '');
}

/** True when one of the COPY's sources is, contains or lies inside installed Python packages. */
function copiesPythonPackages(reference: StageReference, builder: Builder): boolean {
  const sources = sourcesOf(reference);
  if (sources.some((source) => PYTHON_PACKAGE_PATH.test(source))) {
    return true;
  }
  const dirs = pythonPackageDirs(builder);
  return sources.some((source) => dirs.some((dir) => isInside(dir, source) || isInside(source, dir)));
}

function pythonProblems(reference: StageReference, builder: Builder, runtime: Runtime): Problem[] {
  const target = runtime.facts.runtime;
  if (target?.language !== 'python' || !copiesPythonPackages(reference, builder)) {
    return [];
  }
  const built = builder.facts.toolchain?.version;
  const wrongVersion = built !== undefined && built !== target.version;
  const wrongLibc = builder.facts.libc !== undefined && runtime.facts.libc !== undefined && builder.facts.libc !== runtime.facts.libc;
  if (!wrongVersion && !wrongLibc) {
    return [];
  }
  const fix = builderImageFor('python', target.version, runtime.facts.debian ?? builder.facts.debian) ?? `a python:${target.version} image`;
  const builtFor = [wrongVersion ? `for Python ${built}` : '', wrongLibc ? `against ${libcName(builder.facts.libc)}` : ''].filter(Boolean).join(' ');
  const runsOn = [wrongVersion ? `runs Python ${target.version}` : '', wrongLibc ? `has ${libcName(runtime.facts.libc)}` : ''].filter(Boolean).join(' and ');
  const effect = wrongVersion ? `it does not look in lib/python${built} and compiled extensions do not load` : 'compiled wheels do not load';
  return [
    {
      key: 'python',
      message: `Python packages built ${builtFor} on ${describe(builder.image)}, but ${describe(runtime.image)} ${runsOn}: ${effect}. Build them on ${fix}.`,
      fixes: versionFixes(builder, runtime, 'Python', wrongVersion ? built : undefined, target.version, fix),
    },
  ];
}

/**
 * "Run on <the runtime image for the built version>" (when that image exists and is supported)
 * and "Build on <the builder image for the runtime's version>" (when `builderImage` names one).
 */
function versionFixes(builder: Builder, runtime: Runtime, language: string, built: string | undefined, runs: string, builderImage: string): FindingFix[] {
  const fixes: FindingFix[] = [];
  const sameRuntime = built === undefined ? undefined : sameImageForVersion(runtime.image.image, runs, built, runtime.today);
  const run = sameRuntime && useImageFix(runtime.stage, sameRuntime, `Run on ${sameRuntime} (${language} ${built}, as built)`);
  if (run) {
    fixes.push(run);
  }
  const build = !/\s/.test(builderImage) && builderImage !== builder.image.image.text ? useImageFix(builder.stage, builderImage, `Build on ${builderImage} (${language} ${runs}, as the runtime runs)`) : undefined;
  if (build) {
    fixes.push(build);
  }
  return fixes;
}

// --- Node.js ----------------------------------------------------------------------------------

const NODE_INSTALL = /\b(npm\s+(ci|install|i)\b|yarn(\s+install)?\s*($|[;&|\n]|--)|pnpm\s+(install|i)\b|bun\s+install\b)/;

/** True when the COPY takes node_modules, or a directory where the builder installed them. */
function copiesNodeModules(reference: StageReference, builder: Builder): boolean {
  const sources = sourcesOf(reference);
  if (sources.some((source) => /(^|\/)node_modules(\/|$)/.test(source))) {
    return true;
  }
  const installDirs = withWorkdirs(builder.stage, builder.facts.workdir ?? '/')
    .filter(({ instruction }) => instruction.getKeyword() === 'RUN' && NODE_INSTALL.test(instructionText(instruction)))
    .map(({ workdir }) => `${workdir.replace(/\/+$/, '')}/node_modules`);
  return sources.some((source) => installDirs.some((dir) => isInside(dir, source)));
}

function nodeProblems(reference: StageReference, builder: Builder, runtime: Runtime): Problem[] {
  const target = runtime.facts.runtime;
  if (target?.language !== 'node' || !copiesNodeModules(reference, builder)) {
    return [];
  }
  const built = builder.facts.toolchain?.version;
  const problems: Problem[] = [];
  const fix = builderImageFor('node', target.version, runtime.facts.debian ?? builder.facts.debian) ?? `a node:${target.version} image`;
  if (built !== undefined && built !== target.version) {
    problems.push({
      key: 'node-version',
      message:
        `node_modules installed with Node.js ${built} on ${describe(builder.image)}, but ${describe(runtime.image)} runs Node.js ${target.version}: ` +
        `native addons fail to load (NODE_MODULE_VERSION mismatch). Install them on ${fix}.`,
      fixes: versionFixes(builder, runtime, 'Node.js', built, target.version, fix),
    });
  }
  if (builder.facts.libc !== undefined && runtime.facts.libc !== undefined && builder.facts.libc !== runtime.facts.libc) {
    problems.push({
      key: 'node-libc',
      severity: 'information',
      message:
        `node_modules installed against ${libcName(builder.facts.libc)} on ${describe(builder.image)}, but ${describe(runtime.image)} has ${libcName(runtime.facts.libc)}: ` +
        `a dependency with a native addon (bcrypt, sharp, ...) will not load. Install them on ${fix}.`,
    });
  }
  return problems;
}

// --- Java -------------------------------------------------------------------------------------

/** The class-file release the build asks for: `--release 17`, `-Dmaven.compiler.release=17`, ... */
function targetRelease(text: string): number | undefined {
  const match =
    /--release[= ]+(\d+)\b/.exec(text) ??
    /-Dmaven\.compiler\.(?:release|target)=["']?(?:1\.)?(\d+)\b/.exec(text) ??
    /-Djava\.version=["']?(?:1\.)?(\d+)\b/.exec(text) ??
    /\bjavac\b[^\n]*\s-target\s+(?:1\.)?(\d+)\b/.exec(text);
  return match ? Number(match[1]) : undefined;
}

function javaProblems(builder: Builder, runtime: Runtime): Problem[] {
  const target = runtime.facts.runtime;
  const jdk = builder.facts.toolchain?.version;
  if (target?.language !== 'java' || jdk === undefined) {
    return [];
  }
  const runtimeRelease = Number(target.version);
  const release = targetRelease(builderText(builder));
  if (release !== undefined) {
    return release > runtimeRelease
      ? [
          {
            key: 'java',
            message:
              `The build compiles for Java ${release} (release ${release}), but ${describe(runtime.image)} runs Java ${runtimeRelease}: ` +
              `the classes fail to load with UnsupportedClassVersionError. Compile with --release ${runtimeRelease}, or run on a Java ${release} image.`,
          },
        ]
      : [];
  }
  if (Number(jdk) <= runtimeRelease) {
    return [];
  }
  // The release is often set where we cannot see it (pom.xml, build.gradle): say so, as information.
  const fix = builderImageFor('java', String(runtimeRelease), undefined, builder.image.lookup.entry?.id) ?? `a JDK ${runtimeRelease} image`;
  return [
    {
      key: 'java',
      severity: 'information',
      message:
        `Classes compiled by JDK ${jdk} on ${describe(builder.image)}, but ${describe(runtime.image)} runs Java ${runtimeRelease}: ` +
        `unless the build targets Java ${runtimeRelease} (maven.compiler.release, Gradle toolchain, --release), they fail with UnsupportedClassVersionError. ` +
        `Build on ${fix}, or run on a Java ${jdk} image.`,
      fixes: versionFixes(builder, runtime, 'Java', jdk, String(runtimeRelease), fix),
    },
  ];
}
