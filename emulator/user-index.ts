/**
 * Case-insensitive user lookups (reference §8.9): by email, with Enterprise/Federated IDs kept apart
 * from Adobe IDs (the same email may be both, reference §8.1), and by (username, domain) for
 * Federated IDs whose username is not their email.
 */
import type { UserRec } from "./store";

const usernameKey = (username: string, domain: string) => `${username.toLowerCase()}\u0000${domain.toLowerCase()}`;

export class UserIndex {
  private readonly orgEmails = new Map<string, UserRec>();
  private readonly adobeEmails = new Map<string, UserRec>();
  private readonly usernames = new Map<string, UserRec>();

  add(user: UserRec): void {
    if (user.type === "adobeID") {
      this.adobeEmails.set(user.email.toLowerCase(), user);
      return;
    }
    this.orgEmails.set(user.email.toLowerCase(), user);
    this.usernames.set(usernameKey(user.username, user.domain), user);
  }

  remove(user: UserRec): void {
    if (user.type === "adobeID") {
      this.adobeEmails.delete(user.email.toLowerCase());
      return;
    }
    this.orgEmails.delete(user.email.toLowerCase());
    this.usernames.delete(usernameKey(user.username, user.domain));
  }

  /** Enterprise/Federated IDs win over an Adobe ID with the same email unless `preferAdobe` (reference §8.1). */
  byEmail(email: string, preferAdobe = false): UserRec | undefined {
    const key = email.toLowerCase();
    const org = this.orgEmails.get(key);
    const adobe = this.adobeEmails.get(key);
    return preferAdobe ? (adobe ?? org) : (org ?? adobe);
  }

  /** An Enterprise or Federated ID by email. */
  orgUser(email: string): UserRec | undefined {
    return this.orgEmails.get(email.toLowerCase());
  }

  adobeUser(email: string): UserRec | undefined {
    return this.adobeEmails.get(email.toLowerCase());
  }

  byUsername(username: string, domain: string): UserRec | undefined {
    return this.usernames.get(usernameKey(username, domain));
  }
}
