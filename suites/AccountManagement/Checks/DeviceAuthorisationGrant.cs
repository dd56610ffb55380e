using System.Text.Json;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>The device authorisation grant, where the metadata offers it: the device authorisation
/// answer's fields (verification_uri_complete recommended), the polling errors, and the tokens an approved
/// device gets.</summary>
public sealed class DeviceAuthorisationGrant(AccountManagementSuite suite)
{
    private const string Request = "POST {device_authorization_endpoint}";
    private const string Poll = "POST {token_endpoint} grant_type=urn:ietf:params:oauth:grant-type:device_code";

    [Theory, Check("DAG-001"), NamedCases]
    public Task DAG001(string @case) => suite.Context.JudgeAsync(@case, () => suite.DeviceGrant, DAG001_AuthorizationAnswer);

    [Theory, Check("DAG-002"), NamedCases]
    public Task DAG002(string @case) => suite.Context.JudgeAsync(@case, () => suite.DeviceGrant, DAG002_CompleteVerificationUri);

    [Theory, Check("DAG-003"), NamedCases]
    public Task DAG003(DevicePoll @case) => suite.Context.JudgeAsync(@case, () => suite.DeviceGrant, o => DAG003_PollingErrors(o, @case));

    [Theory, Check("DAG-004"), NamedCases]
    public Task DAG004(DeviceTokens @case) => suite.Context.JudgeAsync(@case, () => suite.DeviceGrant, o => DAG004_ApprovedDeviceGetsTokens(o, @case));

    /// <summary>RFC 8628 section 3.2: device_code, user_code, verification_uri and expires_in.</summary>
    public static Outcome DAG001_AuthorizationAnswer(Observed<DeviceGrantObservations> o)
    {
        if (!o.TryGet(out var g, out var why)) return new Outcome(Request, why);
        var a = g.Authorization;
        if (Expect.Arrived(a) is { } lost) return Outcome.Of(Request, lost, a);
        if (!a.IsSuccess || a.Object is not { } doc)
            return Outcome.Of(Request, Judgement.Breach($"The device authorisation request answered {Said(a)}, not the device and user codes."), a);
        var missing = new List<string>();
        if (Json.Str(doc["device_code"]) is not { Length: > 0 }) missing.Add("device_code");
        if (Json.Str(doc["user_code"]) is not { Length: > 0 }) missing.Add("user_code");
        if (Json.HttpUrl(doc["verification_uri"]) is null) missing.Add("verification_uri (an absolute URL)");
        if (!PositiveNumber(doc["expires_in"])) missing.Add("expires_in (a positive number)");
        if (doc.ContainsKey("interval") && !PositiveNumber(doc["interval"])) missing.Add("interval (when given, a positive number)");
        return Outcome.Of(Request, missing.Count == 0
            ? Judgement.Pass($"The answer has device_code, user_code, verification_uri {Json.Str(doc["verification_uri"])} and expires_in {doc["expires_in"]!.ToJsonString()}.")
            : Judgement.Breach($"The device authorisation answer lacks {string.Join(", ", missing)}."), a);
    }

    public static Outcome DAG002_CompleteVerificationUri(Observed<DeviceGrantObservations> o)
    {
        if (!o.TryGet(out var g, out var why)) return new Outcome(Request, why);
        var a = g.Authorization;
        if (Expect.Arrived(a) is { } lost) return Outcome.Of(Request, lost, a);
        if (!a.IsSuccess) return Outcome.Of(Request, Judgement.Inconclusive($"The device authorisation request answered {Said(a)}."), a);
        return Outcome.Of(Request, Json.HttpUrl(a.Object?["verification_uri_complete"]) is not null
            ? Judgement.Pass("The answer has a verification_uri_complete, so the user need not type the code.")
            : Judgement.Breach("The answer has no verification_uri_complete (an absolute URL), which the spec recommends."), a);
    }

    /// <summary>Before approval, a poll is told authorization_pending (or slow_down); a device code never
    /// issued is invalid_grant (or expired_token).</summary>
    public static Outcome DAG003_PollingErrors(Observed<DeviceGrantObservations> o, DevicePoll poll)
    {
        if (!o.TryGet(out var g, out var why) || !g.For(poll).TryGet(out var a, out why)) return new Outcome(Poll, why);
        if (Expect.Arrived(a) is { } lost) return Outcome.Of(Poll, lost, a);
        var error = a.StringField("error");
        var expected = poll == DevicePoll.Pending ? new[] { "authorization_pending", "slow_down" } : ["invalid_grant", "expired_token"];
        var what = poll == DevicePoll.Pending ? "A poll before anyone approved the device" : "A poll with a device code never issued";
        return Outcome.Of(Poll, a.IsSuccess ? Judgement.Breach($"{what} answered {a.Status} with {(a.StringField("access_token") is null ? "no error" : "an access token")}.")
            : a.Status == 400 && expected.Contains(error) ? Judgement.Pass($"{what} answered 400 {error}.")
            : Judgement.Breach($"{what} answered {Said(a)}; RFC 8628 section 3.5 asks for 400 with {string.Join(" or ", expected)}."), a);
    }

    /// <summary>Approved at its verification page, the device gets an access token for the device its scope
    /// named, and a refresh token with it.</summary>
    public static Outcome DAG004_ApprovedDeviceGetsTokens(Observed<DeviceGrantObservations> o, DeviceTokens part)
    {
        if (!o.TryGet(out var g, out var why) || !g.Approved.TryGet(out var ap, out why)) return new Outcome(Poll, why);
        if (Expect.Arrived(ap.Poll, ap.Whoami) is { } lost) return Outcome.Of(Poll, lost, ap.Poll, ap.Whoami);
        if (!ap.Poll.IsSuccess || ap.Poll.StringField("access_token") is null)
        {
            if (ap.Walk is not { } walk) return Outcome.Of(Poll, Judgement.Inconclusive("The answer had no verification_uri_complete, so the suite could not approve the device without typing the code."), ap.Authorization, ap.Poll);
            // Approved: a consent form submitted, and a page with nothing more to do; a page with no form
            // at all (one that needs a browser) approved nothing.
            var approved = walk.End == WalkEnd.NoForm && walk.Last.IsSuccess && walk.Confirmations > 0;
            return Outcome.Of(Poll, approved
                ? Judgement.Breach($"The device was approved at its verification page ({walk.Describe()}), but the poll answered {Said(ap.Poll)}.")
                : Judgement.Inconclusive($"The suite could not approve the device at its verification page over plain HTTP ({walk.Describe()}); the poll answered {Said(ap.Poll)}."), walk.Last, ap.Poll);
        }
        var j = part == DeviceTokens.RefreshToken
            ? ap.Poll.StringField("refresh_token") is { Length: > 0 } ? Judgement.Pass("The approved device got a refresh token with its access token.") : Judgement.Breach("The approved device got no refresh token; the server must issue one.")
            : ap.Whoami is not { IsSuccess: true } w ? Judgement.Breach($"The approved device's access token did not work ({ap.Whoami?.Summary()}).")
            : w.StringField("device_id") != ap.DeviceId || w.StringField("user_id") != g.UserId
                ? Judgement.Breach($"The approved device's token belongs to {w.StringField("user_id")} on {w.StringField("device_id")}, not {g.UserId} on the requested {ap.DeviceId}.")
            : Judgement.Pass($"The approved device's token works for {g.UserId} on the requested device {ap.DeviceId}.");
        return Outcome.Of(Poll, j, ap.Poll, ap.Whoami);
    }

    private static bool PositiveNumber(System.Text.Json.Nodes.JsonNode? n) => n is not null && n.GetValueKind() == JsonValueKind.Number && n.GetValue<double>() > 0;

    private static string Said(MatrixResponse r) => r.StringField("error") is { } e ? $"{r.Status} {e}" : r.Summary();
}
