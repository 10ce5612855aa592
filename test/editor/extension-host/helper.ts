// Shared by the suites that run inside the extension host: fixtures, opening copies of them,
// and waiting for diagnostics through the editor's own events (never by sleeping).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'stagecraft.stagecraft';
export const SINGLE_STAGE = 'single-stage-build';
export const NOT_DISTROLESS = 'runtime-not-distroless';
export const SPLIT_TITLE = 'Split into build and distroless runtime stages';
const WAIT_MS = 30_000;

/** The project folder: the development extension is the project itself. */
export function projectRoot(): string {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  // Bundled to dist/test/index.js, two levels below the project.
  return extension?.extensionPath ?? path.resolve(__dirname, '..', '..');
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(path.join(projectRoot(), 'test', 'fixtures', ...parts), 'utf8');
}

let counter = 0;
/** A fresh folder for test files: in the opened workspace when there is one, so it looks like a user's file. */
export function freshDir(): string {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.tmpdir();
  return fs.mkdtempSync(path.join(base, `case-${++counter}-`));
}

/** Writes `text` to `name` in a fresh folder and shows it in an editor. */
export async function openFile(name: string, text: string): Promise<vscode.TextDocument> {
  const file = path.join(freshDir(), name);
  fs.writeFileSync(file, text);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The go-basic input, as a user's file whose name the language contribution recognises. */
export function openGoBasic(name = 'go-basic.Dockerfile'): Promise<vscode.TextDocument> {
  return openFile(name, readFixture('split', 'go-basic', 'input.Dockerfile'));
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) {
    return undefined;
  }
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function stagecraftDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'stagecraft');
}

/** Resolves with the document's Stagecraft diagnostics once `accept` holds for them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = stagecraftDiagnostics(uri);
      if (!accept(diagnostics)) {
        return false;
      }
      finish();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) {
        check();
      }
    });
    const timer = setTimeout(() => {
      finish();
      const seen = stagecraftDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line}`);
      reject(new Error(`timed out waiting for ${what} on ${uri.fsPath}; have [${seen.join(', ')}]`));
    }, WAIT_MS);
    const finish = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** Waits until every code in `codes` is reported and returns the matching diagnostics in that order. */
export async function waitForCodes(uri: vscode.Uri, codes: readonly string[]): Promise<vscode.Diagnostic[]> {
  const all = await waitForDiagnostics(
    uri,
    (diagnostics) => codes.every((code) => diagnostics.some((d) => codeOf(d) === code)),
    codes.join(' + '),
  );
  return codes.map((code) => all.find((d) => codeOf(d) === code) as vscode.Diagnostic);
}

/** The 0-based line of the first FROM instruction (fixtures may start with a `# syntax` line). */
export function fromLine(document: vscode.TextDocument): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (/^\s*FROM\s/i.test(document.lineAt(line).text)) {
      return line;
    }
  }
  throw new Error(`no FROM line in ${document.uri.fsPath}`);
}

/**
 * Applies the text edits of a workspace edit. They are copied without their metadata on purpose:
 * an edit marked needsConfirmation would open the Refactor Preview and wait for a person (and its
 * Apply command takes only the boxes a person ticked). The UI test covers that path in the browser.
 */
export async function applyTextEdits(edit: vscode.WorkspaceEdit): Promise<boolean> {
  const plain = new vscode.WorkspaceEdit();
  const entries = edit.entries();
  if (entries.length === 0) {
    throw new Error('the workspace edit has no text edits');
  }
  for (const [uri, edits] of entries) {
    plain.set(uri, edits);
  }
  return vscode.workspace.applyEdit(plain);
}
