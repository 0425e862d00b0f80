// Ed25519 for the command check, loaded once per worker: the worker preloads this module into the cache every
// workflow shares (SHARED_WORKFLOW_MODULES in src/worker/worker.ts). The curve code is pure; its precomputed
// point tables were otherwise built again, and kept, by every cached incident.
export { ed25519 } from '@noble/curves/ed25519';
