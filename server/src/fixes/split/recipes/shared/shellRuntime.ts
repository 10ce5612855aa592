// What a recipe does with a start that needs a shell (shellStart.ts) once it has picked a runtime
// that has one: keep the start as written, copy the scripts it runs, and say so in the notes. For
// a compiled binary (Go, the native fallback) that runtime is debian:trixie-slim, the base of the
// official -slim images, with what distroless would have given the binary (CA certificates, time
// zones), the tools the script runs that the build installed, and the non-root user 65532.
import { shellToExecForm } from '../../../../core/commands';
import { isInside } from '../../../../rules/buildArtifacts';
import { Artifact, StartCommand, StartKeyword } from '../../recipe';
import { installLines, nonRootUserLines } from './osPackages';
import { ShellStart, shellWriteLines } from './shellStart';
import { DISTROLESS_NONROOT } from './splitHelpers';

/** What distroless static, base and cc have and debian:trixie-slim lacks: TLS roots and time zones. */
export const DISTROLESS_EXTRAS = ['ca-certificates', 'tzdata'];

/** Whether a start command is the shell start the check kept: its exec words, or its shell form read as words (`CMD bash run.sh`). */
export function keepsShellStart(command: { keyword: StartKeyword; words: string[] }, shell: ShellStart | undefined): boolean {
  if (!shell || command.keyword !== shell.keyword) {
    return false;
  }
  const words = 'words' in shell.start ? shell.start.words : shellToExecForm(shell.start.shellForm);
  return words !== undefined && words.join('\0') === command.words.join('\0');
}

/** For SplitPlan.adaptShellStart: the kept shell-form start stays as written. */
export function keepsShellForm(keyword: StartKeyword, shell: ShellStart | undefined): boolean {
  return shell !== undefined && shell.keyword === keyword && 'shellForm' in shell.start;
}

/** A CMD the kept ENTRYPOINT script runs with `exec "$@"`: it stays as written (the check found its program on the runtime). */
export function passedToShellStart(command: StartCommand, shell: ShellStart | undefined): boolean {
  return shell !== undefined && shell.passesArguments && shell.keyword === 'ENTRYPOINT' && command.keyword === 'CMD';
}

/** The start's scripts outside the folders the runtime copies: copied from the builder, mode kept. */
export function shellScriptArtifacts(shell: ShellStart | undefined, artifacts: Artifact[]): Artifact[] {
  return (shell?.scripts ?? [])
    .filter((script) => !artifacts.some((artifact) => artifact.source === artifact.target && isInside(script, artifact.target)))
    .map((script) => ({ source: script, target: script }));
}

/** The note that says why the runtime has a shell, and what it keeps. */
export function shellStartNote(shell: ShellStart, runtimeImage: string, appCommands: string): string {
  const installs = shell.packages.length > 0 ? `, with ${shell.packages.join(', ')} installed as the build did for the tools it runs` : '';
  // Plain words (`bash run.sh`) are written in exec form: the same command, without `/bin/sh -c` around it.
  const kept = 'shellForm' in shell.start && shellToExecForm(shell.start.shellForm) !== undefined ? 'kept (in exec form, the same words)' : 'kept as written';
  return `Not distroless: the start needs a shell, which distroless lacks. The start runs ${shell.what}, ${kept}: ${runtimeImage} has its shell and the commands it runs${installs}; ${appCommands}.`;
}

/** For a binary's runtime: what the start would get without the shell. */
export function withoutShellNote(distroless: string): string {
  return `A start that needs no shell (exec form, the binary itself) gets ${distroless} instead.`;
}

/**
 * The first lines of a binary's debian:trixie-slim runtime: `packages` (with CA certificates and
 * time zones), the non-root user 65532, and the files the start writes, owned by it.
 */
export function binaryShellSetup(shell: ShellStart, packages: string[]): string[] {
  const installed = [...new Set([...packages, ...shell.packages, ...DISTROLESS_EXTRAS])];
  return [...installLines('debian', installed), ...nonRootUserLines('debian'), ...shellWriteLines(shell.writes, DISTROLESS_NONROOT)];
}
