// Writes the rule list into the two places users see it: `stagecraft.rules` in package.json and
// the JSON schema of `.stagecraft.json`. Run after adding a rule (needs `npx tsc -p .` first);
// test/unit/ruleManifest.test.ts fails while they are out of date.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { ruleManifest } = require(path.join(root, 'out/server/src/rules/manifest.js'));

const manifest = ruleManifest();
const packagePath = path.join(root, 'package.json');
const pkg = JSON.parse(fs.readFileSync(packagePath, 'utf8'));
pkg.contributes.configuration.properties['stagecraft.rules'].properties = manifest.settingsProperties;
fs.writeFileSync(packagePath, JSON.stringify(pkg, null, 2) + '\n');
fs.writeFileSync(path.join(root, 'schemas/stagecraft.schema.json'), JSON.stringify(manifest.configSchema, null, 2) + '\n');
console.log(`synced ${Object.keys(manifest.settingsProperties).length} rules`);
