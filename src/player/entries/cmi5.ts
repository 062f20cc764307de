import { boot } from '../boot.js';
import { Cmi5Tracker } from '../tracking/cmi5.js';
import { addExitControl } from '../tracking/cmi5-exit.js';

void boot(window, (data) => new Cmi5Tracker(window, data)).then(addExitControl);
