// Where the repository's files are at run time: one home for every path the worker, the edges and the CLI share.
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** The workflow code the worker bundles and `breachplan replay` replays. */
export const WORKFLOWS_PATH = require.resolve('../workflows');
/** The failure converter the workflow sandbox needs (see src/temporal/failure-converter.ts). */
export const FAILURE_CONVERTER_PATH = require.resolve('./temporal/failure-converter');
/** Notice, regulator, Slack and web templates. */
export const TEMPLATES_DIR = join(ROOT, 'templates');
/** The runbook an incident gets when none is named. */
export const DEFAULT_RUNBOOK = join(ROOT, 'runbooks', 'default.yaml');
