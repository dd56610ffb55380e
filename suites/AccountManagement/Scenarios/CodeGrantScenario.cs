using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// The authorisation code grant as the spec describes it and as clients get it wrong: each flow signs in
/// on a device of its own (see <see cref="CodeGrantObservations"/>). Only the flows the spec allows are
/// expected to give tokens; the others show whether the server says no.
/// </summary>
public static class CodeGrantScenario
{
    /// <summary>A redirect URI no client registered: the server must not send the browser there.</summary>
    public const string UnregisteredRedirectUri = "https://unregistered.example.net/callback";

    public static async Task<Observed<CodeGrantObservations>> RunAsync(Observed<OAuthFlowDriver> driver)
    {
        if (!driver.TryGet(out var d, out var why)) return Observed.NotSeen<CodeGrantObservations>(why);

        var query = await d.SignInAsync("AQ");
        var queryToken = query.AccessToken is { } token
            ? Observed.Of(new TokenUse(await d.WhoamiAsync(token), await d.Ctx.Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/devices").WithToken(token), d.Ctx.Cancellation)))
            : Observed.NotSeen<TokenUse>(Flows.NoToken(query, "use"));
        var fragment = await d.SignInAsync("AF", "fragment");
        var anyPort = LoopbackWithoutPort(d.Client) is { } redirect
            ? Observed.Of(await d.SignInAsync("AP", redirectUri: $"{redirect.Scheme}://{redirect.Host}:{AnyPort}{redirect.PathAndQuery}"))
            : Observed.NotSeen<CodeFlow>(Judgement.Skip("The client's redirect URI is not a loopback URI the suite registered without a port, so no port may be chosen.",
                $"{d.Client.Describe()} with redirect URI {d.Client.RedirectUri}"));

        var (wrongRequest, _) = d.Request("AW");
        var wrong = await d.ExchangeAsync(await d.WalkAsync(wrongRequest), Pkce.New(d.Ctx.Secrets).Verifier);
        var (missingRequest, _) = d.Request("AM");
        var missing = await d.ExchangeAsync(await d.WalkAsync(missingRequest), null);

        var (reuseRequest, reusePkce) = d.Request("AR");
        var reused = await d.ExchangeAsync(await d.WalkAsync(reuseRequest), reusePkce.Verifier);
        var second = reused.Callback?.Code is { } code && reused.AccessToken is not null
            ? await d.Tokens.AuthorizationCodeAsync(d.Client.ClientId, code, reuseRequest.RedirectUri, reusePkce.Verifier, d.Ctx.Cancellation)
            : null;
        var whoamiAfter = second is not null ? await d.WhoamiAsync(reused.AccessToken!) : null;

        var (otherRequest, _) = d.Request("AU", redirectUri: UnregisteredRedirectUri);
        var other = await d.WalkAsync(otherRequest);

        var (twoRequest, twoPkce) = d.Request("AT");
        var two = await d.ExchangeAsync(await d.WalkAsync(twoRequest with { Scope = twoRequest.Scope + " " + AuthorizationRequest.DeviceScopePrefix + d.Device("AS") }), twoPkce.Verifier);
        var (noPkceRequest, _) = d.Request("AN");
        var noPkce = await d.ExchangeAsync(await d.WalkAsync(noPkceRequest with { CodeChallenge = null }), null);
        var (noDeviceRequest, noDevicePkce) = d.Request("AD");
        var noDevice = await d.ExchangeAsync(await d.WalkAsync(noDeviceRequest with { Scope = AuthorizationRequest.ApiScope }), noDevicePkce.Verifier);

        return new CodeGrantObservations
        {
            Client = d.Client,
            UserId = d.Account.UserId,
            Query = query,
            QueryToken = queryToken,
            Fragment = fragment,
            AnyPort = anyPort,
            WrongVerifier = wrong,
            MissingVerifier = missing,
            Reuse = new CodeReuse(reused, second, whoamiAfter),
            OtherRedirect = other,
            TwoDevices = two,
            WithoutPkce = noPkce,
            WithoutDeviceScope = noDevice,
        };
    }

    /// <summary>A port no server would guess, for the loopback redirect URI registered without one.</summary>
    public const int AnyPort = 49217;

    /// <summary>The client's redirect URI when the suite registered it as a loopback URI without a port:
    /// the only case where the spec says any port must be accepted.</summary>
    public static Uri? LoopbackWithoutPort(OAuthClientUsed client) =>
        client.RegisteredBySuite && Uri.TryCreate(client.RedirectUri, UriKind.Absolute, out var u) && u.Scheme == "http" && u.IsLoopback && u.IsDefaultPort
            && !u.Authority.Contains(':') ? u : null;
}
