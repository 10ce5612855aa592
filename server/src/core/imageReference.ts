// Parsing of image references such as `gcr.io/distroless/static-debian13:nonroot@sha256:...`
// into registry, repository, tag and digest, following the Docker reference grammar
// loosely: we only need to classify images, not validate them.

export interface ImageReference {
  /** The reference as written after variable substitution. */
  text: string;
  /** Registry host, or undefined for Docker Hub (implicit). */
  registry?: string;
  /** Repository path without registry, e.g. `distroless/static-debian13` or `python`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Docker Hub's aliases, normalised away so `docker.io/library/python` classifies as `python`. */
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export function parseImageReference(text: string): ImageReference | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || /\s/.test(trimmed)) {
    return undefined;
  }
  let rest = trimmed;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash > 0) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first.toLowerCase();
      rest = rest.slice(firstSlash + 1);
    }
  }
  if (registry !== undefined && DOCKER_HUB_HOSTS.has(registry)) {
    registry = undefined;
  }
  let repository = rest.toLowerCase();
  if (registry === undefined && repository.startsWith('library/')) {
    repository = repository.slice('library/'.length);
  }
  if (repository === '') {
    return undefined;
  }
  return { text: trimmed, registry, repository, tag, digest };
}

/** `registry/repository` as one lowercase string, for pattern matching against the catalog. */
export function imageName(ref: ImageReference): string {
  return ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
}
