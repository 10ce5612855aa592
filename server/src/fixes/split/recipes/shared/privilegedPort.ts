// Which EXPOSEd port a non-root runtime could not bind without help (ports below 1024), so that
// the split can say so in its notes.

/** The first port below 1024 among an EXPOSE's values (`80`, `443/tcp`), as written. */
export function firstPrivilegedPort(exposed: readonly string[]): string | undefined {
  return exposed.map((value) => value.split('/')[0]).find((port) => /^\d+$/.test(port) && Number(port) < 1024);
}
