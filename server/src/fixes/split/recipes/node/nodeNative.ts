// Native modules: compiled addons built for one Node major's ABI (NODE_MODULE_VERSION) and
// against the builder's glibc and libstdc++. A split that moves the Node major makes the install
// fetch or compile them again for the new major, which a locked old version may not support
// (node-sass and better-sqlite3 name the majors they build for). So the split reads where they
// show: the lock file (npm marks packages with install scripts `hasInstallScript`, pnpm 6-8
// `requiresBuild`), packages known to be native in package.json or any lock file, a binding.gyp of
// the project itself, and a node-gyp step or compiler install in the Dockerfile.
import { BuildContext } from '../../../fix';
import { NodeBuild } from './nodeBuild';
import { NodeContext } from './nodeContext';
import { isObject } from './packageJson';

/** Packages that are compiled addons, or pull one in (by their npm names). */
export const KNOWN_NATIVE = [
  'bcrypt', 'sharp', 'better-sqlite3', 'sqlite3', 'canvas', 'argon2', 'node-sass', 'grpc', 're2', 'leveldown', 'bufferutil', 'utf-8-validate',
  'node-pty', 'zeromq', 'isolated-vm', 'libxmljs', 'libxmljs2', 'microtime', 'deasync', 'kerberos', 'farmhash', 'hiredis', 'pg-native', 'libpq',
  'node-libcurl', 'ffi-napi', 'ref-napi', 'usb', 'serialport', '@serialport/bindings-cpp', 'cpu-features', 'lmdb', 'msgpackr-extract', 'bson-ext', 'iconv',
];
/** Packages whose install script prints a message or downloads a program: nothing built for Node's ABI. */
const NOT_NATIVE = new Set(['core-js', 'core-js-pure', 'es5-ext', 'esbuild', 'protobufjs', 'prisma', '@prisma/engines', '@prisma/client', 'puppeteer', 'husky', 'nodemon', 'yarn', 'pnpm']);
/** apt packages that compile addons: node-gyp itself, or a C/C++ compiler. */
const COMPILERS = /^(node-gyp|build-essential|g\+\+|gcc|clang|make)$/;

export interface NativeModules {
  /** What shows them, for notes and messages: `bcrypt (package.json, package-lock.json)`, `binding.gyp in the project`, `node-gyp in the build`. */
  evidence: string[];
  /** The lock file or package.json was read: no evidence then means none. */
  readContext: boolean;
}

export function nativeModules(buildContext: BuildContext | undefined, context: NodeContext | undefined, build: NodeBuild): NativeModules {
  // Each package once, with the files that name it: `bcrypt (package.json, package-lock.json)`.
  const packages = new Map<string, string[]>();
  const found = (name: string, file: string) => packages.set(name, [...(packages.get(name) ?? []), file]);
  const evidence: string[] = [];
  if (build.nodeGyp) {
    evidence.push('node-gyp in the build');
  }
  const compilers = build.aptPackages.filter((name) => COMPILERS.test(name));
  if (compilers.length > 0) {
    evidence.push(`${compilers.join(', ')} installed by the build`);
  }
  if (context && buildContext) {
    if (buildContext.readFile('binding.gyp') !== undefined) {
      evidence.push('binding.gyp in the project');
    }
    Object.keys(context.dependencies).filter((name) => KNOWN_NATIVE.includes(name)).forEach((name) => found(name, 'package.json'));
    for (const file of ['package-lock.json', 'npm-shrinkwrap.json']) {
      npmLockNative(buildContext.readFile(file)).forEach((name) => found(name, file));
    }
    textLockNative(buildContext.readFile('yarn.lock'), /^"?(@?[^@\s"]+)@/gm).forEach((name) => found(name, 'yarn.lock'));
    textLockNative(buildContext.readFile('pnpm-lock.yaml'), /^ {2}'?\/?(@?[^@\s'/]+(?:\/[^@\s'/]+)?)@/gm, /requiresBuild: true/).forEach((name) => found(name, 'pnpm-lock.yaml'));
  }
  return { evidence: [...[...packages].map(([name, files]) => `${name} (${files.join(', ')})`), ...evidence], readContext: context !== undefined };
}

/** Packages of an npm lock file (v2/v3 `packages`, v1 `dependencies`) that are known native or have an install script. */
function npmLockNative(text: string | undefined): string[] {
  if (text === undefined) {
    return [];
  }
  let lock: unknown;
  try {
    lock = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return [];
  }
  const names: string[] = [];
  const packages = isObject(lock) && isObject(lock.packages) ? lock.packages : isObject(lock) && isObject(lock.dependencies) ? lock.dependencies : {};
  for (const [key, entry] of Object.entries(packages)) {
    // `node_modules/a/node_modules/@scope/b` is @scope/b; `""` is the project itself.
    const name = key.includes('node_modules/') ? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length) : key;
    if (name === '' || NOT_NATIVE.has(name) || names.includes(name) || notForLinux(entry)) {
      continue;
    }
    // devDependencies too: the builder installs them on the same Node, and one that does not build there fails the build.
    if (KNOWN_NATIVE.includes(name) || (isObject(entry) && entry.hasInstallScript === true)) {
      names.push(name);
    }
  }
  return names;
}

/**
 * A lock entry whose `os` names other systems only (fsevents: `["darwin"]`): npm never installs it
 * in a Linux container (docs.npmjs.com package.json `os`; the lock file records the field).
 */
function notForLinux(entry: unknown): boolean {
  const os = isObject(entry) && Array.isArray(entry.os) ? entry.os.filter((value): value is string => typeof value === 'string') : [];
  return os.length > 0 && (os.includes('!linux') || !os.some((value) => value === 'linux' || value.startsWith('!')));
}

/** Known native packages named by a yarn or pnpm lock file's entries, and for pnpm those marked `requiresBuild`. */
function textLockNative(text: string | undefined, entry: RegExp, builds?: RegExp): string[] {
  if (text === undefined) {
    return [];
  }
  const names: string[] = [];
  const matches = [...text.matchAll(entry)];
  matches.forEach((match, index) => {
    const name = match[1];
    const body = text.slice(match.index, matches[index + 1]?.index ?? text.length);
    if (!names.includes(name) && !NOT_NATIVE.has(name) && (KNOWN_NATIVE.includes(name) || (builds !== undefined && builds.test(body)))) {
      names.push(name);
    }
  });
  return names;
}

