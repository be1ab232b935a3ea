/** The answer of a fake action endpoint: each command fails with the error `failureOf` gives it, the others complete. */
import type { ActionResponse, Command } from "../../provider/umapi";

export type Failure = { step: number; errorCode: string; message: string };

export function actionResponse(commands: Command[], failureOf: (c: Command) => Failure | undefined): ActionResponse {
  const errors = commands.flatMap((c, index) => {
    const e = failureOf(c);
    return e ? [{ index, ...e, user: "user" in c ? c.user : c.usergroup }] : [];
  });
  return {
    completed: commands.length - errors.length,
    notCompleted: errors.length,
    completedInTestMode: 0,
    result: errors.length === 0 ? "success" : errors.length === commands.length ? "error" : "partial",
    ...(errors.length ? { errors } : {}),
  };
}
