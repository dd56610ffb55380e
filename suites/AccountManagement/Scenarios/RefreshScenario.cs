using Conformance.Harness.Checks;
using Conformance.Suites.AccountManagement.Observations;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// The refresh token grant on two sessions of their own. Retry: refresh, then refresh again with the same
/// refresh token before touching the new tokens (the answer was "lost"), then use the retry's access
/// token. Rotation: refresh, use the new access token, replay the old refresh token, and see whether the
/// new access token still works.
/// </summary>
public static class RefreshScenario
{
    public static async Task<RefreshObservations> RunAsync(Observed<OAuthFlowDriver> driver)
    {
        if (!driver.TryGet(out var d, out var why)) return new RefreshObservations(Observed.NotSeen<RefreshRetry>(why), Observed.NotSeen<RefreshRotation>(why));
        return new RefreshObservations(await RetryAsync(d), await RotationAsync(d));
    }

    private static async Task<Observed<RefreshRetry>> RetryAsync(OAuthFlowDriver d)
    {
        if (!(await d.SessionAsync("RR", "refresh")).TryGet(out var session, out var why)) return Observed.NotSeen<RefreshRetry>(why);
        if (session.RefreshToken is not { } refresh) return Observed.NotSeen<RefreshRetry>(NoRefreshToken);
        var first = await d.Tokens.RefreshAsync(d.Client.ClientId, refresh, d.Ctx.Cancellation);
        var retry = await d.Tokens.RefreshAsync(d.Client.ClientId, refresh, d.Ctx.Cancellation);
        var whoami = Token(retry) is { } token ? await d.WhoamiAsync(token) : null;
        return new RefreshRetry(session, first, retry, whoami);
    }

    private static async Task<Observed<RefreshRotation>> RotationAsync(OAuthFlowDriver d)
    {
        if (!(await d.SessionAsync("RT", "refresh")).TryGet(out var session, out var why)) return Observed.NotSeen<RefreshRotation>(why);
        if (session.RefreshToken is not { } refresh) return Observed.NotSeen<RefreshRotation>(NoRefreshToken);
        var refreshed = await d.Tokens.RefreshAsync(d.Client.ClientId, refresh, d.Ctx.Cancellation);
        if (Token(refreshed) is not { } token) return new RefreshRotation(session, refreshed, null, null, null);
        var whoamiNew = await d.WhoamiAsync(token);
        var replay = await d.Tokens.RefreshAsync(d.Client.ClientId, refresh, d.Ctx.Cancellation);
        return new RefreshRotation(session, refreshed, whoamiNew, replay, await d.WhoamiAsync(token));
    }

    private static readonly Judgement NoRefreshToken = Judgement.Inconclusive("The authorisation code grant issued no refresh token, so there is nothing to refresh.");

    private static string? Token(Harness.Matrix.MatrixResponse r) => r.IsSuccess ? r.StringField("access_token") : null;
}
