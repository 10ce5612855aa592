// What the build context says about a Bun app: package.json's scripts, and what may compile or
// load native code. oven/bun's distroless base (base-nossl) has glibc but no libstdc++ or
// OpenSSL, so a native addon that loads there cannot be assumed; install scripts bun runs (the
// project's own, and those of `trustedDependencies`) may leave anything anywhere.
import { BuildContext } from '../../../fix';
import { INSTALL_SCRIPTS } from '../node/nodeContext';
import { isObject, readPackageJson, stringValues } from '../node/packageJson';
import { KNOWN_NATIVE } from '../node/nodeNative';

export interface BunContext {
  scripts: Record<string, string>;
  /** Why the split cannot reason about the install: native addons, install scripts (empty: none seen). */
  unknowns: string[];
}

export function readBunContext(context: BuildContext | undefined): BunContext | undefined {
  const manifest = readPackageJson(context);
  if (!context || !manifest) {
    return undefined;
  }
  const scripts = stringValues(manifest.scripts);
  const dependencies = [...Object.keys(isObject(manifest.dependencies) ? manifest.dependencies : {}), ...Object.keys(isObject(manifest.optionalDependencies) ? manifest.optionalDependencies : {})];
  const unknowns: string[] = [];
  const own = INSTALL_SCRIPTS.filter((name) => scripts[name] !== undefined);
  if (own.length > 0) {
    unknowns.push(`package.json's ${own.join(', ')} script${own.length > 1 ? 's' : ''}`);
  }
  const trusted = Array.isArray(manifest.trustedDependencies) ? manifest.trustedDependencies.filter((name): name is string => typeof name === 'string') : [];
  if (trusted.length > 0) {
    unknowns.push(`trustedDependencies (${trusted.join(', ')}), whose install scripts bun runs`);
  }
  const lock = context.readFile('bun.lock');
  const native = KNOWN_NATIVE.filter((name) => dependencies.includes(name) || (lock !== undefined && lock.includes(`"${name}@`)));
  if (native.length > 0) {
    unknowns.push(`the native addon${native.length > 1 ? 's' : ''} ${native.join(', ')}`);
  }
  if (context.readFile('binding.gyp') !== undefined) {
    unknowns.push('binding.gyp in the project');
  }
  return { scripts, unknowns };
}
