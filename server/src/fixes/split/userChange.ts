// What changes with the runtime's user: a numeric uid the deployment prepared folders for, and
// the home folder a command-line tool keeps its login and settings in.
import { Instruction } from 'dockerfile-ast';
import { substituteVariables } from '../../core/variables';
import { SplitPlan } from './recipe';

/**
 * A note when the original ran as a numeric non-root USER other than the runtime's: files and mounts
 * the deployment gave to that uid (a bind mount chowned on the host, a volume) are not the
 * runtime user's. `args`: the stage's ARG defaults, for `USER ${uid}`.
 */
export function userChangeNotes(instructions: Instruction[], plan: SplitPlan, args: ReadonlyMap<string, string | undefined>): string[] {
  const written = originalUser(instructions);
  if (written === undefined || plan.runtimeUser === '') {
    return [];
  }
  const substituted = substituteVariables(written, args);
  const value = substituted.unresolved ? written : substituted.text;
  const uid = value.split(':')[0];
  // A named user's uid is the image's or the build's to say (node is 1000 on the node images): only a number is compared.
  // The .NET chiseled images' $APP_UID is 1654 (dotnet/dotnet-docker: APP_UID=1654).
  const runtimeUid = plan.runtimeUser === '$APP_UID' ? '1654' : /^\d+/.exec(plan.runtimeUser)?.[0];
  if (!/^\d+$/.test(uid) || uid === '0' || uid === runtimeUid || runtimeUid === undefined) {
    return [];
  }
  const shown = value === written ? `USER ${written}` : `USER ${written} (${value} by default)`;
  return [`The original ran as ${shown}; the runtime runs as uid ${runtimeUid}. A host folder or volume the deployment gave to ${uid} (a bind mount chowned to it) is not writable by the runtime's user: give it to ${runtimeUid}, or set the runtime's USER to ${value}.`];
}

/**
 * An image that packages a published command-line tool (an ENTRYPOINT, no EXPOSE, nothing copied
 * from the build context: `gem install t`) and ran as root had HOME=/root: such a tool keeps its
 * login in its home, and users mount it at /root/.<tool> (review round 8: jessfraz's `t` and
 * `travis` images). As the runtime's user the tool looks in that user's home instead.
 */
export function homeChangeNotes(instructions: Instruction[], plan: SplitPlan): string[] {
  const keywords = new Set(instructions.map((instruction) => instruction.getKeyword()));
  const ranAsRoot = !ranAsNonRoot(instructions);
  const home = plan.runtimeUser.startsWith('65532') ? '/home/nonroot' : undefined;
  const copiesFromContext = instructions.some((instruction) => (instruction.getKeyword() === 'COPY' || instruction.getKeyword() === 'ADD') && !/--from[= ]/.test(instruction.getArgumentsContent() ?? ''));
  if (!ranAsRoot || !home || !keywords.has('ENTRYPOINT') || keywords.has('EXPOSE') || copiesFromContext || instructions.some((instruction) => instruction.getKeyword() === 'ENV' && /\bHOME[= ]/.test(instruction.getArgumentsContent() ?? ''))) {
    return [];
  }
  return [`The tool ran as root with HOME=/root; the runtime's user has HOME=${home}. Settings or a login it keeps in its home (mounted at /root/.<tool> by docker run -v) must be mounted under ${home} instead, readable by uid 65532.`];
}

/** The original's last USER as written (`1000:1000`, `node`), or undefined when it sets none. */
export function originalUser(instructions: Instruction[]): string | undefined {
  return instructions.filter((instruction) => instruction.getKeyword() === 'USER').pop()?.getArgumentsContent()?.trim();
}

/** Whether the original's last USER is someone other than root. */
export function ranAsNonRoot(instructions: Instruction[]): boolean {
  const user = originalUser(instructions)?.split(':')[0];
  return user !== undefined && user !== 'root' && user !== '0';
}
