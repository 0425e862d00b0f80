// Prints the closing line CI reads, `N passed, N failed`, and keeps it in .data/test-summary.txt.
const { mkdirSync, writeFileSync } = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed`;
    mkdirSync('.data', { recursive: true });
    writeFileSync('.data/test-summary.txt', `${line}\n`);
    process.stdout.write(`\n${line}\n`);
  }
}
module.exports = SummaryReporter;
