/**
 * What a signed-in person needs, loaded as one chunk on demand (see
 * app-model `loadSignedIn`): the actions that open the device store and
 * sync, and the frame with the screens. The first screen of each role and
 * the screens used away from Wi-Fi mid-task (a lesson, logging a session)
 * are in it; the rest load when first opened (see SignedInApp).
 *
 * zod is in this chunk, not in the first script, so the switch that makes it
 * safe under the Content Security Policy is imported here, first.
 */
import '../domain/zod-config';

export { SignedInApp } from './SignedInApp';
export { activate, resume, settleDark, signIn } from './signed-in-model';
