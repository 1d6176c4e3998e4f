import assert from 'node:assert/strict';
import type { HttpResult } from './rest-client';
import { loadSelfServiceResponseValidator } from '../rest/kit/openapi-validator';

/**
 * `ok(r, method, template, status)`: asserts the status and that the answer is valid against the
 * Self-Service contract for that operation; returns the body.
 */
export function selfServiceContractCheck(): <T>(r: HttpResult<T>, method: string, template: string, status: number) => T {
  const validate = loadSelfServiceResponseValidator();
  return (r, method, template, status) => {
    assert.equal(r.status, status, `${method} ${template}: ${r.text}`);
    assert.deepEqual(validate(method, template, r.status, r.text === '' ? undefined : r.body), [], `${method} ${template} → ${r.text}`);
    return r.body;
  };
}
