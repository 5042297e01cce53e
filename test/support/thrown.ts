import { CvaError } from "../../src/core/errors";

/**
 * The CvaError that `f` throws, so a test can assert its code, key, parameters and place. Any
 * other error is rethrown, and a call that does not throw fails the test.
 */
export function thrown(f: () => unknown): CvaError {
  try {
    f();
  } catch (e) {
    if (e instanceof CvaError) return e;
    throw e;
  }
  throw new Error("expected a CvaError, but nothing was thrown");
}
