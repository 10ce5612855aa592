// Folders the compose services that build this folder (composeServices.ts) mount into the
// container, for every recipe: the original started as root and could write any mount; the
// runtime runs as a non-root user. A bind mount shows the host folder with the host's owner,
// which the split cannot know; a named or anonymous volume starts as a copy of the image's
// folder (owner included), so it is writable only where the runtime image gives that folder to
// its user. `volumes:` is read in short or long syntax.
import { Instruction } from 'dockerfile-ast';
import { BuildContext } from '../fix';
import { ComposeService, servicesBuiltHere } from './composeServices';
import { SplitPlan } from './recipe';
import { ranAsNonRoot } from './userChange';

/** Paths a non-root user can write in the runtimes without help (see runTimeWrites.ts). */
const WRITABLE_ALREADY = /^\/(tmp|dev|proc|home\/nonroot)(\/|$)/;

interface Mount {
  file: string;
  service: string;
  kind: 'bind' | 'volume';
  /** The host folder or the volume's name (empty for an anonymous volume). */
  source: string;
  target: string;
}

/** Notes for the mounts of services built from this folder that the runtime's user may not write. */
export function composeMountNotes(context: BuildContext | undefined, instructions: Instruction[], plan: SplitPlan): string[] {
  if (!context || ranAsNonRoot(instructions) || plan.runtimeUser === '') {
    return []; // the original's user had the same access as the runtime's (or it is the same user)
  }
  const user = /^\d+/.exec(plan.runtimeUser)?.[0];
  const who = user ? `uid ${user}` : plan.runtimeUser;
  const owned = plan.artifacts.filter((artifact) => artifact.chown !== undefined).map((artifact) => artifact.target.replace(/\/+$/, ''));
  const notes: string[] = [];
  for (const service of servicesBuiltHere(context)) {
    for (const mount of mountsOf(service)) {
      const where = `${mount.file} (service ${mount.service})`;
      if (mount.kind === 'bind') {
        notes.push(`${where} bind-mounts ${mount.source} at ${mount.target}: the container sees the host folder with its host owner, which the split cannot know. The original container started as root, the runtime runs as ${who}: if the app writes there, give the host folder to ${who} (or set the service's user: to the folder's owner).`);
      } else if (!WRITABLE_ALREADY.test(mount.target) && !owned.includes(mount.target.replace(/\/+$/, ''))) {
        notes.push(`${where} mounts ${mount.source === '' ? 'an anonymous volume' : `the volume ${mount.source}`} at ${mount.target}, which a new volume takes root-owned from the runtime image. The original container started as root, the runtime runs as ${who}: if the app writes there, copy that folder into the runtime with --chown=${plan.runtimeUser}.`);
      }
    }
  }
  return notes;
}

/** The writable mounts of a service (one without its own `user:`). */
function mountsOf(service: ComposeService): Mount[] {
  const { body, indentOf } = service;
  if (body.some((line) => /^\s*user:\s*\S/.test(line) && indentOf(line) === indentOf(body[0]))) {
    return []; // the service chose its user: the mounts are that user's to write
  }
  return volumesOf(body, indentOf).map((mount) => ({ ...mount, file: service.file, service: service.name }));
}

function volumesOf(body: string[], indentOf: (line: string) => number): Omit<Mount, 'file' | 'service'>[] {
  const at = body.findIndex((line) => /^\s*volumes:\s*$/.test(line) && indentOf(line) === indentOf(body[0]));
  if (at < 0) {
    return [];
  }
  const keyIndent = indentOf(body[at]);
  const items: string[][] = [];
  for (let index = at + 1; index < body.length && (indentOf(body[index]) > keyIndent || body[index].trimStart().startsWith('- ')) && indentOf(body[index]) >= keyIndent; index++) {
    const line = body[index].trim();
    if (line.startsWith('- ')) {
      items.push([line.slice(2).trim()]);
    } else {
      items[items.length - 1]?.push(line);
    }
  }
  const found: Omit<Mount, 'file' | 'service'>[] = [];
  for (const item of items) {
    const unquote = (value: string) => value.trim().replace(/^["']|["']$/g, '');
    if (/^\w+:\s/.test(item[0]) || /^\w+:$/.test(item[0])) {
      const field = (name: string) => unquote(item.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1) ?? '');
      const target = field('target');
      if (target.startsWith('/') && field('read_only') !== 'true' && /^(bind|volume|)$/.test(field('type'))) {
        found.push({ kind: field('type') === 'bind' ? 'bind' : 'volume', source: field('source'), target });
      }
      continue;
    }
    const parts = unquote(item[0]).split(':');
    const [source, target, mode] = parts.length === 1 ? ['', parts[0], ''] : parts;
    if (target?.startsWith('/') && !/(^|,)ro(,|$)/.test(mode ?? '')) {
      found.push({ kind: /^[./~$]/.test(source) ? 'bind' : 'volume', source, target });
    }
  }
  return found;
}
