/**
 * Every endpoint of the API, once: method, path, and the schemas of its
 * request and answer. The server's routes parse and answer through these
 * entries; the device's one client (src/sync/api.ts) calls them by name.
 */
import { route } from './route';
import { idParamsSchema } from './common';
import { signInRequestSchema, signInResponseSchema } from './auth';
import { activateRequestSchema, activateResponseSchema } from './activation';
import { healthResponseSchema, setupResponseSchema } from './setup';
import {
  devicesResponseSchema,
  deviceWipedRequestSchema,
  revokeDeviceRequestSchema,
  revokeDeviceResponseSchema,
} from './devices';
import {
  activationCodeResponseSchema,
  createStaffAccountsRequestSchema,
  createStaffAccountsResponseSchema,
  staffAccountsListSchema,
  staffActiveResponseSchema,
  staffListResponseSchema,
} from './staff';
import {
  childExportSchema,
  eraseRequestSchema,
  eraseResponseSchema,
  retentionSchema,
} from './children';
import { auditCsvSchema, auditQuerySchema, auditResponseSchema, viewReportSchema } from './audit';
import {
  deviceQuerySchema,
  deviceSeqResponseSchema,
  pullPageSchema,
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
} from './sync-wire';

export const routes = {
  health: route({
    method: 'GET',
    path: '/api/v1/health',
    auth: false,
    response: healthResponseSchema,
    responseType: 'json',
  }),
  setup: route({
    method: 'GET',
    path: '/api/v1/setup',
    auth: false,
    response: setupResponseSchema,
    responseType: 'json',
  }),
  signIn: route({
    method: 'POST',
    path: '/api/v1/auth/sign-in',
    auth: false,
    body: signInRequestSchema,
    response: signInResponseSchema,
    responseType: 'json',
  }),
  activate: route({
    method: 'POST',
    path: '/api/v1/auth/activate',
    auth: false,
    body: activateRequestSchema,
    response: activateResponseSchema,
    responseType: 'json',
  }),
  signOut: route({
    method: 'POST',
    path: '/api/v1/auth/sign-out',
    auth: true,
    responseType: 'empty',
  }),
  push: route({
    method: 'POST',
    path: '/api/v1/sync/push',
    auth: true,
    body: pushRequestSchema,
    response: pushResponseSchema,
    responseType: 'json',
  }),
  pull: route({
    method: 'GET',
    path: '/api/v1/sync/pull',
    auth: true,
    query: pullQuerySchema,
    response: pullResponseSchema,
    responseType: 'json',
    clientResponse: pullPageSchema,
  }),
  syncDevice: route({
    method: 'GET',
    path: '/api/v1/sync/device',
    auth: true,
    query: deviceQuerySchema,
    response: deviceSeqResponseSchema,
    responseType: 'json',
  }),
  devices: route({
    method: 'GET',
    path: '/api/v1/devices',
    auth: true,
    response: devicesResponseSchema,
    responseType: 'json',
  }),
  revokeDevice: route({
    method: 'POST',
    path: '/api/v1/devices/:id/revoke',
    auth: true,
    params: idParamsSchema,
    body: revokeDeviceRequestSchema,
    response: revokeDeviceResponseSchema,
    responseType: 'json',
  }),
  deviceWiped: route({
    method: 'POST',
    path: '/api/v1/devices/wiped',
    // Under the device's revoked token: the route checks it itself.
    auth: true,
    body: deviceWipedRequestSchema,
    responseType: 'empty',
  }),
  staff: route({
    method: 'GET',
    path: '/api/v1/staff',
    auth: true,
    response: staffListResponseSchema,
    responseType: 'json',
  }),
  deactivateStaff: route({
    method: 'POST',
    path: '/api/v1/staff/:id/deactivate',
    auth: true,
    params: idParamsSchema,
    response: staffActiveResponseSchema,
    responseType: 'json',
  }),
  reactivateStaff: route({
    method: 'POST',
    path: '/api/v1/staff/:id/reactivate',
    auth: true,
    params: idParamsSchema,
    response: staffActiveResponseSchema,
    responseType: 'json',
  }),
  staffAccounts: route({
    method: 'GET',
    path: '/api/v1/staff-accounts',
    auth: true,
    response: staffAccountsListSchema,
    responseType: 'json',
  }),
  createStaffAccounts: route({
    method: 'POST',
    path: '/api/v1/staff-accounts',
    auth: true,
    body: createStaffAccountsRequestSchema,
    response: createStaffAccountsResponseSchema,
    responseType: 'json',
  }),
  newActivationCode: route({
    method: 'POST',
    path: '/api/v1/staff-accounts/:id/activation-code',
    auth: true,
    params: idParamsSchema,
    response: activationCodeResponseSchema,
    responseType: 'json',
  }),
  audit: route({
    method: 'GET',
    path: '/api/v1/audit',
    auth: true,
    query: auditQuerySchema,
    response: auditResponseSchema,
    responseType: 'json',
  }),
  auditExport: route({
    method: 'GET',
    path: '/api/v1/audit/export',
    auth: true,
    query: auditQuerySchema,
    response: auditCsvSchema,
    responseType: 'text',
  }),
  reportView: route({
    method: 'POST',
    path: '/api/v1/audit/views',
    auth: true,
    body: viewReportSchema,
    responseType: 'empty',
  }),
  retention: route({
    method: 'GET',
    path: '/api/v1/children/retention',
    auth: true,
    response: retentionSchema,
    responseType: 'json',
  }),
  setRetention: route({
    method: 'PUT',
    path: '/api/v1/children/retention',
    auth: true,
    body: retentionSchema,
    response: retentionSchema,
    responseType: 'json',
  }),
  eraseLeavers: route({
    method: 'POST',
    path: '/api/v1/children/erase-leavers',
    auth: true,
    body: eraseRequestSchema,
    response: eraseResponseSchema,
    responseType: 'json',
  }),
  exportChild: route({
    method: 'GET',
    path: '/api/v1/children/:id/export',
    auth: true,
    params: idParamsSchema,
    response: childExportSchema,
    responseType: 'json',
  }),
  eraseChild: route({
    method: 'POST',
    path: '/api/v1/children/:id/erase',
    auth: true,
    params: idParamsSchema,
    body: eraseRequestSchema,
    response: eraseResponseSchema,
    responseType: 'json',
  }),
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
