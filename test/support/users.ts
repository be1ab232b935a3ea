/** The numbered Enterprise IDs many tests create: `user<i>@example.com`, as the emulator's generateOrg names them. */

/** `user<i>@example.com` as AdobeUser arguments. */
export const numberedUser = (i: number) => ({ identityType: "enterpriseID", email: `user${i}@example.com`, firstName: "User", lastName: String(i), country: "US" });

/** user1..user<n> as scenario entries (`resource: u<i>`), each with `extra` arguments. */
export const numberedUsers = (n: number, extra: Record<string, unknown> = {}) => Array.from({ length: n }, (_, i) => ({ resource: `u${i + 1}`, ...numberedUser(i + 1), ...extra }));
