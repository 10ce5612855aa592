// package.json as the Node and Bun recipes read it: parsed once from the build context (a BOM
// allowed), and its string maps (scripts) without the entries that are not strings.
import { BuildContext } from '../../../fix';

/** package.json's top-level object, or undefined without a context, the file, or valid JSON. */
export function readPackageJson(context: BuildContext | undefined): Record<string, unknown> | undefined {
  const text = context?.readFile('package.json');
  if (text === undefined) {
    return undefined;
  }
  try {
    const manifest: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return isObject(manifest) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** The string entries of a JSON object (`scripts`); others are left out. */
export function stringValues(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (isObject(value)) {
    for (const [key, entry] of Object.entries(value)) {
      if (typeof entry === 'string') {
        result[key] = entry;
      }
    }
  }
  return result;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
