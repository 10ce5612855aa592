// How large a document the editing features answer for (the analysis has its own, larger limit).

/**
 * The editing features (hover, completion, symbols, folding, formatting...) parse the whole text
 * on each request, unlike the analysis, which parses a large file stage by stage: past this size
 * they answer nothing rather than stall the server on every keystroke.
 */
export const MAX_EDITING_FEATURES_LENGTH = 500_000;

export function withinSizeLimit(text: string): boolean {
  return text.length <= MAX_EDITING_FEATURES_LENGTH;
}
