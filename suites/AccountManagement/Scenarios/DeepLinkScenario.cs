using System.Net;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using RestSharp;
using static Conformance.Suites.AccountManagement.Checks.ActionNames;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// Deep links over plain HTTP, as a client that only opens the link would make them: no session, no
/// redirects followed (except for the bare navigations to the destructive links, which follow them
/// all). A user with two devices gives the device IDs, and shows whether anything happened.
/// </summary>
public sealed class DeepLinkScenario
{
    public const string UnknownActionName = "org.example.conformance.unknown";
    private const string IdTokenHint = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJjb25mb3JtYW5jZSJ9.";

    private readonly SuiteContext _ctx;
    private readonly AccountManagementUrl _account;
    private readonly CancellationToken _ct;

    private DeepLinkScenario(SuiteContext ctx, AccountManagementUrl account) => (_ctx, _account, _ct) = (ctx, account, ctx.Cancellation);

    public static async Task<Observed<DeepLinkObservations>> RunAsync(SuiteContext ctx, MetadataObservations metadata)
    {
        if (!metadata.AccountManagement.TryGet(out var account, out var missing)) return Observed.NotSeen<DeepLinkObservations>(missing);
        try
        {
            return await new DeepLinkScenario(ctx, account).RunCoreAsync();
        }
        catch (ProvisioningException e)
        {
            return Observed.NotSeen<DeepLinkObservations>(e.Why);
        }
    }

    private async Task<DeepLinkObservations> RunCoreAsync()
    {
        var user = await _ctx.Accounts.RequireAsync("am_links", admin: false);
        var device = "CF" + _ctx.RunId.ToUpperInvariant();
        var watcher = await _ctx.Sessions.LoginAsync(user, device + "W1", ct: _ct);
        var target = await _ctx.Sessions.LoginAsync(user, device + "W2", ct: _ct);

        var actions = new ActionLinkAnswers
        {
            Profile = await Link(("action", Name(Profile))),
            DevicesList = await Link(("action", Name(DevicesList))),
            DeviceView = await Link(("action", Name(DeviceView))),
            DeviceDelete = await Link(("action", Name(DeviceDelete))),
            AccountDeactivate = await Link(("action", Name(AccountDeactivate))),
            CrossSigningReset = await Link(("action", Name(CrossSigningReset))),
            ExtraParameter = await Link(("action", FirstAdvertised(Profile)), ("id_token_hint", IdTokenHint)),
        };
        var deviceAction = await Link(("action", Name(_account.Advertises(DeviceView) ? DeviceView : DeviceDelete)), ("device_id", target.DeviceId));
        var profileWithDeviceId = await Link(("action", Name(Profile)), ("device_id", target.DeviceId));
        var unknownAction = await Link(("action", UnknownActionName));
        var missingDeviceId = await Link(("action", Name(DeviceDelete)));

        // A bare navigation to each destructive link, redirects and all, with no session: nothing may happen.
        await Follow(("action", Name(DeviceDelete)), ("device_id", target.DeviceId));
        var devices = await _ctx.Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/devices").WithToken(watcher.AccessToken), _ct);
        var targetToken = await Whoami(target);
        await Follow(("action", Name(AccountDeactivate)));
        var accountToken = await Whoami(watcher);

        return new DeepLinkObservations
        {
            Account = _account,
            Actions = actions,
            DeviceAction = deviceAction,
            ProfileWithDeviceId = profileWithDeviceId,
            UnknownAction = unknownAction,
            MissingDeviceId = missingDeviceId,
            NoSession = new NoSessionAftermath(target.DeviceId, devices, targetToken, accountToken),
        };
    }

    /// <summary>Links use the names the server advertises, so a server still on unstable names is tested too.</summary>
    private string Name(string action) => _account.NameFor(action);

    private string FirstAdvertised(string preferred) => _account.Advertises(preferred) ? Name(preferred) : _account.Actions.FirstOrDefault() ?? preferred;

    private Task<MatrixResponse> Whoami(UserSession s) => _ctx.Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(s.AccessToken), _ct);

    /// <summary>The suite's client follows no redirect, as the spec's "open the link" leaves the next step to the server.</summary>
    private Task<MatrixResponse> Link(params (string Key, string Value)[] query) => _ctx.Client.ExecuteAsync(new RestRequest(With(_account.Uri, query)), _ct);

    private async Task Follow(params (string Key, string Value)[] query)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 10, CookieContainer = new CookieContainer() }) { Timeout = _ctx.RequestTimeout };
        using var _ = await http.GetAsync(With(_account.Uri, query), _ct);
    }

    /// <summary>The URL with these query parameters added.</summary>
    public static Uri With(Uri uri, params (string Key, string Value)[] query)
    {
        var pairs = string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        return new Uri(uri + (string.IsNullOrEmpty(uri.Query) ? "?" : "&") + pairs);
    }
}
