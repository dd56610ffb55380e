using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>
/// Token revocation, each case on a session of its own: revoking the access token, revoking the refresh
/// token, revoking without a client_id and with another client's; then revoking a token already revoked,
/// one never issued, and a request with no token at all.
/// </summary>
public sealed record RevocationObservations
{
    public required Observed<Revocation> ByAccessToken { get; init; }
    public required Observed<Revocation> ByRefreshToken { get; init; }
    public required Observed<Revocation> WithoutClientId { get; init; }
    public required Observed<Revocation> OtherClientId { get; init; }
    /// <summary>The access token revoked before, revoked again; not seen when there was none.</summary>
    public required Observed<MatrixResponse> AlreadyRevoked { get; init; }
    public required MatrixResponse Unknown { get; init; }
    public required MatrixResponse MissingToken { get; init; }

    public Observed<Revocation> For(RevokedToken t) => t == RevokedToken.AccessToken ? ByAccessToken : ByRefreshToken;
    public Observed<Revocation> For(RevocationClient c) => c == RevocationClient.WithoutClientId ? WithoutClientId : OtherClientId;
}

/// <summary>A session, the revocation request, then whoami with its access token and the refresh grant
/// with its refresh token.</summary>
public sealed record Revocation(SignedIn Session, string Sent, MatrixResponse Revoke, MatrixResponse WhoamiAfter, MatrixResponse? RefreshAfter);

/// <summary>Which of a session's tokens is revoked.</summary>
public enum RevokedToken { AccessToken, RefreshToken }

/// <summary>Revocation without the token's client's ID.</summary>
public enum RevocationClient { WithoutClientId, OtherClientId }

/// <summary>Tokens a server has nothing to revoke for.</summary>
public enum NothingToRevoke { AlreadyRevoked, Unknown }
