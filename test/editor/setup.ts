// Preparing what the editor tests run: code-server itself, scratch folders, user settings, the vsix.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot, settingsFile } from './paths';

/**
 * Longest a synchronous step may take. Mocha cannot time out a hook or test blocked in spawnSync,
 * so without this a hung install would hang the whole run.
 */
const RUN_LIMIT_MS = 15 * 60_000;

/** Runs a command to completion; on failure the error carries its output, which is hidden otherwise. */
export function runOrThrow(command: string, args: string[], cwd = projectRoot): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: RUN_LIMIT_MS, killSignal: 'SIGKILL' });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.slice(-4000);
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
  }
  return result.stdout;
}

let entry: string | undefined;
/** Path of code-server's entry.js, installed (and cached) by scripts/install-code-server.sh. */
export function codeServerEntry(): string {
  if (!entry) {
    const printed = runOrThrow('bash', [path.join(projectRoot, 'scripts', 'install-code-server.sh')]);
    entry = printed.trim().split('\n').pop() ?? '';
    if (!fs.existsSync(entry)) {
      throw new Error(`install-code-server.sh printed no entry.js: ${printed}`);
    }
  }
  return entry;
}

let scratch: string | undefined;
/** A fresh folder under this run's scratch folder, removed by shutdownEditorHarness(). */
export function scratchDir(name: string): string {
  scratch ??= fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-editor-'));
  return fs.mkdtempSync(path.join(scratch, `${name}-`));
}

/** User settings that keep the workbench quiet: no welcome page, walkthroughs, chat or prompts. */
export function writeUserSettings(userDataDir: string): void {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.copyFileSync(settingsFile, path.join(userDataDir, 'User', 'settings.json'));
}

export function installVsix(extensionsDir: string, userDataDir: string, vsix: string): void {
  runOrThrow(process.execPath, [
    codeServerEntry(),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--install-extension', vsix,
    '--force',
  ]);
}

/** Removes this run's scratch folder (synchronously, so it also works from an exit handler). */
export function removeScratch(): void {
  if (scratch) {
    fs.rmSync(scratch, { recursive: true, force: true });
    scratch = undefined;
  }
}
