// `tendlc serve` on a disk that fills on demand, for the disk-full test where no small filesystem
// can be mounted: while the file named by the second argument exists, every journal write takes
// half of its bytes and the next one fails with ENOSPC (a short write, then a refusal).
// Prints the banner lines the test reads (URL and the owner's key), as `tendlc serve` does.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../dist/simulator/server.js';
import { loadProfile } from '../../dist/simulator/files/profile-file.js';
import { readConfigFile } from '../../dist/simulator/files/config-file.js';

const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));

const [data, flag, admin] = process.argv.slice(2);
let halfDone = false;
const journalFs = {
  openSync: fs.openSync,
  fstatSync: fs.fstatSync,
  closeSync: fs.closeSync,
  ftruncateSync: fs.ftruncateSync,
  writeSync(fd, buffer, offset, length) {
    if (!fs.existsSync(flag)) return fs.writeSync(fd, buffer, offset, length);
    halfDone = !halfDone;
    if (!halfDone) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    return fs.writeSync(fd, buffer, offset, Math.max(1, Math.floor(length / 2)));
  },
};

const profile = loadProfile('seed');
const read = readConfigFile(join(ROOT_DIR, 'examples/acme.yaml'), profile.profile);
const server = await startServer({
  profile: profile.profile,
  configs: read.configs,
  port: 0,
  data,
  clock: { mode: 'manual', scale: 0 },
  latency: 'fast',
  adminToken: admin,
  snapshotEvery: 37,
  journalFs,
});
const olga = server.keys.acme.find((k) => k.user === 'olga');
process.stdout.write(`tendlc serve: ${server.url}\n    olga         owner     ${olga.key}\n`);
const quit = () => {
  void server.stop().then(() => process.exit(0));
};
process.on('SIGTERM', quit);
process.on('SIGINT', quit);
