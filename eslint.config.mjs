// One lint config: typescript-eslint's recommended rules, the workflow sandbox boundary, and one fence per layer
// so that imports run downhill only (DESIGN.md, "Layers"): an upward import, type-only or not, fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers, lowest first. A file may import its own layer and those below it, never one above.
// Rooms (plain names: no regex characters) are matched by the relative import's path, from any depth: '../temporal/x', '../../src/temporal'.
const LAYERS = [
  { name: 'src/domain', files: ['src/domain/**/*.ts'], rooms: ['domain'] },
  { name: 'src/crypto', files: ['src/crypto/**/*.ts'], rooms: ['crypto'] },
  {
    name: 'the base',
    files: ['src/config.ts', 'src/log.ts', 'src/paths.ts'],
    rooms: ['config', 'log', 'paths'],
  },
  {
    name: 'the services',
    files: [
      'src/notices/**/*.ts',
      'src/recipients/**/*.ts',
      'src/audit/**/*.ts',
      'src/slack-kit/**/*.ts',
      'src/mailer.ts',
      'src/directory.ts',
      'src/delivery-log.ts',
      'src/integrations.ts',
    ],
    rooms: [
      'notices',
      'recipients',
      'audit',
      'slack-kit',
      'mailer',
      'directory',
      'delivery-log',
      'integrations',
    ],
  },
  { name: 'activities/', files: ['activities/**/*.ts'], rooms: ['activities'] },
  { name: 'workflows/', files: ['workflows/**/*.ts'], rooms: ['workflows'] },
  { name: 'src/temporal', files: ['src/temporal/**/*.ts'], rooms: ['temporal'] },
  { name: 'src/worker', files: ['src/worker/**/*.ts'], rooms: ['worker'] },
  {
    name: 'the edges',
    files: [
      'src/api/**/*.ts',
      'src/web/**/*.ts',
      'src/slack/**/*.ts',
      'src/cli/**/*.ts',
      'src/alerts/**/*.ts',
    ],
    rooms: ['api', 'web', 'slack', 'cli', 'alerts'],
  },
  { name: 'src/dev', files: ['src/dev/**/*.ts'], rooms: ['dev'] },
];

/**
 * Matches a relative import of one of `rooms` from any depth ('../x/y', '../../src/x'); for the files at the
 * top of src/ also './x' (elsewhere './slack' is a sibling file, not the room).
 */
const roomsPattern = (rooms, topOfSrc = false) =>
  `^(${topOfSrc ? '\\./|' : ''}(\\.\\./)+)(src/)?(${rooms.join('|')})(/.*)?$`;

/** The pattern forbidding every layer above `index`. */
function upward(index, topOfSrc = false) {
  const above = LAYERS.slice(index + 1);
  return {
    regex: roomsPattern(
      above.flatMap((l) => l.rooms),
      topOfSrc,
    ),
    message: `${LAYERS[index].name} imports only downhill: not ${above.map((l) => l.name).join(', ')}`,
  };
}

/** One block per layer (two where it has files at the top of src/); workflows/ has its own below. */
function fences() {
  return LAYERS.flatMap((layer, index) => {
    if (layer.name === 'workflows/' || index === LAYERS.length - 1) return [];
    const extra = layer.name === 'src/domain' ? [NODE_BUILTINS] : [];
    const top = layer.files.filter((f) => /^src\/[^/]+\.ts$/.test(f));
    const nested = layer.files.filter((f) => !top.includes(f));
    return [
      [nested, false],
      [top, true],
    ]
      .filter(([files]) => files.length > 0)
      .map(([files, topOfSrc]) => ({
        files,
        rules: { 'no-restricted-imports': ['error', { patterns: [upward(index, topOfSrc), ...extra] }] },
      }));
  });
}

const NODE_BUILTINS = {
  group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process', 'os'],
  message: 'workflows/ and src/domain run in the workflow sandbox: no Node built-ins',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.data/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Workflow code is replayed: no I/O, no config, no wall clock. Only Temporal's workflow API and pure domain code.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NODE_BUILTINS,
            upward(LAYERS.findIndex((l) => l.name === 'workflows/')),
            {
              // Pure domain code only: the services, base and crypto do I/O the sandbox cannot replay.
              regex: roomsPattern(LAYERS.slice(1, 4).flatMap((l) => l.rooms)),
              message: 'workflows/ imports only @temporalio/workflow, src/domain and workflows/',
            },
            {
              // Activities are proxied by type only; their code runs on the worker, never in the sandbox.
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'workflows/ may import activities only with `import type`',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message:
            'use workflow time (Date is deterministic only inside the sandbox); prefer explicit helpers',
        },
      ],
    },
  },
  ...fences(),
);
