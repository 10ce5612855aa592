// The "How to debug this image" part of the hover on a shell-less runtime image: the image's own
// debug variant (or why there is none and what to use instead), an ephemeral container in
// Kubernetes, and `docker debug`. Markdown; the commands are the ones docs/debugging-distroless.md
// explains.
import { ImageLookup } from '../catalog/catalog';
import { debugVariantOf } from '../catalog/debugVariants';
import { ImageReference } from '../core/imageReference';

/** The busybox image the commands attach: a fixed version, so the command does the same thing tomorrow. */
export const DEBUG_CONTAINER_IMAGE = 'busybox:1.37';

export const MAKE_DEBUGGABLE_TITLE = 'Make the runtime debuggable';

/** Undefined when the image has a shell (then `docker exec` works and there is nothing to say). */
export function debugHelp(image: ImageReference, lookup: ImageLookup, docsUrl: string | undefined): string | undefined {
  if (lookup.facts.hasShell !== false) {
    return undefined;
  }
  const lines = ['**How to debug this image** (it has no shell, so `docker exec ... sh` fails):'];
  const variant = debugVariantOf(image, lookup);
  if (variant?.kind === 'tag') {
    lines.push(
      `- Debug build: \`${variant.reference}\` is the same image with a shell (\`${variant.shell}\`); build with it to debug, never ship it. ` +
        `The code action "${MAKE_DEBUGGABLE_TITLE}" turns the tag into a build argument.`,
    );
  } else if (variant?.kind === 'none') {
    lines.push(`- ${variant.instead}`);
  }
  lines.push(
    `- Kubernetes: \`kubectl debug -it <pod> --image=${DEBUG_CONTAINER_IMAGE} --target=<container>\` adds an ephemeral container that sees the app's processes (its files under \`/proc/1/root\`).`,
    '- Docker: `docker debug <container>` brings its own shell and tools (needs Docker Desktop; before 4.49, a paid subscription).',
  );
  if (docsUrl) {
    lines.push('', `[Debugging distroless images](${docsUrl})`);
  }
  return lines.join('\n');
}
