// The provider-profile contract, re-exported where it used to live: it is defined in src/client/profile/profile.ts.
// Kept so that modules above this layer (tools/cli, forensics) import unchanged; new code imports the client module.

export * from '../client/profile/profile.js';
