// Server and integration tests hash passwords at scrypt N=2^14 rather than
// the real 2^17, so suites that create many accounts stay fast. Servers the
// tests spawn as processes, and server/auth/passwords.test.ts, use the real cost.
import { setPasswordCostForTests } from '../server/auth/passwords';

export const TEST_PASSWORD_COST = { N: 2 ** 14, r: 8, p: 1 };

setPasswordCostForTests(TEST_PASSWORD_COST);
