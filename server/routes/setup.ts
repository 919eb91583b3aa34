/**
 * `GET /setup`: whether this server holds any school yet, so the sign-in
 * screen of a brand-new server can say how to create one instead of
 * refusing every password. No auth: it says nothing about any school, only
 * whether there is one.
 */
import { Hono } from 'hono';
import { routes } from '../../src/domain/api';
import type { AppEnv, ResolvedDeps } from '../env';
import { countSchools } from '../store/schools';
import { answer } from './validation';

export const setupRoutes = (deps: ResolvedDeps) =>
  new Hono<AppEnv>().get('/', async (c) =>
    answer(c, routes.setup, { hasSchool: (await countSchools(deps.db)) > 0 }),
  );
