/**
 * 5,000 new users with 2 groups each through the client, with a pool of K = 1, 5 and 10 clients,
 * against the emulator with UMAPI's per-client and global limits. The bound is ceil(5000/10)
 * requests at min(10K, 100) a minute.
 */
import { startEmulator } from "../../emulator";
import { UmapiClient } from "../../provider/umapi/client";
import { userCommand, userSteps } from "../../provider/umapi/steps";
import type { Row } from "../report";
import { rateBoundMs } from "./orgYaml";

export async function pool(users = 5000, timeScale = 30): Promise<Row[]> {
  const rows: Row[] = [];
  for (const k of [1, 5, 10]) {
    const emulator = await startEmulator({ timeScale, clients: k - 1 });
    try {
      const e = emulator;
      const client = new UmapiClient({ orgId: e.orgId, clientId: e.clientId, clientSecret: e.clientSecret, umapiUrl: e.umapiUrl, imsUrl: e.imsUrl, timeScale, pool: e.clients.slice(1) }, {});
      const start = Date.now();
      const outcomes = await Promise.all(
        Array.from({ length: users }, (_, i) => {
          const email = `pool${i}@example.com`;
          return client.execute(userCommand({ user: email }, [userSteps.createEnterpriseID({ email, firstname: "Pool", lastname: `User${i}` }), userSteps.add(["Photoshop Users", "Acrobat Pro Users"])]));
        }),
      );
      const wallMs = Date.now() - start;
      const m = e.metrics();
      const lowerBound = Math.ceil(users / 10);
      const failed = outcomes.filter((o) => !o.completed).length;
      rows.push({
        workload: `pool: create ${users} users x2 groups, K=${k} (client)`,
        requests: m.requests.action,
        lowerBound,
        // The comparison is K = 1, measured first in the same run (its own row compares with itself).
        naive: rows[0]?.requests ?? m.requests.action,
        throttled: m.throttled,
        wallMs,
        boundMs: rateBoundMs(lowerBound, Math.min(10 * k, 100), timeScale),
        timeScale,
        note: `${failed ? `${failed} failed; ` : ""}action requests by client ${Object.values(m.byClient).map((c) => c.action).join("/")}${rows[0] ? `; K=1 took ${(rows[0].wallMs! / 1000).toFixed(1)} s` : ""}`,
      });
    } finally {
      await emulator.close();
    }
  }
  return rows;
}
