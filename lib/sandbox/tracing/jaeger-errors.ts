/** A bad query parameter: answered 400 with the message, in the API's own error shape. */
export class JaegerParamError extends Error {}

/** The first zod issue's message, the one Jaeger-style APIs report. */
export function firstIssueMessage(error: { issues: ReadonlyArray<{ message: string }> }): string {
  return error.issues[0]?.message ?? 'invalid parameters';
}
