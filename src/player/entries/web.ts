import { boot, standaloneFor } from '../boot.js';

void boot(window, (data) => standaloneFor(window, data));
