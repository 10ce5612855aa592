// The set-up most protocol suites share: a fresh server for every test, so that no test sees
// another's documents or settings.
import { LspClient } from './lspClient';

/**
 * Registers mocha hooks on the enclosing `describe`: before each test, a new server initialized
 * with what `initializeArgs` returns, handed to `use`; after each test, that server is stopped.
 * `initializeArgs` is called in the hook, so it can name a folder an earlier `beforeEach` made;
 * hooks registered after this call run after it (an `afterEach` that deletes that folder runs
 * once the server has stopped).
 */
export function serverPerTest(use: (client: LspClient) => void, initializeArgs: () => Parameters<LspClient['initialize']> = () => []): void {
  let client: LspClient;
  beforeEach(async () => {
    client = new LspClient();
    use(client);
    await client.initialize(...initializeArgs());
  });
  afterEach(async () => {
    await client.stop();
  });
}
