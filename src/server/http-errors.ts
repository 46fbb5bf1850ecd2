/**
 * How refusals leave the server: always JSON `{ error, message }` with a 4xx status and plain words,
 * whether the refusal came from a service (ApiError), from schema validation, or from Fastify's own
 * body handling (malformed JSON, a body too large, a wrong content type).
 */
import type { FastifyError, FastifyInstance } from "fastify";
import { ApiError } from "./api-error";

interface Refusal {
  status: number;
  body: Record<string, unknown>;
}

function validationMessage(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return "The request is not in the expected form.";
  const where = first.instancePath
    ? first.instancePath.replace(/^\//, "").replaceAll("/", ".")
    : error.validationContext;
  if (first.keyword === "additionalProperties") {
    const extra = (first.params as { additionalProperty?: string }).additionalProperty;
    return `The request has a field the server does not accept: ${extra}.`;
  }
  if (first.keyword === "required") {
    return `The request is missing ${(first.params as { missingProperty?: string }).missingProperty}.`;
  }
  return `The request's ${where ?? "body"} is not in the expected form (${first.message ?? "invalid"}).`;
}

export function refusalFor(error: FastifyError | ApiError): Refusal {
  if (error instanceof ApiError) {
    return { status: error.status, body: { error: error.code, message: error.message, ...error.details } };
  }
  if (error.validation) {
    return { status: 400, body: { error: "invalid-request", message: validationMessage(error) } };
  }
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, body: { error: "too-large", message: "The request is larger than the server accepts." } };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { status: 415, body: { error: "not-json", message: "The server only accepts JSON (application/json)." } };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, body: { error: "malformed-json", message: "The request body is not valid JSON." } };
    default:
      break;
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return { status: 400, body: { error: "malformed-json", message: "The request body is not valid JSON." } };
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, body: { error: "bad-request", message: error.message } };
  }
  return { status: 500, body: { error: "server-error", message: "The server could not do that. Try again later." } };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    const refusal = refusalFor(error);
    if (refusal.status >= 500) request.log.error(error);
    return reply.code(refusal.status).header("cache-control", "no-store").send(refusal.body);
  });
}
