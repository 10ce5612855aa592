// The two servers compared, their client configuration and the capabilities the bench client announces.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { ROOT } from './options.mjs';

const require = createRequire(import.meta.url);

export const OTHER_PACKAGE_DIR = path.dirname(require.resolve('dockerfile-language-server-nodejs/package.json'));

/** What VS Code answers with the Docker extension's defaults (all "warning", see its README). */
export const DOCKER_DIAGNOSTICS_DEFAULTS = {
  deprecatedMaintainer: 'warning',
  directiveCasing: 'warning',
  emptyContinuationLine: 'warning',
  instructionCasing: 'warning',
  instructionCmdMultiple: 'warning',
  instructionEntrypointMultiple: 'warning',
  instructionHealthcheckMultiple: 'warning',
  instructionJSONInSingleQuotes: 'warning',
  instructionWorkdirRelative: 'warning',
};

/**
 * The Node.js options the VS Code client starts Stagecraft's server with (server/src/nodeFlags.ts,
 * compiled to out/ by `npm run bench`'s `tsc -p .`): the bench runs the server as the extension does.
 */
const STAGECRAFT_NODE_FLAGS = stagecraftNodeFlags();

function stagecraftNodeFlags() {
  const compiled = path.join(ROOT, 'out', 'server', 'src', 'nodeFlags.js');
  if (!fs.existsSync(compiled)) {
    console.error(`bench: ${path.relative(ROOT, compiled)} is missing (run npx tsc -p .)`);
    process.exit(2);
  }
  return require(compiled).SERVER_NODE_FLAGS;
}

/** Each server's script, which the bench checks for before it starts. */
const STAGECRAFT_SCRIPT = path.join(ROOT, 'dist', 'server.js');
const OTHER_SCRIPT = path.join(OTHER_PACKAGE_DIR, 'bin', 'docker-langserver');

export const SERVERS = [
  {
    id: 'stagecraft',
    label: 'Stagecraft',
    version: readJson(path.join(ROOT, 'package.json')).version,
    script: STAGECRAFT_SCRIPT,
    command: [process.execPath, ...STAGECRAFT_NODE_FLAGS, STAGECRAFT_SCRIPT, '--stdio'],
    // No fixed delay: it analyses as soon as it is free (see server/src/lsp/analysisScheduler.ts).
    debounceMs: 0,
    configuration: { stagecraft: { enable: true, rules: {} } },
  },
  {
    id: 'docker-langserver',
    label: 'docker-langserver',
    version: readJson(path.join(OTHER_PACKAGE_DIR, 'package.json')).version,
    script: OTHER_SCRIPT,
    command: [process.execPath, OTHER_SCRIPT, '--stdio'],
    debounceMs: 0,
    configuration: {
      'docker.languageserver.diagnostics': DOCKER_DIAGNOSTICS_DEFAULTS,
      'docker.languageserver.formatter': { ignoreMultilineInstructions: false },
    },
  },
];
export const [STAGECRAFT, OTHER] = SERVERS;

/** Like VS Code's: pull configuration, dynamic registration, versioned diagnostics, edits. */
export const CLIENT_CAPABILITIES = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      dynamicRegistration: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'source'] } },
    },
  },
  window: { workDoneProgress: true, showMessage: {} },
};

export function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
