import { boot } from '../boot.js';
import { Scorm12Tracker } from '../tracking/scorm12.js';

void boot(window, (data) => new Scorm12Tracker(window, data.status, data.tracking?.checks, data.tracking?.scenarios));
