import type { Request, RequestHandler, Response } from 'express';
import passport from 'passport';
import { DomainError, unauthenticated } from '../../errors';
import { ANONYMOUS, type Actor } from '../../services/actor';
import type { AuthService } from '../../services/auth.service';

/**
 * A passport strategy for our bearer access tokens. Verification lives in AuthService (one place, with
 * the injectable clock); passport runs the strategy for every route that needs a user.
 */
class BearerStrategy extends passport.Strategy {
  override name = 'jetway-bearer';

  constructor(private readonly auth: AuthService) {
    super();
  }

  override authenticate(req: Request): void {
    const header = req.headers.authorization;
    if (!header) return this.success(ANONYMOUS);
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m)
      return this.error(unauthenticated('invalid_token', 'Send the access token as "Authorization: Bearer <token>".'));
    // The account as it is now (role, sign-outs), not only what the token says.
    this.auth.authenticate(m[1]!).then(
      (actor) => this.success(actor),
      (err: unknown) =>
        this.error(
          err instanceof DomainError ? err : unauthenticated('invalid_token', 'The access token is not valid.'),
        ),
    );
  }
}

export interface AuthMiddleware {
  /** Sets the actor (anonymous without a token); a bad token is refused rather than ignored. */
  identify: RequestHandler;
  /** Requires a signed-in user. */
  requireUser: RequestHandler;
}

export function authMiddleware(auth: AuthService): AuthMiddleware {
  const strategy = new BearerStrategy(auth);
  passport.use(strategy);
  const identify: RequestHandler = (req, res, next) => {
    passport.authenticate(strategy.name, { session: false }, (err: unknown, actor: Actor | false) => {
      if (err) return next(err);
      res.locals.actor = actor || ANONYMOUS;
      next();
    })(req, res, next);
  };
  const requireUser: RequestHandler = (req, res, next) =>
    identify(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (actorOf(res).kind !== 'user')
        return next(
          unauthenticated('sign_in_required', 'Please sign in: send "Authorization: Bearer <access token>".'),
        );
      next();
    });
  return { identify, requireUser };
}

export function actorOf(res: Response): Actor {
  return (res.locals.actor as Actor | undefined) ?? ANONYMOUS;
}
