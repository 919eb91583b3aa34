/**
 * The API's contract, shared by the server and the device: one module per
 * area with its request and answer schemas, and the route table.
 */
export * from './route';
export * from './common';
export * from './auth';
export * from './activation';
export * from './setup';
export * from './devices';
export * from './staff';
export * from './children';
export * from './audit';
export * from './sync-wire';
export * from './routes';
