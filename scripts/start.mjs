// `npm start`: try Stagecraft in VS Code in the browser. Installs code-server (cached), packages
// the extension, installs the vsix into a dedicated extensions folder and serves code-server on
// 127.0.0.1:${STAGECRAFT_PORT:-8080} with examples/ open, in the foreground until Ctrl+C.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout } from 'node:timers';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.STAGECRAFT_PORT ?? 8080);
const home = path.join(process.env.STAGECRAFT_CACHE ?? path.join(os.homedir(), '.cache', 'stagecraft'), 'start');
const userDataDir = path.join(home, 'user-data');
const extensionsDir = path.join(home, 'extensions');
const examples = path.join(root, 'examples');

const log = (message) => console.log(`[start] ${message}`);

log('installing code-server (cached after the first time)');
const entry = execFileSync('bash', [path.join(root, 'scripts', 'install-code-server.sh')], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
})
  .trim()
  .split('\n')
  .pop();

log('building and packaging stagecraft.vsix');
execFileSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });

// The same quiet settings as the editor tests; only written once, so a user's changes stay.
const settings = path.join(userDataDir, 'User', 'settings.json');
if (!fs.existsSync(settings)) {
  fs.mkdirSync(path.dirname(settings), { recursive: true });
  fs.copyFileSync(path.join(root, 'scripts', 'code-server-settings.json'), settings);
}

log(`installing the vsix into ${extensionsDir}`);
fs.mkdirSync(extensionsDir, { recursive: true });
execFileSync(
  process.execPath,
  [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', path.join(root, 'stagecraft.vsix'), '--force'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);

const child = spawn(
  process.execPath,
  [
    entry,
    ...JSON.parse(fs.readFileSync(path.join(root, 'scripts', 'code-server-flags.json'), 'utf8')).flags,
    '--bind-addr', `127.0.0.1:${port}`,
    '--config', path.join(home, 'config.yaml'),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    examples,
  ],
  // Its own process group, so stopping reaches the extension host and language server too.
  { detached: true, stdio: ['ignore', 'inherit', 'inherit'] },
);

let stopping = false;
function stop(signal) {
  if (stopping) {
    return;
  }
  stopping = true;
  log('stopping code-server');
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
  // A second Ctrl+C, or a server that ignores SIGTERM, ends everything at once.
  setTimeout(() => killGroup('SIGKILL'), 10_000).unref();
}
function killGroup(signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}
process.on('SIGINT', () => (stopping ? killGroup('SIGKILL') : stop('SIGTERM')));
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('exit', () => killGroup('SIGKILL'));

child.on('exit', (code, signal) => {
  killGroup('SIGKILL');
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});

// Say where to go once it answers, not before (a cold start takes a few seconds).
const url = `http://127.0.0.1:${port}/?folder=${encodeURI(examples)}`;
const deadline = Date.now() + 120_000;
for (;;) {
  if (stopping || child.exitCode !== null) {
    break;
  }
  try {
    if ((await globalThis.fetch(`http://127.0.0.1:${port}/healthz`)).ok) {
      log(`Stagecraft is ready: open ${url}  (Ctrl+C to stop)`);
      break;
    }
  } catch {
    // Not listening yet.
  }
  if (Date.now() > deadline) {
    log(`code-server did not answer on port ${port} within 120 s`);
    stop('SIGTERM');
    break;
  }
  await delay(250);
}
