using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Harness.Provisioning;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// Runs authorisation code flows for one user with one client (the suite's own registration, or the
/// profile's pre-registered client), each on a device of its own: the request, the walk through the
/// server's sign-in over plain HTTP, and the code exchange. The grant, refresh and revocation scenarios
/// share one driver, so the suite registers its client once.
/// </summary>
public sealed class OAuthFlowDriver
{
    public const string Role = "oauth_api";

    private OAuthFlowDriver(SuiteContext ctx, OAuthLogin login, OAuthClientUsed client, TestAccount account)
    {
        (Ctx, Login, Client, Account) = (ctx, login, client, account);
        Walker = login.Walker(account);
    }

    public SuiteContext Ctx { get; }
    public OAuthLogin Login { get; }
    public OAuthClientUsed Client { get; }
    public TestAccount Account { get; }
    public PageWalker Walker { get; }
    public TokenEndpoint Tokens => Login.Tokens;
    private CancellationToken Ct => Ctx.Cancellation;

    /// <summary>Not seen when the server offers no OAuth 2.0 API (skip), refuses the suite's registration
    /// with no pre-registered client in the profile (skip), or the user is missing (skip).</summary>
    public static async Task<Observed<OAuthFlowDriver>> CreateAsync(SuiteContext ctx, OAuthSupport support, MetadataObservations metadata)
    {
        if (!metadata.Document.TryGet(out _, out var why)) return Observed.NotSeen<OAuthFlowDriver>(why);
        try
        {
            var login = new OAuthLogin(support, ctx.Profile.Oauth, ctx.Client, ctx.Secrets);
            var clientId = await login.ClientIdAsync(ctx.Cancellation);
            ctx.Sink.Feature("oauth-client", login.Registration is null
                ? $"{clientId}, pre-registered (the profile's oauth.client_id)"
                : $"{clientId}, registered by the suite with {ClientRegistration.Plainest}: {ClientRegistration.Request(login.RedirectUri).ToJsonString()}");
            var account = await ctx.Accounts.RequireAsync(Role, admin: false);
            return new OAuthFlowDriver(ctx, login, new OAuthClientUsed(clientId, login.RedirectUri, login.Registration), account);
        }
        catch (ProvisioningException e)
        {
            return Observed.NotSeen<OAuthFlowDriver>(e.Why);
        }
    }

    /// <summary>A device ID of at least ten characters from the unreserved set, unique to the run.</summary>
    public string Device(string suffix) => "CF" + Ctx.RunId.ToUpperInvariant() + "O" + suffix;

    /// <summary>The spec's request for one device, with a fresh PKCE pair.</summary>
    public (AuthorizationRequest Request, Pkce Pkce) Request(string deviceSuffix, string responseMode = "query", string? redirectUri = null)
    {
        var pkce = Pkce.New(Ctx.Secrets);
        return (AuthorizationRequest.For(Client.ClientId, redirectUri ?? Client.RedirectUri, Device(deviceSuffix), pkce, responseMode), pkce);
    }

    public async Task<CodeFlow> WalkAsync(AuthorizationRequest request)
    {
        var (walk, callback) = await Login.AuthorizeAsync(request, Walker, Ct);
        return new CodeFlow(request, walk, callback);
    }

    /// <summary>The flow's code exchanged (when one came back) with this verifier and the request's redirect URI.</summary>
    public async Task<CodeFlow> ExchangeAsync(CodeFlow flow, string? verifier)
    {
        if (flow.Callback?.Code is not { } code) return flow;
        Ctx.Secrets.Add(code);
        var token = await Tokens.AuthorizationCodeAsync(Client.ClientId, code, flow.Request.RedirectUri, verifier, Ct);
        return flow with { Token = token };
    }

    /// <summary>The whole flow as the spec describes it, for one device.</summary>
    public async Task<CodeFlow> SignInAsync(string deviceSuffix, string responseMode = "query", string? redirectUri = null)
    {
        var (request, pkce) = Request(deviceSuffix, responseMode, redirectUri);
        return await ExchangeAsync(await WalkAsync(request), pkce.Verifier);
    }

    /// <summary>A session for a check that needs one: not seen when the flow gave no token (why, as the
    /// flow's own judgement says).</summary>
    public async Task<Observed<SignedIn>> SessionAsync(string deviceSuffix, string purpose)
    {
        var flow = await SignInAsync(deviceSuffix);
        if (flow.AccessToken is not { } token) return Observed.NotSeen<SignedIn>(Flows.NoToken(flow, purpose));
        return new SignedIn(flow, await WhoamiAsync(token));
    }

    public Task<MatrixResponse> WhoamiAsync(string token) =>
        Ctx.Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(token), Ct);
}
