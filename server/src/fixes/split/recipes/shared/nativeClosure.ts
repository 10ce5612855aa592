// The native closure: the shared libraries a runtime image lacks, found at build time instead of
// guessed. In the builder (Debian: a shell and ldd), ldd lists every library the runtime's
// binaries or extension modules load, transitively; those the runtime image has (the catalog's
// `sharedLibraries`, glibc always) are left out, the others are copied (symlinks dereferenced,
// under the name the loader asks for) into /runtime-libs, which the runtime copies and finds
// through LD_LIBRARY_PATH (distroless has no shell to run ldconfig; the loader reads the variable).
// A library ldd reports `not found`, or one the catalog says the runtime must not expect, stops
// the build with its name: the image never ships without it. The builder must run the runtime's
// Debian release (the recipes check it), so the libraries it copies match those it leaves out.
// Not seen: libraries loaded later with dlopen (plugins), which the note says.
import { lookupImage } from '../../../../catalog/catalog';
import { GLIBC_SONAMES } from '../../../../catalog/sharedLibraries';
import { parseImageReference } from '../../../../core/imageReference';
import { Artifact } from '../../recipe';

/** Where the builder collects the libraries and the runtime finds them. */
export const RUNTIME_LIBS = '/runtime-libs';

export interface NativeClosure {
  /** Lines for the end of the builder: a comment, then the RUN that fills RUNTIME_LIBS. */
  builderLines: string[];
  /** The folder the runtime copies. */
  artifact: Artifact;
  /** The runtime's ENV line(s). */
  runtimeEnv: string[];
  /** The runtime note: what the closure does. */
  note: string;
}

export interface ClosureTargets {
  /** The runtime image the libraries are for (a full reference). */
  runtimeImage: string;
  /** Executables the runtime runs (absolute paths in the builder). */
  binaries?: string[];
  /** Folders whose `*.so` and `*.so.*` files the runtime loads (a venv): libraries inside them travel with them. */
  folders?: string[];
  /** How the note and the comment name what is scanned (`the binary`, `the venv's extension modules`). */
  subject: string;
  /** The build's own LD_LIBRARY_PATH (an ENV the runtime copies): kept after RUNTIME_LIBS. */
  ldLibraryPath?: boolean;
  /**
   * The build installs ncurses: when the closure copies its library, the terminal database it
   * reads (terminfo) goes along, since distroless has none and `initscr()` fails without it.
   */
  terminfo?: boolean;
}

/** Where the copied terminal database lands; TERMINFO_DIRS points ncurses there. */
const RUNTIME_TERMINFO = `${RUNTIME_LIBS}/terminfo`;

/** A shell `case` arm per line holds at most this many characters of patterns, for reading. */
const PATTERNS_PER_LINE = 104;

/** The closure for a runtime image, or why there is none (the catalog does not know its libraries, or it has no libc). */
export function nativeClosure(targets: ClosureTargets): NativeClosure | string {
  const image = parseImageReference(targets.runtimeImage);
  const libraries = image && lookupImage(image).facts.sharedLibraries;
  const imageName = targets.runtimeImage.replace(/:nonroot$/, '');
  if (!libraries) {
    return `the split does not know which shared libraries ${imageName} ships`;
  }
  if (libraries.sonames.length === 0) {
    return `${imageName} has no C library to load shared libraries with`;
  }
  const paths = [...(targets.binaries ?? []), ...(targets.folders ?? [])];
  if (paths.length === 0 || paths.some((path) => !/^\/[\w./+@-]*$/.test(path))) {
    return 'the split cannot name the files to scan';
  }
  const folders = targets.folders ?? [];
  const scans = [
    ...(targets.binaries && targets.binaries.length > 0 ? [`ldd ${targets.binaries.join(' ')}`] : []),
    // Extension modules, and programs pip built into the venv (uWSGI links libpython and libxml2).
    ...(folders.length > 0 ? [`find ${folders.join(' ')} -type f \\( -name '*.so' -o -name '*.so.*' -o -perm -u+x \\) -exec ldd {} +`] : []),
  ];
  const lddLines = scans.length === 1
    ? [`    ${scans[0]} > /tmp/ldd.txt 2>/dev/null || true; \\`]
    : [`    { ${scans.join('; ')}; } > /tmp/ldd.txt 2>/dev/null || true; \\`];
  const lacking = (libraries.lacks ?? []).map(({ soname, note }) => `        ${soname}) echo "$name: ${imageName} does not ship it (${shellSafe(note)}); choose a runtime image that does." >&2; exit 1 ;; \\`);
  const builderLines = [
    `# The shared libraries ldd lists for ${targets.subject} that ${imageName} lacks, copied into ${RUNTIME_LIBS} (glibc stays the runtime's); a library ldd cannot find stops the build.`,
    `RUN set -eu; mkdir -p ${RUNTIME_LIBS}; \\`,
    ...lddLines,
    `    if grep '=> not found' /tmp/ldd.txt >&2; then echo 'ldd finds no file for the libraries above: install them in this stage, then build again.' >&2; exit 1; fi; \\`,
    `    grep '=> /' /tmp/ldd.txt | while read -r name _ path _; do \\`,
    ...(folders.length > 0 ? [`      case "$path" in ${folders.map((folder) => `${folder}/*`).join('|')}) continue ;; esac; \\`] : []),
    '      case "$name" in \\',
    ...caseArms(libraries.sonames.filter((soname) => GLIBC_SONAMES.includes(soname))),
    ...caseArms(libraries.sonames.filter((soname) => !GLIBC_SONAMES.includes(soname))),
    ...lacking,
    `        *) [ -e "${RUNTIME_LIBS}/$name" ] || cp -L "$path" "${RUNTIME_LIBS}/$name" ;; \\`,
    '      esac; \\',
    '    done; \\',
    ...(targets.terminfo
      ? [
        `    if ls ${RUNTIME_LIBS} | grep -Eq '^lib(ncurses|tinfo)'; then mkdir -p ${RUNTIME_TERMINFO}; \\`,
        `      for dir in /lib/terminfo /usr/share/terminfo /etc/terminfo; do if [ -d "$dir" ]; then cp -a "$dir/." ${RUNTIME_TERMINFO}/; fi; done; \\`,
        '    fi; \\',
      ]
      : []),
    '    rm /tmp/ldd.txt',
  ];
  return {
    builderLines,
    artifact: { source: RUNTIME_LIBS, target: RUNTIME_LIBS },
    runtimeEnv: [
      `ENV LD_LIBRARY_PATH=${RUNTIME_LIBS}${targets.ldLibraryPath ? ':$LD_LIBRARY_PATH' : ''}`,
      ...(targets.terminfo ? [`ENV TERMINFO_DIRS=${RUNTIME_TERMINFO}`] : []),
    ],
    note: `Copies the shared libraries ldd lists for ${targets.subject} in the build stage that ${imageName} lacks (glibc stays the runtime's) into ${RUNTIME_LIBS}, on LD_LIBRARY_PATH; the build stops if ldd cannot find one. Libraries opened later with dlopen (plugins) are not seen.${targets.terminfo ? ` With ncurses comes its terminal database (terminfo), which ${imageName} lacks, into ${RUNTIME_TERMINFO} (TERMINFO_DIRS).` : ''}`,
  };
}

/** `pattern|pattern) ;;` arms that leave the runtime's own libraries out (glibc's, then the image's), a readable line each. */
function caseArms(sonames: readonly string[]): string[] {
  if (sonames.length === 0) {
    return []; // an empty pattern list is a shell syntax error
  }
  const arms: string[][] = [[]];
  for (const soname of sonames) {
    const current = arms[arms.length - 1];
    if (current.length > 0 && [...current, soname].join('|').length > PATTERNS_PER_LINE) {
      arms.push([soname]);
    } else {
      current.push(soname);
    }
  }
  return arms.map((patterns) => `        ${patterns.join('|')}) ;; \\`);
}

/** Text for a double-quoted echo: no quote, $, backquote or backslash. */
function shellSafe(text: string): string {
  return text.replace(/["$`\\]/g, '');
}

/**
 * Whether libraries copied from a build on Debian `release` load on the distroless Debian 13
 * runtime: 13 itself, and 12, whose libraries link an older glibc and OpenSSL 3, which the
 * runtime's newer ones still serve (both keep their ABI). Debian 11 has OpenSSL 1.1, the
 * recipes' own concern; anything newer than 13 could need symbols the runtime lacks.
 */
export function closureDebian(release: number | undefined): boolean {
  return release === 12 || release === 13;
}
