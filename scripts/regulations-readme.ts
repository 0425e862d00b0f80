// Rewrites the coverage tables in src/domain/regulations/README.md from the rule data:
// `npx tsx scripts/regulations-readme.ts` (a unit test fails while the README and the data disagree).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withReadmeCoverage } from '../src/domain/regulations/coverage';

const file = join(__dirname, '../src/domain/regulations/README.md');
writeFileSync(file, withReadmeCoverage(readFileSync(file, 'utf8')));
console.log(`updated ${file}`);
