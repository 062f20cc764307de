import { boot } from '../boot.js';
import { XapiTracker } from '../tracking/xapi.js';

void boot(window, (data) => new XapiTracker(window, data));
