// Text limits shared by the workflow and the edges: what is shown of a long text, and how it is cut.

/** Shortens text to at most `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
