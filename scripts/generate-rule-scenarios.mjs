#!/usr/bin/env node
// Writes scenarios/rules/<rule-id>.yaml from the catalog's examples (validator/scenario/rule-scenarios.ts).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ruleScenarioFiles } from '../dist/validator/scenario/rule-scenarios.js';

const dir = fileURLToPath(new URL('../scenarios/rules/', import.meta.url));
mkdirSync(dir, { recursive: true });
const files = ruleScenarioFiles();
for (const old of readdirSync(dir)) if (!files.has(old)) rmSync(`${dir}${old}`);
for (const [name, text] of files) writeFileSync(`${dir}${name}`, `${text}\n`);
console.log(`${String(files.size)} rule scenarios in scenarios/rules/`);
