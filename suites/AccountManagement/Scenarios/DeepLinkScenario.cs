using System.Net;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using Conformance.Suites.Common;
using RestSharp;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// Deep links over plain HTTP, as a client that only opens the link would make them: no session, no
/// redirects followed (except for the no-session test of AM-011, which follows them all). A user with
/// two devices gives the device IDs, and shows whether anything happened.
/// </summary>
public sealed class DeepLinkScenario
{
    public const string UnknownAction = "org.example.conformance.unknown";

    public Judgement? Precondition { get; private init; }
    public Dictionary<string, MatrixResponse> R { get; } = new(StringComparer.Ordinal);
    public UserSession? Watcher { get; private set; }
    public UserSession? Target { get; private set; }

    public static async Task<DeepLinkScenario> RunAsync(SuiteContext ctx, MetadataScenario metadata)
    {
        if (metadata.NoAccountUri is { } missing) return new DeepLinkScenario { Precondition = missing };
        var scenario = new DeepLinkScenario();
        try
        {
            await scenario.ProbeAsync(ctx, metadata, metadata.AccountUri!);
        }
        catch (ProvisioningException e)
        {
            return new DeepLinkScenario { Precondition = Judgement.Error(e.Message) };
        }
        return scenario;
    }

    private async Task ProbeAsync(SuiteContext ctx, MetadataScenario metadata, Uri uri)
    {
        var ct = ctx.Cancellation;
        var user = await ctx.Accounts.RequireAsync("am_links", admin: false);
        var device = "CF" + ctx.RunId.ToUpperInvariant();
        Watcher = await ctx.Sessions.LoginAsync(user, device + "W1", ct: ct);
        Target = await ctx.Sessions.LoginAsync(user, device + "W2", ct: ct);

        foreach (var action in new[] { "org.matrix.profile", "org.matrix.devices_list", "org.matrix.device_view", "org.matrix.device_delete", "org.matrix.account_deactivate", "org.matrix.cross_signing_reset" })
            R[$"action.{action}"] = await Link(("action", action));
        R["extra-parameter"] = await Link(("action", FirstAdvertised("org.matrix.profile")), ("id_token_hint", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJjb25mb3JtYW5jZSJ9."));
        R["device-view"] = await Link(("action", metadata.Advertises("org.matrix.device_view") ? "org.matrix.device_view" : "org.matrix.device_delete"), ("device_id", Target.DeviceId));
        R["profile-device-id"] = await Link(("action", "org.matrix.profile"), ("device_id", Target.DeviceId));
        R["unknown-action"] = await Link(("action", UnknownAction));
        R["missing-device-id"] = await Link(("action", "org.matrix.device_delete"));

        // AM-011 (a): a bare navigation to a destructive link, redirects and all, with no session.
        await Follow(("action", "org.matrix.device_delete"), ("device_id", Target.DeviceId));
        R["no-session.devices"] = await ctx.Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/devices").WithToken(Watcher.AccessToken), ct);
        R["no-session.target"] = await Whoami(Target);
        await Follow(("action", "org.matrix.account_deactivate"));
        R["no-session.account"] = await Whoami(Watcher);

        string FirstAdvertised(string preferred) => metadata.Advertises(preferred) ? preferred : metadata.Actions?.FirstOrDefault() ?? preferred;

        Task<MatrixResponse> Whoami(UserSession s) => ctx.Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(s.AccessToken), ct);

        async Task<MatrixResponse> Link(params (string Key, string Value)[] query)
        {
            // The suite's client follows no redirect, as the spec's "open the link" leaves the next step to the server.
            var request = new RestRequest(With(uri, query));
            return await ctx.Client.ExecuteAsync(request, ct);
        }

        async Task Follow(params (string Key, string Value)[] query)
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 10, CookieContainer = new CookieContainer() }) { Timeout = ctx.RequestTimeout };
            using var _ = await http.GetAsync(With(uri, query), ct);
        }
    }

    public static Uri With(Uri uri, params (string Key, string Value)[] query)
    {
        var pairs = string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        return new Uri(uri + (string.IsNullOrEmpty(uri.Query) ? "?" : "&") + pairs);
    }
}
