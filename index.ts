/** The programmatic API of tendlc. */
export { catalog, ruleById } from './engine/catalog.js';
export type { RuleDefinition, RuleExample, RuleWhere, RuleFamily } from './engine/rule.js';
export type { Finding, Severity } from './engine/finding.js';
export type { AccountConfig } from './engine/account-config.js';
export type { CarrierProfile } from './engine/carrier-profile.js';
export { normalizePhone } from './engine/phone.js';
export { startSimulator } from './simulator/start-simulator.js';
export type { Simulator, StartSimulatorOptions } from './simulator/start-simulator.js';
export type { ClockControl } from './simulator/server.js';
export { Simulation } from './simulator/simulation.js';
export type { SimulationOptions } from './simulator/simulation.js';
export { loadProfile } from './simulator/files/profile-file.js';
export { readConfigFile } from './simulator/files/config-file.js';
