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
/// to the account page's cross_signing_reset action. Then the stage itself: the replacement with the
/// session alone before approving (still refused), the URL walked over plain HTTP (signing in and
/// approving, as a person would in a browser), the replacement with the session alone again, and a
/// device deleted with the OAuth token, an endpoint the stage is not meant for.
/// </summary>
public static class CrossSigningScenario
{
    public static async Task<Observed<CrossSigningReplacement>> RunAsync(SuiteContext ctx, OAuthSupport support, MetadataObservations metadata)
    {
        if (!metadata.Document.TryGet(out _, out var noOAuth)) return Observed.NotSeen<CrossSigningReplacement>(noOAuth);
        try
        {
            var user = await ctx.Accounts.RequireAsync("am_xsign", admin: false);
            var login = new OAuthLogin(support, ctx.Profile.Oauth, ctx.Client, ctx.Secrets);
            var session = await login.LoginAsync(user, "CF" + ctx.RunId.ToUpperInvariant() + "XS", ctx.Cancellation);
            var first = await UploadAsync(ctx, session, user.UserId, "FIRST", null);
            var replace = await UploadAsync(ctx, session, user.UserId, "SECOND", null);
            var observed = new CrossSigningReplacement(first, replace);
            if (replace.Status == 401 && replace.StringField("session") is { } uia)
            {
                var before = await UploadAsync(ctx, session, user.UserId, "SECOND", uia);
                observed = observed with { SessionBeforeApproval = before };
                if (StageUrl(replace) is { } url && !before.IsSuccess)
                {
                    var walk = await login.Walker(user).WalkAsync(url, _ => false, ctx.Cancellation);
                    observed = observed with { Approval = walk, SessionAfterApproval = await UploadAsync(ctx, session, user.UserId, "SECOND", uia) };
                }
            }
            return observed with { DeleteDevice = await DeleteOtherDeviceAsync(ctx, user, session) };
        }
        catch (ProvisioningException e)
        {
            return Observed.NotSeen<CrossSigningReplacement>(e.Why);
        }
    }

    /// <summary>DELETE /devices/{id} of a device from a password login, with the OAuth token.</summary>
    private static async Task<Observed<MatrixResponse>> DeleteOtherDeviceAsync(SuiteContext ctx, TestAccount user, UserSession session)
    {
        try
        {
            var other = await ctx.Sessions.LoginAsync(user, "CF" + ctx.RunId.ToUpperInvariant() + "XD", ct: ctx.Cancellation);
            return await ctx.Client.ExecuteAsync(MatrixRequest.Delete($"/_matrix/client/v3/devices/{MatrixRequest.Segment(other.DeviceId)}")
                .WithToken(session.AccessToken).WithJson(new JsonObject()), ctx.Cancellation);
        }
        catch (ProvisioningException e)
        {
            return Observed.NotSeen<MatrixResponse>(e.Why);
        }
    }

    /// <summary>The m.oauth stage's URL, when the answer has an absolute one.</summary>
    public static Uri? StageUrl(MatrixResponse r) =>
        Json.Str(((r.Object?["params"] as JsonObject)?["m.oauth"] as JsonObject)?["url"]) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u)
            && u.Scheme is "http" or "https" ? u : null;

    /// <summary>Keys of the right shape; their signatures are not real, which a server may only check after UIA.</summary>
    private static Task<MatrixResponse> UploadAsync(SuiteContext ctx, UserSession session, string userId, string tag, string? uiaSession)
    {
        JsonObject Key(string usage) => new()
        {
            ["user_id"] = userId,
            ["usage"] = new JsonArray(usage),
            ["keys"] = new JsonObject { [$"ed25519:{tag}{usage}"] = $"{tag}{usage}conformancekey" },
        };
        var body = new JsonObject
        {
            ["master_key"] = Key("master"),
            ["self_signing_key"] = Key("self_signing"),
            ["user_signing_key"] = Key("user_signing"),
        };
        if (uiaSession is not null) body["auth"] = new JsonObject { ["session"] = uiaSession };
        return ctx.Client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/keys/device_signing/upload").WithToken(session.AccessToken).WithJson(body), ctx.Cancellation);
    }
}
