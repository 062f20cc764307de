import { boot } from '../boot.js';
import { Scorm2004Tracker } from '../tracking/scorm2004.js';

void boot(window, (data) => new Scorm2004Tracker(window, data));
