/**
 * Sign-in and sign-out: `POST /auth/sign-in {email, password, deviceId?}`
 * answers a session token, who signed in, and the device id the session
 * speaks for; `POST /auth/sign-out` revokes the token (204).
 */
export {
  signInRequestSchema,
  signInResponseSchema,
  signedInStaffSchema,
  type SignInResponse,
  type SignedInStaff,
} from '../protocol';
