using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>The m.oauth user-interactive authentication stage: replacing cross-signing keys with an OAuth
/// token asks for it, its URL is an http(s) URL, the session alone completes it after (and only after)
/// approval, and what a server does with it beyond the spec.</summary>
public sealed class OAuthUia(AccountManagementSuite suite)
{
    public const string Stage = "m.oauth";
    /// <summary>MSC4312's unstable name for the stage.</summary>
    public const string UnstableStage = "org.matrix.cross_signing_reset";
    private const string Subject = "POST /_matrix/client/v3/keys/device_signing/upload (OAuth token)";
    private const string DeleteSubject = "DELETE /_matrix/client/v3/devices/{deviceId} (OAuth token)";

    [Theory, Check("UO-001"), NamedCases]
    public Task UO001(string @case) => suite.Context.JudgeAsync(@case, () => suite.CrossSigning, UO001_ReplacementAsksForTheStage);

    [Theory, Check("UO-002"), NamedCases]
    public Task UO002(string @case) => suite.Context.JudgeAsync(@case, () => suite.CrossSigning, UO002_StageUrl);

    [Theory, Check("UO-003"), NamedCases]
    public Task UO003(ApprovalStep @case) => suite.Context.JudgeAsync(@case, () => suite.CrossSigning, o => UO003_SessionCompletesAfterApproval(o, @case));

    [Theory, Check("UO-004"), NamedCases]
    public Task UO004(StageElsewhere @case) => suite.Context.JudgeAsync(@case, () => suite.CrossSigning, o => UO004_StageBeyondTheSpec(o, @case));

    /// <summary>Replacing keys needs user-interactive authentication, and for an OAuth token the 401 offers
    /// a flow of the m.oauth stage, with a session.</summary>
    public static Outcome UO001_ReplacementAsksForTheStage(Observed<CrossSigningReplacement> o)
    {
        if (!o.TryGet(out var x, out var why)) return new Outcome(Subject, why);
        if (Expect.Arrived(x.First, x.Replace) is { } lost) return Outcome.Of(Subject, lost, x.First, x.Replace);
        var r = x.Replace;
        var j = !x.First.IsSuccess ? Judgement.Inconclusive($"The first upload of cross-signing keys was refused ({x.First.Summary()}), so replacing them could not be tried.")
            : r.IsSuccess ? Judgement.Breach("Different cross-signing keys replaced the uploaded ones without user-interactive authentication.")
            : r.Status != 401 ? Judgement.Breach($"Replacing the keys answered {r.Summary()}, not a 401 user-interactive authentication challenge.")
            : !Stages(r).Any(s => s.Contains(Stage)) ? Judgement.Breach($"The challenge offers the flows {Describe(r)}, none with the {Stage} stage an OAuth token can complete.")
            : Json.Str(r.Object?["session"]) is null ? Judgement.Breach($"The {Stage} challenge has no session to complete it with.")
            : Judgement.Pass($"Replacing the keys asks for user-interactive authentication with the {Stage} stage ({Describe(r)}).");
        return Outcome.Of(Subject, j, x.First, r);
    }

    /// <summary>params["m.oauth"].url is a URI with scheme http or https (https recommended: a plain http
    /// URL on a host that is not loopback is a warning).</summary>
    public static Outcome UO002_StageUrl(Observed<CrossSigningReplacement> o)
    {
        if (!o.TryGet(out var x, out var why)) return new Outcome(Subject, why);
        var r = x.Replace;
        if (Expect.Arrived(r) is { } lost) return Outcome.Of(Subject, lost, r);
        if (!Stages(r).Any(s => s.Contains(Stage))) return Outcome.Of(Subject, Judgement.Inconclusive($"Replacing the keys answered {r.Summary()} without the {Stage} stage, so there is no URL to check."), r);
        var parameters = (r.Object?["params"] as JsonObject)?[Stage];
        var url = Json.Str(parameters?["url"]);
        var j = url is null ? Judgement.Breach($"params.{Stage} has no url ({Json.Text(parameters) ?? "no params"}).")
            : !Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https") || !url.StartsWith(u.Scheme + "://", StringComparison.Ordinal)
                ? Judgement.Breach($"The {Stage} url '{url}' is not a URI with scheme http:// or https://.")
            : u.Scheme == "http" && !u.IsLoopback ? Judgement.Warn($"The {Stage} url {url} uses http on a host that is not loopback; https is recommended.")
            : Judgement.Pass($"The {Stage} url is {url}.");
        return Outcome.Of(Subject, j, r);
    }

    /// <summary>Before approval the session alone does not complete the stage (the keys stay); after the
    /// user approved at the URL, it does.</summary>
    public static Outcome UO003_SessionCompletesAfterApproval(Observed<CrossSigningReplacement> o, ApprovalStep step)
    {
        if (!o.TryGet(out var x, out var why)) return new Outcome(Subject, why);
        if (!Stages(x.Replace).Any(s => s.Contains(Stage)))
            return Outcome.Of(Subject, Judgement.Inconclusive($"Replacing the keys answered {x.Replace.Summary()} without the {Stage} stage, so there is no stage to complete."), x.Replace);
        if (!x.SessionBeforeApproval.TryGet(out var before, out why)) return Outcome.Of(Subject, why, x.Replace);
        if (Expect.Arrived(before) is { } lost) return Outcome.Of(Subject, lost, before);
        if (step == ApprovalStep.BeforeApproval)
            return Outcome.Of(Subject, before.IsSuccess
                ? Judgement.Breach("The session alone completed the stage and replaced the keys before anyone approved it at the URL.")
                : Judgement.Pass($"Before approval, the session alone got {before.Summary()} again."), x.Replace, before);
        if (before.IsSuccess) return Outcome.Of(Subject, Judgement.Inconclusive("The stage was completed before approval, so completing it after approval says nothing."), before);
        if (!x.Approval.TryGet(out var walk, out why) || !x.SessionAfterApproval.TryGet(out var after, out why)) return Outcome.Of(Subject, why, x.Replace);
        if (Expect.Arrived([.. walk.Pages, after]) is { } gone) return Outcome.Of(Subject, gone, walk.Last, after);
        var approved = walk.End == WalkEnd.NoForm && walk.Last.IsSuccess && walk.Confirmations > 0;
        var j = after.IsSuccess ? Judgement.Pass($"After approving at the URL ({walk.Describe()}), the session alone completed the stage.")
            : approved ? Judgement.Breach($"The reset was approved at the URL ({walk.Describe()}), but the session alone still got {after.Summary()}.")
            : Judgement.Inconclusive($"The suite could not approve at the {Stage} URL over plain HTTP ({walk.Describe()}), and the session alone got {after.Summary()}.");
        return Outcome.Of(Subject, j, walk.Last, after);
    }

    /// <summary>Records whether MSC4312's unstable stage is offered beside m.oauth, and what deleting a
    /// device with an OAuth token asks for (the spec has m.oauth valid only for cross-signing keys).</summary>
    public static Outcome UO004_StageBeyondTheSpec(Observed<CrossSigningReplacement> o, StageElsewhere c)
    {
        if (!o.TryGet(out var x, out var why)) return new Outcome(c == StageElsewhere.UnstableStage ? Subject : DeleteSubject, why);
        if (c == StageElsewhere.UnstableStage)
        {
            var r = x.Replace;
            if (Expect.Arrived(r) is { } lost) return Outcome.Of(Subject, lost, r);
            if (r.Status != 401) return Outcome.Of(Subject, Judgement.Inconclusive($"Replacing the keys answered {r.Summary()}, not a challenge."), r);
            var stages = Stages(r).SelectMany(s => s).ToList();
            var finding = stages.Contains(UnstableStage) ? stages.Contains(Stage) ? "unstable stage offered too" : "unstable stage only" : "stable stage only";
            return Outcome.Of(Subject, Judgement.Info(finding, $"The challenge offers {Describe(r)}."), r);
        }
        if (!x.DeleteDevice.TryGet(out var d, out why)) return new Outcome(DeleteSubject, why);
        if (Expect.Arrived(d) is { } gone) return Outcome.Of(DeleteSubject, gone, d);
        var found = d.IsSuccess ? "deleted without authentication"
            : d.Status == 401 && Stages(d).Count > 0 ? Stages(d).Any(s => s.Contains(Stage)) ? $"{Stage} offered" : $"asks for {Describe(d)}"
            : $"answered {d.Summary()}";
        return Outcome.Of(DeleteSubject, Judgement.Info(found, $"Deleting another device with the OAuth token {(d.IsSuccess ? "worked" : $"answered {d.Summary()}")}{(Stages(d).Count > 0 ? $" with the flows {Describe(d)}" : "")}."), d);
    }

    /// <summary>The stages of each flow of a UIA answer.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Stages(MatrixResponse r) =>
        (r.Object?["flows"] as JsonArray)?.OfType<JsonObject>().Select(f => Json.Strings(f["stages"])).ToList() ?? [];

    private static string Describe(MatrixResponse r) => string.Join(" | ", Stages(r).Select(s => "[" + string.Join(", ", s) + "]"));
}
