/** The LRS suite fails at once, with the fix, when the test LRS is not installed. */
import { requireLrsInstalled } from './lrs.js';

export default function setup(): void {
  requireLrsInstalled();
}
