/**
 * Activation: `POST /auth/activate {code, password, deviceId?}` sets a first
 * password with the SENCo's code and answers exactly as sign-in does. The
 * shapes and rules live in ../activation.ts.
 */
export {
  activateRequestSchema,
  newPasswordSchema,
  MIN_PASSWORD_LENGTH,
  type ActivateRequest,
} from '../activation';
export { signInResponseSchema as activateResponseSchema } from '../protocol';
