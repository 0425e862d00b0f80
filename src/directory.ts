// Loads the role directory (people → roles) named by BREACHPLAN_ROLES_FILE, validated with zod.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describeIssues } from './domain/commands';
import { type RoleDirectory, roleDirectorySchema } from './domain/roles';

export function loadRoleDirectory(file: string | undefined): RoleDirectory {
  if (!file) return { people: [] };
  const parsed = roleDirectorySchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: invalid role directory: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
