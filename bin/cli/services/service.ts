/**
 * Something `aviary demo` runs: the sandbox, the console. Each is started in order (a later one
 * may need an earlier one's URLs) and stopped in reverse.
 */
export interface ServiceDefinition {
  name: string;
  /** Resolves once the service answers (its readiness check passed). */
  start(): Promise<RunningService>;
}

export interface RunningService {
  name: string;
  /** What a person can open, printed once everything is up. */
  endpoints: ReadonlyArray<{ label: string; url: string }>;
  /** Settles, with a reason, if the service ends by itself (a crash): the demo then stops. */
  ended: Promise<string>;
  stop(): Promise<void>;
}
