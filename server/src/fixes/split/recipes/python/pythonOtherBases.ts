// Python apps on bases that are neither the official python image nor another publisher's Python
// image (pythonImage.ts): recognised here only to say why the split leaves them as they are, so
// the user gets a reason to act on instead of no action at all. None of them is split:
// - already distroless Python: the runtime a split would make, with nothing built into it;
// - Python 2 from Alpine's packages, which current Alpine no longer has: it does not build;
// - an Apache Beam worker image (Dataflow custom container) on Ubuntu, CUDA, TensorFlow or
//   PyTorch: its Python and libraries come with that base, and Beam's launcher runs pip at start.
import { lookupImage } from '../../../../catalog/catalog';
import { Stage, StageModel, resolveBaseImage } from '../../../../core/stages';
import { Declined, decline, declineNothingToBuild } from '../../recipe';
import { StageScan, scanStage } from '../shared/stageScan';

/** Alpine's Python 2 packages: `python` (Python 2 until 3.12 renamed it python2), python2, py2-*. */
const ALPINE_PYTHON2 = /^(python|python2|py2-.+)$/;
/** An Alpine tag that names a release (`3.11`, `3.11.4`), which may still have Python 2. */
const ALPINE_RELEASE = /^3\.(\d+)(\.\d+)?$/;
/** Apache Beam's Python SDK images, whose /opt/apache/beam custom containers copy (the boot launcher). */
const BEAM_SDK = /(^|\/)apache\/beam_python[\d.]+_sdk([:@]|$)/;
/** Bases whose name says they carry CUDA or a GPU build of a framework. */
const GPU_BASE = /cuda|cudnn|gpu|nvidia|pytorch|tensorflow/i;

/** Why a Python app on one of these bases is not split, or undefined when the stage is not such an app. */
export function otherPythonBaseDecline(stage: Stage, model: StageModel, text: string): Declined | undefined {
  const { base } = resolveBaseImage(stage);
  if (base.kind !== 'image') {
    return undefined;
  }
  const lookup = lookupImage(base.image);
  if (lookup.facts.kind === 'distroless' && lookup.facts.runtime?.language === 'python') {
    return distrolessPython(base.image.text);
  }
  // Only the alpine image itself: node:alpine and others install `python` for node-gyp and the like.
  const alpine = lookup.entry?.id === 'alpine' || lookup.entry?.id === 'alpine-mirror';
  if (!alpine && !text.includes('/opt/apache/beam')) {
    return undefined; // spares the scan on every other stage the recipes after this one split
  }
  const scan = scanStage(stage, model, text);
  return beamWorker(base.image.text, scan) ?? (alpine ? alpinePython2(base.image.tag, base.image.text, scan) : undefined);
}

/** Distroless Python as the base: no shell and no pip, so the file can only copy files in. */
function distrolessPython(image: string): Declined {
  return declineNothingToBuild(`The base image is already distroless Python (\`${image}\`), the runtime a split makes, and the Dockerfile only copies files into it (distroless has no shell and no pip): there is nothing to build. To add packages from PyPI, install them into a venv in a python:3.13-slim-trixie stage and copy it in (distroless's examples/python3-requirements).`);
}

/**
 * Python 2 from Alpine's packages. Alpine 3.12 dropped the `python` name (python2 or python3 must
 * be chosen: aports 5ad0ec7d, alpinelinux/docker-alpine#83) and 3.16 removed Python 2 (Release
 * Notes for Alpine 3.16.0), so on a floating or newer tag `apk add` fails: the file does not build.
 */
function alpinePython2(tag: string | undefined, image: string, scan: StageScan): Declined | undefined {
  const packages = scan.apkPackages.filter((name) => ALPINE_PYTHON2.test(name));
  const pip = pipInstalls(scan);
  // Python as the app (what pip or setup.py installs, or a script python starts), not as a plugin host (weechat, freeradius).
  const setupPy = scan.commands.some(({ args }) => /^python2?$/.test(args[0] ?? '') && args[1] === 'setup.py');
  const startsPython = scan.starts.some((start) => /^python2?$/.test(start.words?.[0] ?? ''));
  if (packages.length === 0 || (pip.length === 0 && !setupPy && !startsPython)) {
    return undefined;
  }
  const instead = `Build on python:3.13-alpine (or python:3.13-slim-trixie) and install ${pip.length > 0 ? `${pip.join(', ')} ` : 'the packages '}with pip, then split.`;
  const release = ALPINE_RELEASE.exec(tag ?? '');
  const minor = release ? Number(release[1]) : undefined;
  const stillThere = minor !== undefined && minor < (packages.includes('python') ? 12 : 16);
  if (stillThere) {
    return decline(`\`apk add ${packages.join(' ')}\` installs Python 2, which is past its end of life (2020) and has no runtime image the split can use. ${instead}`);
  }
  return decline(`\`apk add ${packages.join(' ')}\` installs Python 2, which \`${image}\` no longer has (Alpine dropped the \`python\` package in 3.12 and Python 2 with its py2- packages in 3.16), so this Dockerfile no longer builds as written. ${instead}`);
}

/** What `pip install` installs by name (not `-r` files or options). */
function pipInstalls(scan: StageScan): string[] {
  return scan.commands
    .filter(({ args }) => /^pip[23]?$/.test(args[0] ?? '') && args[1] === 'install')
    .flatMap(({ args }) => args.slice(2).filter((word): word is string => word !== undefined && !word.startsWith('-') && !/[/\\]/.test(word)));
}

/**
 * A Beam worker image: it copies Beam's launcher from an SDK image (or starts it). The launcher
 * pip-installs the pipeline's staged packages when a worker starts before it runs Python
 * (apache/beam sdks/python/container/boot.go, installSetupPackages), so the runtime keeps pip and
 * the base's Python as they are.
 */
function beamWorker(image: string, scan: StageScan): Declined | undefined {
  const sdk = scan.copies.find((copy) => copy.from !== undefined && BEAM_SDK.test(copy.from))?.from;
  const boots = scan.starts.some((start) => start.words?.[0] === '/opt/apache/beam/boot');
  if (sdk === undefined && !boots) {
    return undefined;
  }
  const copied = sdk ? `it copies /opt/apache/beam from \`${sdk}\` and starts its launcher` : 'it starts /opt/apache/beam/boot';
  const gpu = GPU_BASE.test(image);
  return decline(`This is an Apache Beam worker image (${copied}, which pip-installs the pipeline's staged packages when a worker starts), and its Python comes from \`${image}\`, not the official python image${gpu ? ', with the CUDA and framework libraries the GPU workers load' : ''}: the split can pick no smaller runtime with the same Python${gpu ? ' and libraries' : ''}, and the launcher needs pip at run time. Keep one stage${sdk && !gpu ? `, or build on \`${sdk}\` itself (Beam's Python, pip and launcher)` : ''}.`);
}
