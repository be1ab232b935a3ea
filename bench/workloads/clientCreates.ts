/**
 * 1,000 user creates sent through the client to a time-scaled emulator with UMAPI's throttle on:
 * action requests against ceil(1000/10), 429s received, wall time against the throttle bound.
 */
import { startEmulator } from "../../emulator";
import { UmapiClient } from "../../provider/umapi/client";
import { userCommand, userSteps } from "../../provider/umapi/steps";
import { THROTTLE_PER_MINUTE } from "../../provider/umapi/limits";
import type { Row } from "../report";

export async function clientCreates(users = 1000, timeScale = 60): Promise<Row> {
  const emulator = await startEmulator({ timeScale });
  try {
    const client = new UmapiClient({ orgId: emulator.orgId, clientId: emulator.clientId, clientSecret: emulator.clientSecret, umapiUrl: emulator.umapiUrl, imsUrl: emulator.imsUrl, timeScale });
    const start = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: users }, (_, i) => {
        const email = `bench${i}@example.com`;
        return client.execute(userCommand({ user: email }, [userSteps.createEnterpriseID({ email, firstname: "Bench", lastname: `User${i}` }), userSteps.add(["Photoshop Users"])]));
      }),
    );
    const wallMs = Date.now() - start;
    const failed = outcomes.filter((o) => !o.completed).length;
    const m = emulator.metrics();
    const lowerBound = Math.ceil(users / 10);
    const perWindow = THROTTLE_PER_MINUTE.action;
    return {
      workload: `client: create ${users} users (time scale ${timeScale})`,
      requests: m.requests.action,
      lowerBound,
      naive: users * 2,
      throttled: m.throttled,
      wallMs,
      boundMs: ((Math.ceil(lowerBound / perWindow) - 1) * 60_000) / timeScale,
      timeScale,
      note: failed ? `${failed} commands failed` : "all completed",
    };
  } finally {
    await emulator.close();
  }
}
