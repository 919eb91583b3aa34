/** `GET /health`: is the server up. No auth, no database. */
import { Hono } from 'hono';
import { routes } from '../../src/domain/api';
import type { AppEnv } from '../env';
import { answer } from './validation';

export const healthRoutes = () =>
  new Hono<AppEnv>().get('/', (c) => answer(c, routes.health, { ok: true }));
