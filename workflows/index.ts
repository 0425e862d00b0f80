// Every workflow the Breachplan worker runs.
export { incidentWorkflow } from './incident';
