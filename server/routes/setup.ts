/**
 * `GET /setup`: whether this server holds any school yet, so the sign-in
 * screen of a brand-new server can say how to create one instead of
 * refusing every password. No auth: it says nothing about any school, only
 * whether there is one.
 */
import { Hono } from 'hono';
import type { AppEnv, ResolvedDeps } from '../env';
import { countSchools } from '../store/schools';

export const setupRoutes = (deps: ResolvedDeps) =>
  new Hono<AppEnv>().get('/', async (c) =>
    c.json({ hasSchool: (await countSchools(deps.db)) > 0 }, 200),
  );
