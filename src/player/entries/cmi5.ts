import { boot } from '../boot.js';
import { Cmi5Tracker } from '../tracking/cmi5.js';

void boot(window, (data) => new Cmi5Tracker(window, data));
