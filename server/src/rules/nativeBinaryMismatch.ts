// Go and Rust binaries copied from a builder into a runtime whose libc cannot load them: a cgo
// binary linked against glibc in a musl or libc-less image, or against a newer glibc than the
// runtime's Debian has. Part of the builder-runtime-mismatch rule.
import { builderImageFor } from '../catalog/builders';
import { suggestRuntimeImage } from '../catalog/suggestions';
import { StageReference } from '../core/stages';
import { Builder, Problem, Runtime, builderText, describe, sourcesOf } from './builderRuntime';

/** Sources that are data, not the built program: certificates, time zones, users, config. */
const NOT_A_BINARY = /^\/(etc|usr\/share)(\/|$)|\.(json|ya?ml|toml|conf|cfg|ini|html?|css|js|md|txt|crt|pem|wasm)$/;

export function isBinaryCopy(reference: StageReference): boolean {
  const sources = sourcesOf(reference);
  return sources.length > 0 && sources.some((source) => !NOT_A_BINARY.test(source));
}

/** Why the runtime cannot load a binary linked against the builder's libc, or undefined if it can. */
function libcProblem(builder: Builder, runtime: Runtime): LibcProblem | undefined {
  const built = builder.facts.libc;
  const available = runtime.facts.libc;
  if (built === undefined || available === undefined) {
    return undefined;
  }
  if (available === 'none') {
    return { kind: 'no-libc', text: `${describe(runtime.image)} has no libc: it fails with "no such file or directory"` };
  }
  if (built !== available) {
    return { kind: 'other-libc', text: `${describe(runtime.image)} has ${available}, not ${built}: it fails with "no such file or directory"` };
  }
  const builtOn = builder.facts.debian;
  const runsOn = runtime.facts.debian;
  if (built === 'glibc' && builtOn !== undefined && runsOn !== undefined && builtOn > runsOn) {
    return {
      kind: 'older-glibc',
      text: `${describe(runtime.image)} (Debian ${runsOn}) has an older glibc than ${describe(builder.image)} (Debian ${builtOn}): it fails with "GLIBC_2.xx not found"`,
    };
  }
  return undefined;
}

interface LibcProblem {
  kind: 'no-libc' | 'other-libc' | 'older-glibc';
  /** Says what the runtime lacks and how the program fails. */
  text: string;
}

const GO_BUILD = /\bgo\s+(build|install)\b/;
const CGO_OFF = /\bCGO_ENABLED["']?(\s*=\s*|\s+)["']?0\b/;
/** Static linking or pure-Go networking requested, or tools that decide cgo themselves. */
const GO_STATIC = /-extldflags[^\n]*-static|\bnetgo\b|\bxx-go\b|\bgoreleaser\b|\bko\s+build\b|\bGOARCH=["']?wasm\b|\bGOOS=["']?(js|wasip1)\b/;
const C_COMPILER_INSTALL = /\b(apk|apt-get|apt|yum|dnf|microdnf)\b[^\n;&|]*\s(add|install)\b[^\n;&|]*\s(gcc|build-base|clang|build-essential)\b/;

export function goProblems(builder: Builder, runtime: Runtime): Problem[] {
  const text = builderText(builder);
  if (!GO_BUILD.test(text) || CGO_OFF.test(text) || GO_STATIC.test(text)) {
    return [];
  }
  // Go turns cgo off by itself when no C compiler is present (golang:alpine); the Debian golang images have gcc.
  const hasCompiler = builder.facts.libc === 'glibc' || C_COMPILER_INSTALL.test(text);
  const problem = hasCompiler ? libcProblem(builder, runtime) : undefined;
  if (!problem) {
    return [];
  }
  const why = builder.facts.libc === 'glibc' ? `${describe(builder.image)} has gcc` : 'the build installs a C compiler';
  const sameDebian = problem.kind === 'older-glibc' && runtime.facts.debian !== undefined ? builderImageFor('go', undefined, runtime.facts.debian) : undefined;
  return [
    {
      key: 'go',
      message:
        `The Go binary is built with cgo on (${why} and nothing sets CGO_ENABLED=0), so it is linked against ${builder.facts.libc} if it uses net or os/user, and ${problem.text}. ` +
        `Set ENV CGO_ENABLED=0 in the build stage${sameDebian ? `, or build on ${sameDebian}` : ''}.`,
    },
  ];
}

const CARGO_BUILD = /\bcargo\s+(build|install|auditable\s+build|chef\s+cook)\b/;
/** musl targets and static CRT link statically; zigbuild and cross pin their own glibc; wasm needs no libc. */
const RUST_STATIC = /-musl\b|crt-static|\bzigbuild\b|\bcross\s+build\b|\bwasm32-/;

export function rustProblems(builder: Builder, runtime: Runtime): Problem[] {
  // On Alpine the default target is musl, linked statically: it runs anywhere.
  if (builder.facts.libc !== 'glibc') {
    return [];
  }
  const text = builderText(builder);
  if (!CARGO_BUILD.test(text) || RUST_STATIC.test(text)) {
    return [];
  }
  const problem = libcProblem(builder, runtime);
  if (!problem) {
    return [];
  }
  const sameDebian = runtime.facts.debian !== undefined ? builderImageFor('rust', undefined, runtime.facts.debian) : undefined;
  const fix =
    problem.kind === 'older-glibc'
      ? `${sameDebian ? `Build on ${sameDebian}, or run` : 'Run'} on a Debian ${builder.facts.debian ?? 13} runtime`
      : `Run it on ${suggestRuntimeImage(builder.image.image).image}, or build for the x86_64-unknown-linux-musl target`;
  return [{ key: 'rust', message: `The Rust binary is linked against glibc, and ${problem.text}. ${fix}.` }];
}
