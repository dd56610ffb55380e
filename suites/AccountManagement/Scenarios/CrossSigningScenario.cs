using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Harness.Provisioning;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// With a token from the OAuth 2.0 API, upload cross-signing keys, then different ones; replacing keys
/// needs user-interactive authentication, which for such a token is m.oauth, whose URL should deep-link
/// to the account page's cross_signing_reset action.
/// </summary>
public static class CrossSigningScenario
{
    public static async Task<Observed<CrossSigningReplacement>> RunAsync(SuiteContext ctx, OAuthSupport support, MetadataObservations metadata)
    {
        if (!metadata.Document.TryGet(out _, out var noOAuth)) return Observed.NotSeen<CrossSigningReplacement>(noOAuth);
        try
        {
            var user = await ctx.Accounts.RequireAsync("am_xsign", admin: false);
            var session = await new OAuthLogin(support, ctx.Profile.Oauth, ctx.Client, ctx.Secrets)
                .LoginAsync(user, "CF" + ctx.RunId.ToUpperInvariant() + "XS", ctx.Cancellation);
            var first = await UploadAsync(ctx, session, user.UserId, "FIRST");
            var replace = await UploadAsync(ctx, session, user.UserId, "SECOND");
            return new CrossSigningReplacement(first, replace);
        }
        catch (ProvisioningException e)
        {
            return Observed.NotSeen<CrossSigningReplacement>(e.Why);
        }
    }

    /// <summary>Keys of the right shape; their signatures are not real, which a server may only check after UIA.</summary>
    private static Task<MatrixResponse> UploadAsync(SuiteContext ctx, UserSession session, string userId, string tag)
    {
        JsonObject Key(string usage) => new()
        {
            ["user_id"] = userId,
            ["usage"] = new JsonArray(usage),
            ["keys"] = new JsonObject { [$"ed25519:{tag}{usage}"] = $"{tag}{usage}conformancekey" },
        };
        return ctx.Client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/keys/device_signing/upload").WithToken(session.AccessToken).WithJson(new JsonObject
        {
            ["master_key"] = Key("master"),
            ["self_signing_key"] = Key("self_signing"),
            ["user_signing_key"] = Key("user_signing"),
        }), ctx.Cancellation);
    }
}
