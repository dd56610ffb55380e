using System.Text.Json.Nodes;
using System.Web;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Harness.Provisioning;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// The legacy SSO login of a server that says it supports OAuth 2.0 aware clients: the SSO redirect with
/// action=login and action=register (not followed), then the whole m.login.sso flow as a legacy client
/// with a browser has it: the redirect followed through the server's sign-in over plain HTTP until the
/// browser comes back to the client's redirectUrl, and the loginToken it carries exchanged at POST /login.
/// </summary>
public static class OAuthAwareScenario
{
    public const string RedirectPath = "/_matrix/client/v3/login/sso/redirect";
    /// <summary>Where the legacy client wants the browser back; the suite never serves it.</summary>
    public const string ClientRedirectUrl = "http://127.0.0.1/conformance-sso-callback";

    public static async Task<Observed<OAuthAwareObservations>> RunAsync(SuiteContext ctx, OAuthSupport support, MetadataObservations metadata)
    {
        if (Expect.Arrived(metadata.Login) is { } lost) return Observed.NotSeen<OAuthAwareObservations>(lost);
        if (!OAuthAwareFlows.Preferred(metadata.Login)) return Observed.NotSeen<OAuthAwareObservations>(OAuthAwareFlows.NotClaimed(metadata.Login));
        var ct = ctx.Cancellation;
        var login = await ctx.Client.ExecuteAsync(MatrixRequest.Get(Redirect("login")), ct);
        var register = await ctx.Client.ExecuteAsync(MatrixRequest.Get(Redirect("register")), ct);
        try
        {
            var account = await ctx.Accounts.RequireAsync(OAuthFlowDriver.Role, admin: false);
            var back = new Uri(ClientRedirectUrl);
            var walker = new PageWalker(ctx.Client, account, ctx.Profile.Oauth.Login);
            var walk = await walker.WalkAsync(new Uri(ctx.Client.BaseUrl + Redirect(null)), next => OAuthLogin.IsRedirectUri(next, back), ct);
            var loginToken = walk.Destination is { } to ? HttpUtility.ParseQueryString(to.Query)["loginToken"] : null;
            ctx.Secrets.Add(loginToken);
            MatrixResponse? tokenLogin = null, whoami = null;
            if (loginToken is not null)
            {
                tokenLogin = await ctx.Client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/login").WithJson(new JsonObject
                {
                    ["type"] = "m.login.token",
                    ["token"] = loginToken,
                    ["device_id"] = "CF" + ctx.RunId.ToUpperInvariant() + "SSO",
                }), ct);
                if (tokenLogin.IsSuccess && tokenLogin.StringField("access_token") is { } token)
                    whoami = await ctx.Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(token), ct);
            }
            return new OAuthAwareObservations
            {
                RedirectLogin = login,
                RedirectRegister = register,
                Login = new SsoLogin(ClientRedirectUrl, walk, loginToken, tokenLogin, whoami),
            };
        }
        catch (ProvisioningException e)
        {
            return Observed.NotSeen<OAuthAwareObservations>(e.Why);
        }
    }

    private static string Redirect(string? action) =>
        $"{RedirectPath}?redirectUrl={Uri.EscapeDataString(ClientRedirectUrl)}{(action is null ? "" : "&action=" + action)}";
}
