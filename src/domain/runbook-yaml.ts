// Reads a runbook from YAML text and reports every problem with its line and column.
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { hashCanonical } from './hash';
import { type PinnedRunbook, runbookSchema } from './runbook';

export class RunbookError extends Error {
  constructor(
    public readonly source: string,
    public readonly problems: { line: number; col: number; path: string; message: string }[],
  ) {
    super(
      `${source}: invalid runbook\n${problems.map((p) => `  ${source}:${p.line}:${p.col} ${p.path}: ${p.message}`).join('\n')}`,
    );
    this.name = 'RunbookError';
  }
}

function nodeAt(root: YamlNode | null, path: PropertyKey[]): YamlNode | null {
  let node = root;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      node = (pair.value as YamlNode | null) ?? (pair.key as YamlNode);
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as YamlNode | undefined;
      if (!item) return node;
      node = item;
    } else return node;
  }
  return node;
}

export function parseRunbookYaml(text: string, source = 'runbook.yaml'): PinnedRunbook {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new RunbookError(
      source,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          line: pos.line,
          col: pos.col,
          path: '(yaml)',
          message: e.message.split('\n')[0] ?? e.message,
        };
      }),
    );
  }
  let value: unknown;
  try {
    // yaml refuses a document whose aliases would expand without bound ("billion laughs").
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new RunbookError(source, [
      { line: 1, col: 1, path: '(yaml)', message: (err as Error).message.split('\n')[0] ?? 'unreadable' },
    ]);
  }
  const parsed = runbookSchema.safeParse(value);
  if (!parsed.success) {
    throw new RunbookError(
      source,
      parsed.error.issues.map((issue) => {
        const node = nodeAt(doc.contents as YamlNode | null, issue.path);
        const offset = node?.range?.[0] ?? 0;
        const pos = lineCounter.linePos(offset);
        return {
          line: pos.line,
          col: pos.col,
          path: issue.path.join('.') || '(root)',
          message: issue.message,
        };
      }),
    );
  }
  return { runbook: parsed.data, hash: hashCanonical(parsed.data), source };
}
