/**
 * A validated preview (testOnly, reference §4.3) of a plan of 1,000 new users with 2 groups each,
 * through the real CLI and an org.yaml: the testOnly requests against ceil(1000/10) and against
 * what the `up` of the same plan then sends; and a no-change validated preview (0 requests).
 */
import { exportOrg, renderOrgYaml } from "../../provider/orgfile/exportYaml";
import type { Row } from "../report";
import { orgYamlStack, rateBoundMs } from "./orgYaml";

export async function validate(users = 1000, timeScale = 60): Promise<Row[]> {
  const s = await orgYamlStack({ generate: { users: 0, groups: 2 }, timeScale });
  try {
    const { text, exported } = await exportOrg(s.client);
    await s.up(text);
    const added = Array.from({ length: users }, (_, i) => ({ email: `plan${i + 1}@example.com`, identityType: "enterpriseID" as const, firstName: "Plan", lastName: String(i + 1), country: "US", groups: ["Group 1", "Group 2"] }));
    const plan = renderOrgYaml({ ...exported, org: { ...exported.org, users: [...exported.org.users, ...added] } }, { orgId: s.client.orgId });
    const preview = await s.preview(plan, { UMAPI_VALIDATE_ON_PREVIEW: "true" });
    const up = await s.up(plan);
    const noChange = await s.preview(plan, { UMAPI_VALIDATE_ON_PREVIEW: "true" });
    const lowerBound = Math.ceil(users / 10);
    return [
      {
        workload: `validate: preview of a plan of ${users} new users x2 groups, testOnly`,
        requests: preview.metrics.requests.action,
        lowerBound,
        naive: up.metrics.requests.action,
        throttled: preview.metrics.throttled,
        wallMs: preview.wallMs,
        boundMs: rateBoundMs(lowerBound, 10, timeScale),
        timeScale,
        note: `${preview.metrics.actionCommandsTestOnly} testOnly commands, 0 real; the up then sent ${up.metrics.actionCommands} commands in ${up.metrics.requests.action} requests ("naive" column); reads ${preview.metrics.requests.users + preview.metrics.requests.groups}`,
      },
      {
        workload: "validate: a no-change validated preview",
        requests: noChange.metrics.requests.total,
        lowerBound: 0,
        naive: 0,
        throttled: noChange.metrics.throttled,
        wallMs: noChange.wallMs,
        boundMs: 0,
        timeScale,
        note: "every UMAPI and IMS request counted; naive: the same preview without validation sends 0 too",
      },
    ];
  } finally {
    await s.dispose();
  }
}
