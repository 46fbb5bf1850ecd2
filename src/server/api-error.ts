/**
 * Every refusal the API gives: an HTTP 4xx status, a stable code for the client, and a plain-English
 * message a practitioner or an operator can act on. Thrown anywhere below a route, answered as JSON
 * `{ "error": code, "message": message }` by the app's error handler.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra JSON fields the client needs (e.g. the current version on a conflict). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const notSignedIn = () =>
  new ApiError(401, "not-signed-in", "This device is not signed in, or its session has ended. Sign in again.");

export const notAllowed = (message: string) => new ApiError(403, "not-allowed", message);

export const wrongTeam = () =>
  new ApiError(403, "wrong-team", "That belongs to another team. A device can only act within its own team.");
