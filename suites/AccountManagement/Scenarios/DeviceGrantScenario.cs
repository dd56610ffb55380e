using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Harness.Provisioning;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// The device authorisation grant, when the metadata offers it, with a client registered for it (the
/// plainest native client, with the device code grant beside the others) or the profile's. One request is
/// polled before anyone approves it; a device code never issued is polled; another request is approved
/// at its verification_uri_complete (signing in over plain HTTP, like the OAuth sign-in) and polled once
/// afterwards. Nothing waits: each device code is polled once, so no poll comes too soon.
/// </summary>
public static class DeviceGrantScenario
{
    public static async Task<Observed<DeviceGrantObservations>> RunAsync(SuiteContext ctx, OAuthSupport support, MetadataObservations metadata)
    {
        if (!metadata.Document.TryGet(out var document, out var why)) return Observed.NotSeen<DeviceGrantObservations>(why);
        if (!Json.Strings(document["grant_types_supported"]).Contains(TokenEndpoint.DeviceCodeGrant))
            return Observed.NotSeen<DeviceGrantObservations>(Judgement.Skip("The server does not offer the device authorisation grant.",
                $"grant_types_supported does not list {TokenEndpoint.DeviceCodeGrant} ({Json.Text(document["grant_types_supported"], 200)})"));
        try
        {
            var login = new OAuthLogin(support, ctx.Profile.Oauth, ctx.Client, ctx.Secrets);
            var client = await ClientAsync(ctx, login);
            var account = await ctx.Accounts.RequireAsync(OAuthFlowDriver.Role, admin: false);
            var ct = ctx.Cancellation;
            var tokens = login.Tokens;
            string Device(string suffix) => "CF" + ctx.RunId.ToUpperInvariant() + "D" + suffix;

            var pending = await tokens.DeviceAuthorizationAsync(client.ClientId, AuthorizationRequest.ScopeFor(Device("GP")), ct);
            var pendingPoll = pending.StringField("device_code") is { } pendingCode
                ? Observed.Of(await tokens.DeviceCodeAsync(client.ClientId, pendingCode, ct))
                : Observed.NotSeen<MatrixResponse>(Unusable(pending));
            var unknownPoll = await tokens.DeviceCodeAsync(client.ClientId, "conformance-never-issued-" + ctx.RunId, ct);

            var device = Device("GA");
            var second = await tokens.DeviceAuthorizationAsync(client.ClientId, AuthorizationRequest.ScopeFor(device), ct);
            Observed<DeviceApproval> approved;
            if (second.StringField("device_code") is not { } deviceCode) approved = Observed.NotSeen<DeviceApproval>(Unusable(second));
            else
            {
                var link = second.StringField("verification_uri_complete");
                var walk = link is not null && Uri.TryCreate(link, UriKind.Absolute, out var start)
                    ? await login.Walker(account).WalkAsync(start, _ => false, ct)
                    : null;
                var poll = await tokens.DeviceCodeAsync(client.ClientId, deviceCode, ct);
                var whoami = poll.IsSuccess && poll.StringField("access_token") is { } token
                    ? await ctx.Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(token), ct)
                    : null;
                approved = new DeviceApproval(device, second, walk, poll, whoami);
            }
            return new DeviceGrantObservations
            {
                Client = client,
                UserId = account.UserId,
                Authorization = pending,
                PendingPoll = pendingPoll,
                UnknownPoll = unknownPoll,
                Approved = approved,
            };
        }
        catch (ProvisioningException e)
        {
            return Observed.NotSeen<DeviceGrantObservations>(e.Why);
        }
    }

    /// <summary>The profile's client, else a client registered for the device grant too; a refusal with
    /// no profile client is the same skip as the suite's own registration's.</summary>
    private static async Task<OAuthClientUsed> ClientAsync(SuiteContext ctx, OAuthLogin login)
    {
        var settings = ctx.Profile.Oauth;
        if (settings.ClientId is { } preRegistered) return new OAuthClientUsed(preRegistered, settings.RedirectUri, null);
        var endpoint = login.Tokens.Endpoint("registration_endpoint");
        var body = ClientRegistration.Request(settings.RedirectUri);
        ((JsonArray)body["grant_types"]!).Add(TokenEndpoint.DeviceCodeGrant);
        var answer = await ctx.Client.ExecuteAsync(MatrixRequest.Post(endpoint).WithJson(body), ctx.Cancellation);
        if (Expect.Arrived(answer) is { } lost) throw new ProvisioningException($"Could not register an OAuth 2.0 client for the device grant: {lost.Reason}");
        if (answer.IsSuccess && answer.StringField("client_id") is { } clientId) return new OAuthClientUsed(clientId, settings.RedirectUri, answer);
        if (answer.Status >= 500) throw new ProvisioningException($"Could not register an OAuth 2.0 client for the device grant: {answer.Summary()}.");
        throw new OAuthUnavailableException(Judgement.Skip("The server refused to register a client for the device authorisation grant, and the profile gives none (oauth.client_id).",
            $"POST {endpoint} with {body.ToJsonString()} answered {answer.Status} {answer.StringField("error") ?? answer.Summary()}"), answer);
    }

    private static Judgement Unusable(MatrixResponse answer) =>
        Expect.Arrived(answer) ?? Judgement.Inconclusive($"The device authorisation request answered {answer.Summary()} without a device_code, so there is nothing to poll.");
}
