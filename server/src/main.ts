// Entry point of the language server. The transport comes from the command line:
// `--node-ipc` when VS Code starts it, `--stdio` for other editors (`node dist/server.js --stdio`).
// First import: the garbage-collection settings apply before the rest of the server loads.
import './gcTuning';
import { format } from 'node:util';
import { Connection, ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { TolerantFrameReader } from './lsp/frameReader';
import { SingleWriteFrameWriter } from './lsp/frameWriter';
import { startServer } from './lsp/server';

startServer(process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all));

/**
 * On stdio the server reads frames itself (`TolerantFrameReader`), so that a broken frame is
 * skipped, not fatal, and writes each frame in one piece (`SingleWriteFrameWriter`). Given its own reader, vscode-languageserver leaves two things of its
 * `--stdio` set-up undone, done here: console output goes to the client's log, not into the
 * protocol on stdout, and the server exits when the client closes its stdin.
 */
function stdioConnection(): Connection {
  const connection = createConnection(ProposedFeatures.all, new TolerantFrameReader(process.stdin), new SingleWriteFrameWriter(process.stdout));
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  let shutdownRequested = false;
  connection.onShutdown(() => {
    shutdownRequested = true;
  });
  const exit = () => process.exit(shutdownRequested ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  return connection;
}
