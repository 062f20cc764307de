/** Browser entry: exposes the strict SCORM 1.2 wrapper to the host page as a global. */
import { StrictScorm12 } from '../../support/strict-scorm12.js';

(window as unknown as { StrictScorm12: typeof StrictScorm12 }).StrictScorm12 = StrictScorm12;
