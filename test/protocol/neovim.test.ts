// Neovim as a real, non-VS Code LSP client: `nvim --headless --clean` with a small Lua config
// (test/protocol/neovim/init.lua) starts `node dist/server.js --stdio` for `dockerfile` buffers,
// waits for the server's diagnostics, writes them as JSON and quits. Needs `nvim` on PATH
// (Debian package `neovim`; 0.7 and later) and a built server (`npm run build`).
import * as assert from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The project root, from `out/test/protocol` (compiled) or `test/protocol` (sources). */
const PROJECT_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
const SERVER = path.join(PROJECT_ROOT, 'dist', 'server.js');
const INIT_LUA = path.join(PROJECT_ROOT, 'test', 'protocol', 'neovim', 'init.lua');
const NVIM = process.env.STAGECRAFT_NVIM ?? 'nvim';

/** How long init.lua waits for diagnostics inside Neovim. */
const DIAGNOSTICS_TIMEOUT_MS = 10_000;
/** Hard limit for the whole Neovim run; past it the process group is killed. */
const NVIM_TIMEOUT_MS = 20_000;

const PYTHON_SINGLE_STAGE = [
  'FROM python:3.12-slim',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'COPY . .',
  'CMD ["python", "main.py"]',
  '',
].join('\n');

const GO_MULTISTAGE_DISTROLESS = [
  'FROM golang:1.26 AS build',
  'WORKDIR /src',
  'COPY go.mod go.sum ./',
  'RUN go mod download',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /app ./cmd/app',
  '',
  'FROM gcr.io/distroless/static-debian13:nonroot',
  'COPY --from=build /app /app',
  'USER 65532:65532',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

/** What init.lua writes. */
interface NeovimResult {
  nvim?: string;
  filetype?: string;
  uri?: string;
  client_started?: boolean;
  start_error?: string;
  published?: boolean;
  client_alive?: boolean;
  diagnostics?: { code?: string | number; message: string; severity: number; lnum: number; col: number }[] | Record<string, never>;
  server_messages?: string[] | Record<string, never>;
  error?: string;
}

interface NeovimRun {
  result: NeovimResult;
  codes: string[];
}

/** Runs Neovim on `<dir>/Dockerfile` containing `text`; resolves with what init.lua reported. */
async function runNeovim(dir: string, text: string): Promise<NeovimRun> {
  fs.mkdirSync(dir, { recursive: true });
  const dockerfile = path.join(dir, 'Dockerfile');
  const resultFile = path.join(dir, 'result.json');
  fs.writeFileSync(dockerfile, text);

  // Own process group, so a timeout can kill Neovim and the server it started together.
  const nvim = spawn(NVIM, ['--headless', '--clean', '-n', '-i', 'NONE', '-u', INIT_LUA, dockerfile], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      STAGECRAFT_NODE: process.execPath,
      STAGECRAFT_SERVER: SERVER,
      STAGECRAFT_RESULT: resultFile,
      STAGECRAFT_TIMEOUT_MS: String(DIAGNOSTICS_TIMEOUT_MS),
    },
  });
  let output = '';
  nvim.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  nvim.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(nvim.pid);
      reject(new Error(`nvim did not finish within ${NVIM_TIMEOUT_MS} ms; output:\n${output}`));
    }, NVIM_TIMEOUT_MS);
    nvim.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    nvim.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });

  if (!fs.existsSync(resultFile)) {
    assert.fail(`nvim exited with ${exitCode} without writing ${resultFile}; output:\n${output}`);
  }
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as NeovimResult;
  assert.strictEqual(result.error, undefined, `init.lua failed: ${result.error}\n${output}`);
  assert.strictEqual(exitCode, 0, `nvim exited with ${exitCode}; output:\n${output}`);
  assert.strictEqual(result.filetype, 'dockerfile', 'Neovim did not detect the dockerfile filetype');
  assert.strictEqual(result.start_error, undefined, `starting the client failed: ${result.start_error}`);
  assert.strictEqual(result.client_started, true, 'the LSP client was not started');
  assert.strictEqual(
    result.published,
    true,
    result.client_alive
      ? `no textDocument/publishDiagnostics within ${DIAGNOSTICS_TIMEOUT_MS} ms; output:\n${output}`
      : `the server exited before publishing diagnostics; output:\n${output}`,
  );
  assert.strictEqual(result.client_alive, true, 'the server stopped before the diagnostics were read');
  const diagnostics = Array.isArray(result.diagnostics) ? result.diagnostics : [];
  return { result, codes: diagnostics.map((diagnostic) => String(diagnostic.code)) };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) {
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

describe('Neovim as LSP client (nvim --headless)', function () {
  this.timeout(NVIM_TIMEOUT_MS + 10_000);
  let tempDir: string;

  before(function () {
    const version = spawnSync(NVIM, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    assert.ok(
      version.status === 0,
      `"${NVIM}" is not runnable (${version.error?.message ?? `exit ${version.status}`}); install the Debian package neovim`,
    );
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing; run npm run build first`);
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-nvim-'));
  });

  after(function () {
    if (tempDir) {
      fs.rmSync(tempDir, { recursive: true, force: true });
    }
  });

  it('reports single-stage-build and runtime-not-distroless for a single-stage Python Dockerfile', async function () {
    const { codes } = await runNeovim(path.join(tempDir, 'python'), PYTHON_SINGLE_STAGE);
    assert.ok(codes.includes('single-stage-build'), `codes: ${codes.join(', ')}`);
    assert.ok(codes.includes('runtime-not-distroless'), `codes: ${codes.join(', ')}`);
  });

  it('reports neither for a multistage Go build on distroless static nonroot', async function () {
    const { codes } = await runNeovim(path.join(tempDir, 'go'), GO_MULTISTAGE_DISTROLESS);
    assert.ok(!codes.includes('single-stage-build'), `codes: ${codes.join(', ')}`);
    assert.ok(!codes.includes('runtime-not-distroless'), `codes: ${codes.join(', ')}`);
  });
});
