// What the catalog knows about an image, in words for a hover or a completion item: shell, libc,
// language runtime, default user, entrypoint, Debian release, end of support, and how the image
// fares against the runtime rules if it is the image that ships. Markdown, no LSP types.
import { ImageReference } from '../core/imageReference';
import { ImageLookup } from './catalog';
import { ImageFacts } from './facts';

export interface RuntimeVerdict {
  /** True when nothing in the image itself breaks a runtime rule (the stage may still, e.g. USER root). */
  ok: boolean;
  /** One line per rule: `✓`/`✗`/`•` and what it says. */
  lines: string[];
}

const LANGUAGE_NAMES: Record<string, string> = { python: 'Python', node: 'Node.js', java: 'Java', dotnet: '.NET', go: 'Go', rust: 'Rust' };

const KIND_WORDS: Record<ImageFacts['kind'], string> = {
  distroless: 'distroless: no shell, no package manager',
  minimal: 'minimal: a small distribution with a shell and a package manager',
  full: 'a full distribution image',
  windows: 'a Windows image',
};

/** The facts as `[label, value]` rows; rows the catalog has no fact for are left out. */
export function factRows(lookup: ImageLookup): [string, string][] {
  const facts = lookup.facts;
  const rows: [string, string][] = [];
  if (!lookup.entry) {
    return rows;
  }
  if (facts.hasShell !== undefined) {
    rows.push(['Shell', facts.hasShell ? (lookup.isDebugVariant ? 'busybox (debug variant)' : 'yes') : 'none: no RUN, exec-form CMD/ENTRYPOINT only']);
  }
  if (facts.libc) {
    rows.push(['libc', facts.libc === 'none' ? 'none: statically linked binaries only' : facts.libc]);
  }
  if (facts.runtime) {
    rows.push(['Runtime', `${LANGUAGE_NAMES[facts.runtime.language] ?? facts.runtime.language} ${facts.runtime.version}`.trim()]);
  }
  if (facts.toolchain && !facts.runtime) {
    rows.push(['Toolchain', `${LANGUAGE_NAMES[facts.toolchain.language] ?? facts.toolchain.language} ${facts.toolchain.version ?? ''}`.trim()]);
  }
  if (facts.defaultUser !== undefined) {
    rows.push(['Default user', facts.defaultUser === 0 ? '0 (root)' : `${facts.defaultUser} (non-root)`]);
  }
  if (facts.entrypoint !== undefined) {
    rows.push(['Entrypoint', facts.entrypoint.length === 0 ? 'none: give an absolute exec-form ENTRYPOINT' : `${JSON.stringify(facts.entrypoint)}${entrypointHint(facts)}`]);
  }
  if (facts.workdir) {
    rows.push(['Workdir', facts.workdir]);
  }
  if (facts.debian !== undefined) {
    rows.push(['Debian', `${facts.debian}${DEBIAN_NAMES[facts.debian] ? ` (${DEBIAN_NAMES[facts.debian]})` : ''}`]);
  }
  if (facts.globalizationInvariant) {
    rows.push(['ICU, tzdata', 'none (globalization-invariant); the `-extra` tag has them']);
  }
  if (facts.architectures?.length) {
    rows.push(['Architectures', facts.architectures.join(', ')]);
  }
  return rows;
}

const DEBIAN_NAMES: Record<number, string> = { 10: 'buster', 11: 'bullseye', 12: 'bookworm', 13: 'trixie' };

function entrypointHint(facts: ImageFacts): string {
  const first = facts.entrypoint?.[0] ?? '';
  if (/java$/.test(first)) {
    return ': CMD names only the jar';
  }
  if (/node$/.test(first) || /python[\d.]*$/.test(first)) {
    return ': CMD names only the script';
  }
  return '';
}

/**
 * How the image fares as the image that ships: distroless or not, debug variant, default user,
 * end of support by `today`. Rules that depend on the rest of the stage (USER, CMD) are the
 * analysis's job; this says what the image brings.
 */
export function runtimeVerdict(lookup: ImageLookup, today: string): RuntimeVerdict {
  const facts = lookup.facts;
  const lines: string[] = [];
  let ok = true;
  if (facts.kind === 'windows') {
    return { ok: true, lines: ['• Windows image: the Linux runtime rules do not apply'] };
  }
  if (facts.kind === 'distroless') {
    lines.push('✓ distroless (`runtime-not-distroless`)');
  } else {
    ok = false;
    lines.push(`✗ ${facts.kind === 'minimal' ? 'minimal, but has a shell and a package manager' : 'full distribution image'} (\`runtime-not-distroless\`)`);
  }
  if (lookup.isDebugVariant) {
    ok = false;
    lines.push('✗ debug variant with a shell: for debugging, not for production (`debug-image-in-runtime`)');
  }
  if (facts.defaultUser === undefined) {
    lines.push('• default user unknown: set a numeric non-root USER (`runtime-runs-as-root`)');
  } else if (facts.defaultUser === 0) {
    lines.push('• runs as root unless the stage sets a non-root USER; the `nonroot` tag runs as 65532 (`runtime-runs-as-root`)');
  } else {
    lines.push(`✓ runs as ${facts.defaultUser} by default (\`runtime-runs-as-root\`)`);
  }
  const ended = facts.endOfSupport;
  if (ended) {
    const estimate = ended.estimate ? ' (an estimate)' : '';
    if (ended.date <= today) {
      ok = false;
      lines.push(`✗ no longer updated since ${ended.date}${estimate}: move to ${ended.replacement} (\`outdated-runtime-image\`)`);
    } else {
      lines.push(`• updates end on ${ended.date}${estimate}: then move to ${ended.replacement} (\`outdated-runtime-image\`)`);
    }
  }
  return { ok, lines };
}

/** The hover text for an image reference: title, facts table, verdict and the catalog source. */
export function describeImage(image: ImageReference, lookup: ImageLookup, today: string, options: { ships: boolean } = { ships: true }): string {
  const parts: string[] = [];
  const title = lookup.entry ? lookup.entry.title : 'not in the image catalog';
  parts.push(`**${escapeMarkdown(image.text)}** — ${escapeMarkdown(title)}`);
  if (!lookup.entry) {
    parts.push('Stagecraft has no facts about this image; it is treated as a full distribution image.');
    return parts.join('\n\n');
  }
  parts.push(KIND_WORDS[lookup.facts.kind] + '.');
  // The verdict first: a hover is cut to a few lines, and this is what the user came for.
  const verdict = runtimeVerdict(lookup, today);
  const heading = options.ships ? 'As the runtime image (this stage ships):' : 'As a runtime image (this stage does not ship):';
  parts.push([heading, ...verdict.lines.map((line) => `- ${line}`)].join('\n'));
  const rows = factRows(lookup);
  if (rows.length > 0) {
    parts.push(['| | |', '|---|---|', ...rows.map(([label, value]) => `| ${label} | ${escapeTableCell(value)} |`)].join('\n'));
  }
  const ended = lookup.facts.endOfSupport;
  if (ended?.note) {
    parts.push(`End of support: ${ended.date}${ended.estimate ? ' (an estimate)' : ''}; ${escapeMarkdown(ended.note)}.`);
  }
  parts.push(`_Source: ${escapeMarkdown(lookup.entry.source)}, checked ${lookup.entry.checked}._`);
  return parts.join('\n\n');
}

/** One line for a completion item's detail: kind, runtime, user, end of support. */
export function imageSummary(lookup: ImageLookup, today: string): string {
  const facts = lookup.facts;
  const bits: string[] = [];
  if (lookup.isDebugVariant) {
    bits.push('debug: busybox shell, not for production');
  } else if (facts.kind === 'distroless') {
    bits.push(facts.libc === 'none' ? 'no shell, no libc' : 'no shell');
  }
  if (facts.runtime) {
    bits.push(`${LANGUAGE_NAMES[facts.runtime.language] ?? facts.runtime.language} ${facts.runtime.version}`.trim());
  }
  if (facts.defaultUser !== undefined) {
    bits.push(facts.defaultUser === 0 ? 'root' : `user ${facts.defaultUser}`);
  }
  const ended = facts.endOfSupport;
  if (ended) {
    bits.push(ended.date <= today ? `outdated since ${ended.date}` : `updates end ${ended.date}`);
  }
  return bits.join(' · ');
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

function escapeTableCell(text: string): string {
  // Backticks are kept (they format code in the cell); pipes would end the cell.
  return text.replace(/\|/g, '\\|');
}
