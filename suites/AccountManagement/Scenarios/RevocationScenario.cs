using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Observations;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// Token revocation, each case on a session of its own: revoke the access token (with the client's ID),
/// the refresh token, the access token without a client_id, and with a client_id that is not the
/// token's client; after each, whoami with the access token and a refresh with the refresh token. Then a
/// token revoked already, a token never issued, and a request with no token.
/// </summary>
public static class RevocationScenario
{
    /// <summary>A client_id that names no client of this token (nor, most likely, any client).</summary>
    public const string OtherClientId = "conformance-unrelated-client";

    public static async Task<Observed<RevocationObservations>> RunAsync(Observed<OAuthFlowDriver> driver)
    {
        if (!driver.TryGet(out var d, out var why)) return Observed.NotSeen<RevocationObservations>(why);
        var byAccess = await RevokeAsync(d, "VA", s => (s.AccessToken, d.Client.ClientId, "the access token, with the client's client_id"));
        var byRefresh = await RevokeAsync(d, "VR", s => (s.RefreshToken, d.Client.ClientId, "the refresh token, with the client's client_id"));
        var withoutClient = await RevokeAsync(d, "VN", s => (s.AccessToken, null, "the access token, without a client_id"));
        var otherClient = await RevokeAsync(d, "VO", s => (s.AccessToken, OtherClientId, $"the access token, with client_id {OtherClientId}"));
        var again = byAccess.TryGet(out var revoked, out var noRevocation)
            ? Observed.Of(await d.Tokens.RevokeAsync(revoked.Session.AccessToken, d.Client.ClientId, null, d.Ctx.Cancellation))
            : Observed.NotSeen<MatrixResponse>(noRevocation);
        var unknownToken = "conformance-never-issued-" + d.Ctx.RunId;
        return new RevocationObservations
        {
            ByAccessToken = byAccess,
            ByRefreshToken = byRefresh,
            WithoutClientId = withoutClient,
            OtherClientId = otherClient,
            AlreadyRevoked = again,
            Unknown = await d.Tokens.RevokeAsync(unknownToken, d.Client.ClientId, null, d.Ctx.Cancellation),
            MissingToken = await d.Tokens.RevokeNothingAsync(d.Client.ClientId, d.Ctx.Cancellation),
        };
    }

    private static async Task<Observed<Revocation>> RevokeAsync(OAuthFlowDriver d, string device, Func<SignedIn, (string? Token, string? ClientId, string What)> which)
    {
        if (!(await d.SessionAsync(device, "revoke")).TryGet(out var session, out var why)) return Observed.NotSeen<Revocation>(why);
        var (token, clientId, what) = which(session);
        if (token is null) return Observed.NotSeen<Revocation>(Judgement.Inconclusive("The authorisation code grant issued no refresh token, so it cannot be revoked."));
        var revoke = await d.Tokens.RevokeAsync(token, clientId, null, d.Ctx.Cancellation);
        var whoami = await d.WhoamiAsync(session.AccessToken);
        var refresh = session.RefreshToken is { } rt ? await d.Tokens.RefreshAsync(d.Client.ClientId, rt, d.Ctx.Cancellation) : null;
        return new Revocation(session, what, revoke, whoami, refresh);
    }
}
