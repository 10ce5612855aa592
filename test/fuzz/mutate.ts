// Seeded mutations of real Dockerfiles for fuzzing: a deterministic PRNG, the corpus loader and
// the mutators (byte flips, line duplication/deletion/swap, continuation backslashes, heredoc
// markers, `${`, unicode, NUL, very long lines...). Input number i of seed s is always the same
// text, so any failure is reproduced by its seed and number.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeDockerfile } from '../../server/src/core/decode';

export const DEFAULT_FUZZ_SEED = 12;

/** The seed from STAGECRAFT_FUZZ_SEED, else `fallback`. */
export function fuzzSeed(fallback = DEFAULT_FUZZ_SEED): number {
  const fromEnv = process.env.STAGECRAFT_FUZZ_SEED;
  if (fromEnv === undefined || fromEnv === '') {
    return fallback;
  }
  const seed = Number(fromEnv);
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`STAGECRAFT_FUZZ_SEED must be an integer, not "${fromEnv}"`);
  }
  return seed;
}

export type Random = () => number;

/** mulberry32: a small, fast PRNG with a 32-bit state; uniform in [0, 1). */
export function prng(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The PRNG for input `index` of `seed`: independent of how many inputs ran before it. */
export function prngFor(seed: number, index: number): Random {
  return prng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}

const below = (random: Random, limit: number) => Math.floor(random() * limit);
const pick = <T>(random: Random, items: readonly T[]): T => items[below(random, items.length)];

export interface CorpusFile {
  name: string;
  text: string;
}

/** `STAGECRAFT_CORPUS` when set, else `../shared/corpus` from the project root. */
export function corpusDirectory(projectRoot: string): string {
  return process.env.STAGECRAFT_CORPUS ? path.resolve(process.env.STAGECRAFT_CORPUS) : path.resolve(projectRoot, '..', 'shared', 'corpus');
}

/** Every file of the corpus's manifest, decoded as the editor and the CLI decode them. */
export function loadCorpus(directory: string): CorpusFile[] {
  const rows = fs.readFileSync(path.join(directory, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1);
  return rows.map((row) => {
    const name = row.split('\t')[0];
    return { name, text: decodeDockerfile(fs.readFileSync(path.join(directory, 'files', name))) };
  });
}

const UNICODE = ['é', '\u{1F433}', '\u200B', '\u202E', '\uFEFF', '\uD800', '\uDFFF', '\u0301', 'Ａ', '\u2028', '\u0085', 'ß', '\u00A0', '\u3000'];
const FRAGMENTS = ['${', '$', '${a:-', '${a:+${b}}', '}', '$$', '${a/b/c}', '${#a}', '\\', '`', '"', "'", '[', ']', '<<EOF', '<<-EOT', '--from=', '--mount=from=', ' AS ', '#', '\t', '\r', '\r\n', '=', '\\\n'];
const LINES = [
  'FROM',
  'FROM ${IMAGE}',
  'FROM scratch',
  'FROM gcr.io/distroless/static-debian12:nonroot',
  'FROM s0 AS s0',
  'FROM 0',
  'AS',
  'ARG IMAGE=alpine:3.20',
  'ARG a=${a}${a}',
  'ENV A=$A$A B=${B:-${A}}',
  'COPY --from= a b',
  'COPY --from=0 / /',
  'COPY --from=nosuchstage /a /b',
  'COPY <<EOF /etc/x',
  'RUN <<EOF',
  'RUN <<-EOT bash',
  'RUN --mount=type=cache,from=s0,target=/x true',
  'EOF',
  'CMD',
  'CMD [',
  'CMD ["a", ',
  'ENTRYPOINT []',
  'USER',
  'USER root:root',
  'HEALTHCHECK CMD',
  'HEALTHCHECK NONE',
  'ONBUILD RUN x',
  'ONBUILD ONBUILD FROM x',
  'SHELL ["cmd", "/S", "/C"]',
  '# escape=`',
  '# escape=\\',
  '# syntax=docker/dockerfile:1',
  '# stagecraft-ignore single-stage-build',
  '# stagecraft-ignore-file',
  '# stagecraft: not-production',
  'WORKDIR',
  'VOLUME ["/data"',
  'LABEL a',
  'EXPOSE 80/tcp 1-2',
  'STOPSIGNAL',
  'MAINTAINER x',
  '\\',
];

export interface Mutant {
  text: string;
  /** The mutations applied, in order, e.g. "delete line 3", for the failure report. */
  steps: string[];
}

interface MutationContext {
  /** Another corpus file's text, for crossover. */
  donor(): string;
  longLineMax: number;
}

type Mutator = (text: string, random: Random, context: MutationContext) => [string, string];

function lineMutator(name: string, change: (lines: string[], at: number, random: Random, context: MutationContext) => void): Mutator {
  return (text, random, context) => {
    const lines = text.split('\n');
    const at = below(random, lines.length);
    change(lines, at, random, context);
    return [lines.join('\n'), `${name} at line ${at + 1}`];
  };
}

const MUTATORS: readonly Mutator[] = [
  (text, random) => {
    if (text.length === 0) return [text, 'byte flip (empty)'];
    const at = below(random, text.length);
    const flipped = String.fromCharCode((text.charCodeAt(at) ^ (1 << below(random, 8))) & 0xffff);
    return [text.slice(0, at) + flipped + text.slice(at + 1), `byte flip at offset ${at}`];
  },
  lineMutator('duplicate line', (lines, at) => {
    lines.splice(at, 0, lines[at]);
  }),
  lineMutator('delete line', (lines, at) => {
    lines.splice(at, 1);
  }),
  lineMutator('swap with next line', (lines, at) => {
    if (at + 1 < lines.length) [lines[at], lines[at + 1]] = [lines[at + 1], lines[at]];
  }),
  lineMutator('continuation backslash', (lines, at) => {
    lines[at] = `${lines[at]} \\`;
  }),
  lineMutator('heredoc marker', (lines, at, random) => {
    lines[at] = `${lines[at]} ${pick(random, ['<<EOF', '<<-EOT', '<<"EOF"', "<<'X'", '<<EOF <<EOT'])}`;
  }),
  lineMutator('instruction line', (lines, at, random) => {
    lines.splice(at, 0, pick(random, LINES));
  }),
  (text, random) => {
    const at = below(random, text.length + 1);
    const fragment = pick(random, FRAGMENTS);
    return [text.slice(0, at) + fragment + text.slice(at), `insert ${JSON.stringify(fragment)} at offset ${at}`];
  },
  (text, random) => {
    const at = below(random, text.length + 1);
    const char = pick(random, UNICODE);
    return [text.slice(0, at) + char + text.slice(at), `insert U+${char.charCodeAt(0).toString(16).padStart(4, '0')} at offset ${at}`];
  },
  (text, random) => {
    const at = below(random, text.length + 1);
    const control = pick(random, ['\u0000', '\u0001', '\u001b', '\u007f', '\u0008']);
    return [text.slice(0, at) + control + text.slice(at), `insert control U+${control.charCodeAt(0).toString(16).padStart(4, '0')} at offset ${at}`];
  },
  lineMutator('very long line', (lines, at, random, { longLineMax }) => {
    const length = 10_000 + below(random, Math.max(1, longLineMax - 10_000));
    lines.splice(at, 0, `RUN echo ${pick(random, ['a', '$a', '${a}', '\\ ', 'é'])}`.padEnd(length, pick(random, ['a', 'b ', '$', '\\'])));
  }),
  (text, random) => {
    const at = below(random, text.length + 1);
    return [text.slice(0, at), `truncate at offset ${at}`];
  },
  lineMutator('CRLF line end', (lines, at) => {
    lines[at] = `${lines[at]}\r`;
  }),
  (text, random, { donor }) => {
    const other = donor().split('\n');
    const from = below(random, other.length);
    const slice = other.slice(from, from + 1 + below(random, 10));
    const lines = text.split('\n');
    const at = below(random, lines.length + 1);
    lines.splice(at, 0, ...slice);
    return [lines.join('\n'), `insert ${slice.length} line(s) of another file at line ${at + 1}`];
  },
];

export interface MutantOptions {
  /** The longest line the long-line mutation inserts (default 200,000 characters). */
  longLineMax?: number;
}

/** Input `index` of `seed`: a corpus file with 1 to 4 mutations. */
export function mutant(corpus: readonly CorpusFile[], seed: number, index: number, options: MutantOptions = {}): Mutant & { file: string } {
  const random = prngFor(seed, index);
  const file = pick(random, corpus);
  const context: MutationContext = { donor: () => pick(random, corpus).text, longLineMax: options.longLineMax ?? 200_000 };
  let text = file.text;
  const steps: string[] = [];
  const count = 1 + below(random, 4);
  for (let i = 0; i < count; i++) {
    const [mutated, step] = pick(random, MUTATORS)(text, random, context);
    text = mutated;
    steps.push(step);
  }
  return { file: file.name, text, steps };
}
