// Entry point of the language server. The transport comes from the command line:
// `--node-ipc` when VS Code starts it, `--stdio` for other editors (`node dist/server.js --stdio`).
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

startServer(createConnection(ProposedFeatures.all));
