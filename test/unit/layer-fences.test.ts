// The layer fences of eslint.config.mjs fire: an upward import (type-only too) fails lint, a downhill one
// passes. ESLint runs as `npm run lint` does, on source given through stdin under a path in the layer.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const eslint = join(root, 'node_modules', '.bin', 'eslint');

function lint(filePath: string, source: string): { code: number | null; output: string } {
  const run = spawnSync(eslint, ['--stdin', '--stdin-filename', filePath], {
    cwd: root,
    input: source,
    encoding: 'utf8',
  });
  return { code: run.status, output: run.stdout + run.stderr };
}

describe('layer fences', () => {
  it.each([
    ['activities/probe.ts', "import type { IncidentView } from '../workflows/messages';", 'activities/'],
    ['src/recipients/probe.ts', "import type { CodecKey } from '../temporal/codec';", 'the services'],
    [
      'src/domain/regulations/probe.ts',
      "import type { Blocks } from '../../slack-kit/format';",
      'src/domain',
    ],
    ['src/crypto/probe.ts', "import type { Config } from '../config';", 'src/crypto'],
    ['src/temporal/probe.ts', "import { slackActivityDeps } from '../worker/slack-client';", 'src/temporal'],
    ['src/mailer.ts', "import { EncryptionCodec } from './temporal/codec';", 'the services'],
    ['workflows/probe.ts', "import { TEMPLATES_DIR } from '../src/paths';", 'workflows/'],
  ])('%s may not import upward (%s)', (file, line, layer) => {
    const { code, output } = lint(file, `${line}\nexport const probe = 1;\n`);
    expect(code).toBe(1);
    expect(output).toContain(`${layer} imports only`);
    expect(output).toContain('no-restricted-imports');
  });

  it.each([
    ['activities/probe.ts', "import type { IncidentView } from '../src/domain/incident-view';"],
    ['activities/probe.ts', "import type { SlackActivityDeps } from './slack';"],
    ['src/slack/probe.ts', "import { statusData } from '../slack-kit/layouts';"],
  ])('%s may import downhill (%s)', (file, line) => {
    const name = /\{ (\w+) \}/.exec(line)![1];
    const use = line.startsWith('import type')
      ? `export type Probe = ${name};`
      : `export const probe = [${name}];`;
    const { code, output } = lint(file, `${line}\n${use}\n`);
    expect(output).toBe('');
    expect(code).toBe(0);
  });
});
