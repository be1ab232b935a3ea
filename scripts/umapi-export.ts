#!/usr/bin/env node
/**
 * umapi-export: writes the org.yaml of the live org, ready to adopt with `pulumi up`.
 *
 *   umapi-export [--out org.yaml] [--force] [--schema <ref>]
 *
 * Credentials come from the environment: UMAPI_ORG_ID, UMAPI_CLIENT_ID, UMAPI_CLIENT_SECRET
 * (and UMAPI_URL, UMAPI_IMS_URL to use another endpoint, such as the emulator).
 * Exit codes: 0 written; 1 the org could not be read; 2 bad arguments, or --out exists without --force.
 */
import { existsSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_SCHEMA_REF, exportOrg } from "../provider/orgfile/exportYaml";
import { UmapiClient } from "../provider/umapi/client";

const USAGE = `Usage: umapi-export [--out <file>] [--force] [--schema <ref>]

Reads the Adobe org (credentials from UMAPI_ORG_ID, UMAPI_CLIENT_ID, UMAPI_CLIENT_SECRET) and writes
an org.yaml that \`pulumi up\` adopts without changing anything.

  --out <file>    write here instead of standard output
  --force         overwrite --out if it exists
  --schema <ref>  JSON Schema reference for editors (default ${DEFAULT_SCHEMA_REF})
`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: CliIo = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) };

/** Runs the CLI; resolves with the exit code. */
export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CliIo = processIo): Promise<number> {
  let values: { out?: string; force?: boolean; schema?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { out: { type: "string" }, force: { type: "boolean" }, schema: { type: "string" }, help: { type: "boolean", short: "h" } } }));
  } catch (err) {
    io.stderr(`umapi-export: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.out && existsSync(values.out) && !values.force) {
    io.stderr(`umapi-export: ${values.out} exists; pass --force to overwrite it\n`);
    return 2;
  }
  try {
    const client = new UmapiClient({ userAgent: "umapi-export" }, env);
    const { text, exported } = await exportOrg(client, { schema: values.schema, fileName: values.out });
    if (values.out) {
      writeFileSync(values.out, text);
      const o = exported.org;
      const skipped = exported.skippedUsers.length;
      const note = skipped > 0 ? `; ${skipped} user${skipped === 1 ? "" : "s"} not exported, see the comments` : "";
      io.stderr(`umapi-export: wrote ${values.out} (${o.users.length} users, ${o.userGroups.length} user groups${note})\n`);
    } else io.stdout(text);
    return 0;
  } catch (err) {
    io.stderr(`umapi-export: ${(err as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
