using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.Locking.Observations;

/// <summary>What the locked account's tokens got, property by property in the order the scenario sent
/// the requests. The optional parts are not seen when the server or the profile does not offer them.</summary>
public sealed record LockedPhase
{
    /// <summary>Every required-auth operation, with the locked token in the Authorization header.</summary>
    public required SweepAnswers RequiredAuth { get; init; }

    /// <summary>OPTIONS with the locked token, on a sample of operations.</summary>
    public required SweepAnswers Options { get; init; }

    /// <summary>A sample of operations that need no token, sent with the locked one.</summary>
    public required SweepAnswers NoAuth { get; init; }

    /// <summary>A sample with the token in the query string; not seen (skip) when the server advertises
    /// only spec versions from v1.20 on, which dropped query-string tokens.</summary>
    public required Observed<SweepAnswers> QueryToken { get; init; }

    /// <summary>A sample with a token issued through the OAuth 2.0 API; not seen when the server does not
    /// offer it (skip) or the OAuth login failed (error).</summary>
    public required Observed<SweepAnswers> OAuthToken { get; init; }

    /// <summary>GET /account/whoami?user_id={locked user} with the application service's token; not seen
    /// (skip) when the profile names none.</summary>
    public required Observed<MatrixResponse> Appservice { get; init; }

    /// <summary>The admin's GET /admin/suspend/{locked user}.</summary>
    public required MatrixResponse SuspendStatus { get; init; }

    /// <summary>GET /account/whoami with each of the user's two locked tokens.</summary>
    public required IReadOnlyList<MatrixResponse> TokensWhileLocked { get; init; }

    /// <summary>POST /login with the right password.</summary>
    public required MatrixResponse LoginWhileLocked { get; init; }

    /// <summary>POST /refresh with a refresh token from before the lock; not seen (skip) when login
    /// issued none.</summary>
    public required Observed<MatrixResponse> RefreshWhileLocked { get; init; }

    /// <summary>The OAuth 2.0 refresh token grant; not seen when there is no OAuth token (see
    /// <see cref="OAuthToken"/>) or its login issued no refresh token.</summary>
    public required Observed<MatrixResponse> OAuthRefreshWhileLocked { get; init; }

    /// <summary>Every optional-auth operation with the locked token; sent after the login attempts,
    /// because one of them may change the password.</summary>
    public required SweepAnswers OptionalAuth { get; init; }

    /// <summary>POST /logout with a third token of the user, and that token afterwards.</summary>
    public required LogoutAnswer Logout { get; init; }

    /// <summary>The OAuth 2.0 API's logout: the OAuth token revoked at the revocation endpoint, and that
    /// token afterwards; not seen when there is no OAuth token (see <see cref="OAuthToken"/>).</summary>
    public required Observed<LogoutAnswer> OAuthRevocation { get; init; }
}
