/** The programmatic API of tendlc. */
export { catalog, ruleById } from './engine/catalog.js';
export type { RuleDefinition, RuleExample, RuleWhere, RuleFamily } from './engine/rule.js';
export type { Finding, Severity } from './engine/finding.js';
export type { AccountConfig } from './engine/account-config.js';
export type { CarrierProfile } from './engine/carrier-profile.js';
export { normalizePhone } from './engine/phone.js';

// In a test suite: the simulator on a free port, and what a test needs to drive it.
export { startSimulator, DEFAULT_START } from './simulator/start-simulator.js';
export type { Simulator, StartSimulatorOptions } from './simulator/start-simulator.js';
export type { ClockControl } from './simulator/server.js';

// An integrator's twilio-node client pointed at the simulator: its `httpClient` option.
export { twilioHttpClient, simulatorUri } from './simulator/faces/twilio/client.js';
export { examples } from './simulator/files/examples.js';
export type { ExampleName } from './simulator/files/examples.js';
export { ApiRequestError } from './simulator/in-test/handset.js';
export type { Handset } from './simulator/in-test/handset.js';
export type { EventMatch, WaitForOptions } from './simulator/in-test/event-waiter.js';

// The API's resources, events and request bodies, as it answers them (generated from its document).
export type * from './simulator/api-types.js';

// The simulation in process: the engine's world on a virtual clock, without HTTP.
export { Simulation } from './simulator/simulation.js';
export type { SimulationOptions, SimulationSnapshot, SimEvent } from './simulator/simulation.js';
export { loadProfile } from './simulator/files/profile-file.js';
export { readConfigFile } from './simulator/files/config-file.js';
export type { Actor, Command, DomainEvent, Outcome, Query, QueryResult } from './engine/world/index.js';
