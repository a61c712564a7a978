import { StatusCodes } from 'botbuilder';
import { AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';

const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * botbuilder's CloudAdapter answers 500 when a token's signature is forged or it has expired
 * (jsonwebtoken's errors are not its AuthenticationError). Those are the caller's fault: make them
 * AuthenticationErrors, which the adapter answers with 401.
 */
export function refusingForgedTokens<A extends BotFrameworkAuthentication>(auth: A): A {
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (err) {
      if (err instanceof Error && JWT_ERRORS.has(err.name))
        throw new AuthenticationError(`Unauthorized: ${err.message}`, StatusCodes.UNAUTHORIZED);
      throw err;
    }
  };
  return auth;
}
