// OAuth Problem Reporting, re-exported where it used to live: it is defined in src/client/profile/problem-reporting.ts.
// Kept so that modules above this layer (tools/cli) import unchanged; new code imports the client module.

export * from '../client/profile/problem-reporting.js';
