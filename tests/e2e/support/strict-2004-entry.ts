/** Browser entry: exposes the strict SCORM 2004 wrapper to a host page as a global. */
import { StrictScorm2004 } from '../../support/strict-scorm2004.js';

(window as unknown as { StrictScorm2004: typeof StrictScorm2004 }).StrictScorm2004 = StrictScorm2004;
