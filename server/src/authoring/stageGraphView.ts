// The stage graph as something to look at: stages, the `FROM`/`--from` edges between them, the
// shipped stage marked and the stages it does not need greyed. Rendered as Mermaid text (for
// Markdown, the README) and as a self-contained SVG (for the editor's webview), both without a
// layout library: stages only ever use earlier stages, so layers by longest path are enough.
import { Stage, StageModel } from '../core/stages';
import { stageDependencies, stagesNeededBy } from '../rules/stageGraph';

export type EdgeKind = 'base' | 'copy' | 'mount' | 'variable';

export interface GraphNode {
  id: string;
  stage: Stage;
  /** The stage name, or `stage N` for an unnamed one. */
  label: string;
  /** The image (or unresolved text) the stage starts from; empty for `FROM <stage>`. */
  image: string;
  shipped: boolean;
  /** Not needed to build the shipped stage. */
  unused: boolean;
}

export interface GraphEdge {
  from: GraphNode;
  to: GraphNode;
  kind: EdgeKind;
}

export interface StageGraphView {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const EDGE_LABELS: Record<EdgeKind, string> = { base: 'FROM', copy: 'COPY --from', mount: 'RUN --mount', variable: 'via a variable' };

/** Past this many stages a drawing is unreadable; the Mermaid text still lists them all. */
export const MAX_DRAWN_STAGES = 300;

export function buildStageGraphView(model: StageModel, shipped: Stage | undefined): StageGraphView {
  const needed = shipped ? stagesNeededBy([shipped], model.stages) : new Set<Stage>();
  const nodes = model.stages.map(
    (stage): GraphNode => ({
      id: `s${stage.index}`,
      stage,
      label: stage.name ?? `stage ${stage.index}`,
      image: stage.base.kind === 'stage' ? '' : stage.baseText,
      shipped: stage === shipped,
      unused: shipped !== undefined && !needed.has(stage),
    }),
  );
  const edges: GraphEdge[] = [];
  for (const stage of model.stages) {
    const to = nodes[stage.index];
    const seen = new Set<Stage>();
    const add = (source: Stage, kind: EdgeKind) => {
      if (!seen.has(source) && source !== stage) {
        seen.add(source);
        edges.push({ from: nodes[source.index], to, kind });
      }
    };
    if (stage.base.kind === 'stage') {
      add(stage.base.stage, 'base');
    }
    for (const reference of stage.references) {
      if (reference.target) {
        add(reference.target, reference.instruction.getKeyword() === 'RUN' ? 'mount' : 'copy');
      }
    }
    // What is left of the dependencies are stages a variable may name (`FROM build-${ARCH}`).
    for (const dependency of stageDependencies(stage, model.stages)) {
      add(dependency, 'variable');
    }
  }
  return { nodes, edges };
}

/** A Mermaid flowchart: renders in GitHub Markdown and most Markdown previews with Mermaid. */
export function stageGraphMermaid(graph: StageGraphView): string {
  const lines = ['flowchart TD'];
  for (const node of graph.nodes) {
    const text = mermaidText(node.image ? `${node.label}<br/>${node.image}` : node.label);
    lines.push(node.shipped ? `  ${node.id}[["${text}"]]` : `  ${node.id}["${text}"]`);
  }
  for (const edge of graph.edges) {
    const arrow = edge.kind === 'variable' ? '-.->' : '-->';
    lines.push(`  ${edge.from.id} ${arrow}|"${EDGE_LABELS[edge.kind]}"| ${edge.to.id}`);
  }
  const shipped = graph.nodes.filter((node) => node.shipped).map((node) => node.id);
  const unused = graph.nodes.filter((node) => node.unused).map((node) => node.id);
  lines.push('  classDef shipped stroke-width:3px');
  lines.push('  classDef unused stroke-dasharray:4 4,opacity:0.6');
  if (shipped.length > 0) {
    lines.push(`  class ${shipped.join(',')} shipped`);
  }
  if (unused.length > 0) {
    lines.push(`  class ${unused.join(',')} unused`);
  }
  return lines.join('\n') + '\n';
}

/** Inside a quoted Mermaid label only a quote can break the syntax; Mermaid reads `#quot;`. */
function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;');
}

const NODE_HEIGHT = 46;
const LAYER_GAP = 70;
const NODE_GAP = 30;
const CHAR_WIDTH = 7.2;
const MARGIN = 20;

/**
 * A self-contained SVG. Colours come from CSS classes (`node`, `shipped`, `unused`, `edge`,
 * `variable`) so the host page can follow the editor's theme.
 */
export function stageGraphSvg(graph: StageGraphView): string {
  const drawn = graph.nodes.slice(0, MAX_DRAWN_STAGES);
  const layers = layerOf(graph, drawn.length);
  const rows: GraphNode[][] = [];
  for (const node of drawn) {
    (rows[layers[node.stage.index]] ??= []).push(node);
  }
  const widthOf = (node: GraphNode) => Math.max(90, Math.ceil(Math.max(node.label.length, node.image.length) * CHAR_WIDTH) + 24);
  const rowWidths = rows.map((row) => row.reduce((sum, node) => sum + widthOf(node), 0) + NODE_GAP * (row.length - 1));
  const width = Math.max(...rowWidths, 120) + 2 * MARGIN;
  const boxes = new Map<GraphNode, { x: number; y: number; w: number }>();
  rows.forEach((row, layer) => {
    let x = MARGIN + (width - 2 * MARGIN - rowWidths[layer]) / 2;
    for (const node of row) {
      boxes.set(node, { x, y: MARGIN + layer * (NODE_HEIGHT + LAYER_GAP), w: widthOf(node) });
      x += widthOf(node) + NODE_GAP;
    }
  });
  const height = 2 * MARGIN + rows.length * NODE_HEIGHT + Math.max(0, rows.length - 1) * LAYER_GAP;

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="stage-graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Stage graph">`);
  parts.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow"/></marker></defs>');
  for (const edge of graph.edges) {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (!from || !to) {
      continue;
    }
    const x1 = from.x + from.w / 2;
    const y1 = from.y + NODE_HEIGHT;
    const x2 = to.x + to.w / 2;
    const y2 = to.y;
    const bend = Math.max(30, (y2 - y1) / 2);
    parts.push(`<path class="edge ${edge.kind}" d="M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}" marker-end="url(#arrow)"/>`);
    parts.push(`<text class="edge-label" x="${(x1 + x2) / 2 + 4}" y="${(y1 + y2) / 2}">${escapeXml(EDGE_LABELS[edge.kind])}</text>`);
  }
  for (const node of drawn) {
    const box = boxes.get(node);
    if (!box) {
      continue;
    }
    const classes = ['node', node.shipped ? 'shipped' : '', node.unused ? 'unused' : ''].filter(Boolean).join(' ');
    parts.push(`<g class="${classes}"><title>${escapeXml(node.shipped ? `${node.label} (shipped)` : node.unused ? `${node.label} (not used by the shipped stage)` : node.label)}</title>`);
    parts.push(`<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${NODE_HEIGHT}" rx="6"/>`);
    parts.push(`<text class="name" x="${box.x + box.w / 2}" y="${box.y + (node.image ? 19 : 28)}">${escapeXml(node.label)}</text>`);
    if (node.image) {
      parts.push(`<text class="image" x="${box.x + box.w / 2}" y="${box.y + 36}">${escapeXml(node.image)}</text>`);
    }
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** Each drawn stage's layer: one below the deepest stage it uses. */
function layerOf(graph: StageGraphView, drawnCount: number): number[] {
  const layers = new Array<number>(drawnCount).fill(0);
  // Edges always go from an earlier stage to a later one, so one pass in stage order suffices.
  const incoming = new Map<number, number[]>();
  for (const edge of graph.edges) {
    const list = incoming.get(edge.to.stage.index) ?? [];
    list.push(edge.from.stage.index);
    incoming.set(edge.to.stage.index, list);
  }
  for (let index = 0; index < drawnCount; index++) {
    for (const source of incoming.get(index) ?? []) {
      if (source < index) {
        layers[index] = Math.max(layers[index], layers[source] + 1);
      }
    }
  }
  return layers;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
