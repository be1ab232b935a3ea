/** Writes an exported org as an org.yaml whose comments say what UMAPI could not give. */
import { Document, isMap, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { UmapiClient } from "../umapi/client";
import { buildOrgFile, readOrgSnapshot, type ExportedOrg } from "./export";
import { parseOrgFile } from "./load";

/** Where editors find the JSON Schema of org.yaml when the package is installed next to the file. */
export const DEFAULT_SCHEMA_REF = "./node_modules/pulumi-adobe-umapi/schema/org.schema.json";

export interface RenderOrgYamlOptions {
  /** The `$schema` of the yaml-language-server comment. Default DEFAULT_SCHEMA_REF. */
  schema?: string;
  /** Named in the header comment. Default none. */
  orgId?: string;
}

const HEADER = (o: RenderOrgYamlOptions) => `yaml-language-server: $schema=${o.schema ?? DEFAULT_SCHEMA_REF}

Exported${o.orgId ? ` from the Adobe org ${o.orgId}` : ""} by umapi-export.
\`pulumi up\` with this file adopts the org as it is (settings.adopt) and changes nothing in it.

UMAPI does not return, so this file does not declare:
- user group descriptions: the groups endpoint has no description field. Add one and the next
  \`pulumi up\` sets it.
- the product profiles attached to each user group: UMAPI has no endpoint that lists them. List
  them under a group's productProfiles: to manage them from here.
Admin roles UMAPI cannot assign (System administrator, global admin) are not declared either; the
comment above each user who holds one says so.`;

const comment = (lines: string[]) => lines.map((l) => (l === "" ? "" : ` ${l}`)).join("\n");

/** The org.yaml text of an exported org. */
export function renderOrgYaml(exported: ExportedOrg, options: RenderOrgYamlOptions = {}): string {
  const doc = new Document(exported.org);
  doc.commentBefore = comment(HEADER(options).split("\n"));
  const top = doc.contents as YAMLMap;
  const keyOf = (name: string) => (top.items as Pair<Scalar>[]).find((p) => p.key.value === name)!.key;

  const usersKey = keyOf("users");
  usersKey.spaceBefore = true;
  if (exported.skippedUsers.length > 0) {
    usersKey.commentBefore = comment(["Not exported (their entries would not pass the resources' checks):", ...exported.skippedUsers.map((s) => `- ${s.email}: ${s.reason}`)]);
  }
  exported.org.users.forEach((u, i) => {
    const item = doc.getIn(["users", i], true) as YAMLMap;
    item.spaceBefore = i > 0;
    const notes = exported.userNotes.get(u.email.toLowerCase());
    if (notes) item.commentBefore = comment(notes);
    const groups = doc.getIn(["users", i, "groups"], true) as YAMLSeq | undefined;
    if (groups) groups.flow = true;
    const roles = doc.getIn(["users", i, "adminRoles"], true) as YAMLSeq<YAMLMap | Scalar> | undefined;
    for (const r of roles?.items ?? []) if (isMap(r)) r.flow = true;
  });

  const groupsKey = keyOf("userGroups");
  groupsKey.spaceBefore = true;
  if (exported.readOnlyGroups.length > 0) {
    groupsKey.commentBefore = comment([
      "Read-only groups shared from another org are not declared (UMAPI refuses to change them or their",
      "members; product profiles can still be attached to them):",
      ...exported.readOnlyGroups.map((g) => `- ${g}`),
    ]);
  }
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}

export interface ExportOrgOptions extends RenderOrgYamlOptions {
  /** Names the file in the self-check's messages. Default "org.yaml". */
  fileName?: string;
}

/** Reads the live org and returns its org.yaml text (checked to load) and the data behind it. */
export async function exportOrg(client: UmapiClient, options: ExportOrgOptions = {}): Promise<{ text: string; exported: ExportedOrg }> {
  const exported = buildOrgFile(await readOrgSnapshot(client));
  const text = renderOrgYaml(exported, { orgId: client.orgId, ...options });
  // The exported file must load: a failure here is a bug of the exporter, never of the org.
  parseOrgFile(text, options.fileName ?? "org.yaml");
  return { text, exported };
}
