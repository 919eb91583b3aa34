import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the settings were taken');
};

describe('the server settings', () => {
  it('has a default for everything an operator may leave unset', () => {
    expect(parseConfig({})).toEqual({
      port: 8080,
      dataDir: './data',
      db: { engine: 'sqlite', file: join('./data', 'waymark.sqlite') },
      staticDir: undefined,
      demoPassword: 'demo-password',
      demoHistory: true,
      logLevel: 'info',
      backup: { daily: false, keep: 14 },
      faults: { stallPushBeforeCommit: false },
    });
  });

  it('reads every setting, and an empty one counts as unset', () => {
    const config = parseConfig({
      PORT: '4410',
      DATA_DIR: '/srv/waymark',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      BACKUP_DAILY: 'on',
      BACKUP_KEEP: '30',
      STATIC_DIR: '/srv/client',
      DEMO_PASSWORD: 'another-one',
      DEMO_HISTORY: 'off',
      FAULT_STALL_PUSH_BEFORE_COMMIT: '1',
    });
    expect(config.demoHistory).toBe(false);
    expect(config).toMatchObject({
      port: 4410,
      db: { engine: 'sqlite', file: join('/srv/waymark', 'waymark.sqlite') },
      logLevel: 'warn',
      backup: { daily: true, keep: 30 },
      staticDir: '/srv/client',
      demoPassword: 'another-one',
      faults: { stallPushBeforeCommit: true },
    });
    expect(parseConfig({ DATABASE_URL: 'postgresql://u@h:5432/d' }).db).toEqual({
      engine: 'postgres',
      connectionString: 'postgresql://u@h:5432/d',
    });
  });

  it.each([
    [{ PORT: 'notaport' }, /^PORT must be a whole number from 1 to 65535 \(it is "notaport"\)\.$/],
    [{ PORT: '0' }, /^PORT /],
    [{ PORT: '65536' }, /^PORT /],
    [{ PORT: '80.5' }, /^PORT /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug/],
    [{ BACKUP_DAILY: 'yes' }, /^BACKUP_DAILY must be on or off/],
    [{ BACKUP_KEEP: '0' }, /^BACKUP_KEEP /],
    [{ FAULT_STALL_PUSH_BEFORE_COMMIT: 'true' }, /^FAULT_STALL_PUSH_BEFORE_COMMIT /],
    [
      { BACKUP_DAILY: 'on', DATABASE_URL: 'postgres://u@h/d' },
      /^BACKUP_DAILY must be off with DATABASE_URL/,
    ],
  ])('refuses %o in one line naming the variable', (env, message) => {
    const line = refusal(env);
    expect(line).toMatch(message);
    expect(line).not.toContain('\n');
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, without echoing it', () => {
    const line = refusal({ DATABASE_URL: 'mysql://admin:hunter2@db/school' });
    expect(line).toBe(
      'DATABASE_URL must be a postgres:// or postgresql:// URL (unset for SQLite).',
    );
    expect(line).not.toContain('hunter2');
  });
});
