// The client side of stage navigation: the "N references" code lens opens VS Code's peek view,
// and "Stagecraft: Show Stage Graph" draws the server's graph in a webview (with its Mermaid
// text, which "Copy Stage Graph as Mermaid" puts on the clipboard for a README or a PR).
import * as vscode from 'vscode';
import { LanguageClient, Location as ProtocolLocation, Position as ProtocolPosition } from 'vscode-languageclient/node';

interface StageGraphResult {
  svg: string;
  mermaid: string;
  stageCount: number;
}

const STAGE_GRAPH_REQUEST = 'stagecraft/stageGraph';

export function registerStageCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    // Arguments as the server sends them (JSON): converted here to what the peek view takes.
    vscode.commands.registerCommand('stagecraft.showReferences', async (uri: string, position: ProtocolPosition, locations: ProtocolLocation[]) => {
      const converter = client()?.protocol2CodeConverter;
      if (!converter) {
        return;
      }
      await vscode.commands.executeCommand(
        'editor.action.showReferences',
        vscode.Uri.parse(uri),
        converter.asPosition(position),
        locations.map((location) => converter.asLocation(location)),
      );
    }),
    vscode.commands.registerCommand('stagecraft.showStageGraph', async () => {
      const found = await requestGraph(client());
      if (found) {
        showGraph(found.document, found.graph);
      }
    }),
    vscode.commands.registerCommand('stagecraft.copyStageGraphMermaid', async () => {
      const found = await requestGraph(client());
      if (found) {
        await vscode.env.clipboard.writeText(found.graph.mermaid);
        void vscode.window.showInformationMessage(`Copied the stage graph of ${basename(found.document.uri)} as a Mermaid flowchart.`);
      }
    }),
  );
}

async function requestGraph(languageClient: LanguageClient | undefined): Promise<{ document: vscode.TextDocument; graph: StageGraphResult } | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'dockerfile') {
    void vscode.window.showInformationMessage('Open a Dockerfile to see its stage graph.');
    return undefined;
  }
  if (!languageClient) {
    void vscode.window.showWarningMessage('The Stagecraft server is not running.');
    return undefined;
  }
  const graph = await languageClient.sendRequest<StageGraphResult | null>(STAGE_GRAPH_REQUEST, { uri: document.uri.toString() });
  if (!graph || graph.stageCount === 0) {
    void vscode.window.showInformationMessage(`${basename(document.uri)} has no stages to draw.`);
    return undefined;
  }
  return { document, graph };
}

function showGraph(document: vscode.TextDocument, graph: StageGraphResult): void {
  const panel = vscode.window.createWebviewPanel('stagecraft.stageGraph', `Stages: ${basename(document.uri)}`, vscode.ViewColumn.Beside, {
    enableScripts: false,
  });
  panel.webview.html = graphPage(graph);
}

function graphPage(graph: StageGraphResult): string {
  // No scripts, no remote content: the SVG is inline and styled by the editor's theme colours.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>
  body { color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
  .stage-graph .node rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-foreground); stroke-width: 1.2; }
  .stage-graph .node.shipped rect { stroke: var(--vscode-charts-green); stroke-width: 3; }
  .stage-graph .node.unused { opacity: 0.55; }
  .stage-graph .node.unused rect { stroke-dasharray: 4 4; }
  .stage-graph text { fill: var(--vscode-foreground); text-anchor: middle; font-size: 12px; }
  .stage-graph text.name { font-weight: bold; }
  .stage-graph text.image, .stage-graph text.edge-label { font-size: 11px; opacity: 0.8; }
  .stage-graph text.edge-label { text-anchor: start; }
  .stage-graph .edge { fill: none; stroke: var(--vscode-foreground); stroke-width: 1.2; }
  .stage-graph .edge.variable { stroke-dasharray: 5 4; }
  .stage-graph .arrow { fill: var(--vscode-foreground); }
  pre { background: var(--vscode-textCodeBlock-background); padding: 8px; overflow: auto; }
</style>
</head>
<body>
<p>The shipped stage has a thick green border; greyed stages are not used by it.</p>
${graph.svg}
<details><summary>Mermaid</summary><pre>${escapeHtml(graph.mermaid)}</pre></details>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
