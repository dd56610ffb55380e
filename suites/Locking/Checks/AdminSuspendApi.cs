using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Observations;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>The admin suspend API of spec v1.18 (MSC4323): who may use it, what it reveals, whether it
/// suspends (and the suspension shows), its error answers, the capability, and its unstable identifiers.</summary>
public sealed class AdminSuspendApi(LockingSuite suite)
{
    private const string PutSubject = "PUT /_matrix/client/v1/admin/suspend/{userId}";
    private const string GetSubject = "GET /_matrix/client/v1/admin/suspend/{userId}";
    private const string CapabilitiesSubject = "GET /_matrix/client/v3/capabilities";
    private const string UnstableSubject = "unstable MSC4323 suspend";

    [Theory, Check("ADS-001"), NamedCases]
    public Task ADS001(SuspendApiMethod @case) => suite.Context.JudgeAsync(@case, () => suite.AdminSuspendApi, o => ADS001_OnlyAdmins(o, @case));

    [Theory, Check("ADS-002"), NamedCases]
    public Task ADS002(SuspendApiMethod @case) => suite.Context.JudgeAsync(@case, () => suite.AdminSuspendApi, o => ADS002_NoEnumeration(o, @case));

    [Theory, Check("ADS-003"), NamedCases]
    public Task ADS003(SuspendChange @case) => suite.Context.JudgeAsync(@case, () => suite.AdminSuspendApi, o => ADS003_SuspendAndUnsuspend(o, @case));

    [Theory, Check("ADS-004"), NamedCases]
    public Task ADS004(AdminApiError @case) => suite.Context.JudgeAsync(@case, () => suite.AdminSuspendApi, o => ADS004_ErrorAnswers(o, @case));

    [Theory, Check("ADS-005"), NamedCases]
    public Task ADS005(CapabilityViewer @case) => suite.Context.JudgeAsync(@case, () => suite.AdminSuspendApi, o => ADS005_Capability(o, @case));

    [Theory, Check("ADS-006"), NamedCases]
    public Task ADS006(string @case) => suite.Context.JudgeAsync(@case, () => suite.AdminSuspendApi, ADS006_UnstableIdentifiers);

    public static Outcome ADS001_OnlyAdmins(AdminSuspendApiObservations o, SuspendApiMethod method)
    {
        var subject = method == SuspendApiMethod.Get ? GetSubject : PutSubject;
        return o.Api.TryGet(out var api, out var why)
            ? AdminApiRules.OnlyAdmins(subject, api.NonAdmin.For(method), method == SuspendApiMethod.Put ? api.AfterNonAdminPut : null, "suspended")
            : new Outcome(subject, why);
    }

    public static Outcome ADS002_NoEnumeration(AdminSuspendApiObservations o, SuspendApiMethod method)
    {
        var subject = method == SuspendApiMethod.Get ? GetSubject : PutSubject;
        return o.Api.TryGet(out var api, out var why)
            ? AdminApiRules.NoEnumeration(subject, api.NonAdminOnExisting.For(method), api.NonAdminOnUnknown.For(method), api.NonAdminOnRemote.For(method))
            : new Outcome(subject, why);
    }

    /// <summary>The API contract (PUT and GET agree on <c>suspended</c>) and its point: while suspended the
    /// target is refused at least one of two recommended forbidden actions that worked before, and after
    /// unsuspending both work again.</summary>
    public static Outcome ADS003_SuspendAndUnsuspend(AdminSuspendApiObservations o, SuspendChange change)
    {
        if (!o.Api.TryGet(out var api, out var why)) return new Outcome(PutSubject, why);
        var want = change == SuspendChange.Suspend;
        var (put, get) = want ? (api.Suspend, api.Suspended) : (api.Unsuspend, api.Unsuspended);
        if (Expect.Arrived(put, get) is { } lost) return Outcome.Of(PutSubject, lost, put, get);
        var problems = new List<string>();
        if (put.Status != 200) problems.Add($"PUT {{\"suspended\": {Literal(want)}}} answered {put.Summary()}, not 200");
        else if (Json.Bool(put.Object?["suspended"]) != want) problems.Add($"PUT answered 200 with {Expect.Body(put)}, not {{\"suspended\": {Literal(want)}}}");
        if (get.Status != 200) problems.Add($"the GET that follows answered {get.Summary()}");
        else if (Json.Bool(get.Object?["suspended"]) != want) problems.Add($"the GET that follows says {Expect.Body(get)}, not {{\"suspended\": {Literal(want)}}}");

        if (!api.Effect.TryGet(out var effect, out var noEffect))
            return problems.Count > 0 ? Outcome.Of(PutSubject, Judgement.Fail(string.Join("; ", problems) + "."), put, get) : Outcome.Of(PutSubject, noEffect, put, get);
        var actions = want ? effect.WhileSuspended : effect.AfterUnsuspend;
        if (Expect.Arrived([.. effect.Before, .. actions]) is { } gone) return Outcome.Of(PutSubject, gone, [put, get, .. actions]);
        if (effect.Before.FirstOrDefault(r => !r.IsSuccess) is { } failedBefore && problems.Count == 0)
            return Outcome.Of(PutSubject, Judgement.Inconclusive($"PUT and GET agree, but before the suspension the target's own request already failed ({Expect.PathOf(failedBefore)} → {failedBefore.Summary()}), so the effect cannot be told."), [put, get, failedBefore]);
        if (want && actions.All(r => r.IsSuccess))
            problems.Add($"yet the target could still send a message and change its display name ({string.Join(", ", actions.Select(r => r.Summary()))}): the suspension had no effect on two of the spec's recommended forbidden actions");
        if (!want && actions.FirstOrDefault(r => !r.IsSuccess) is { } stillRefused)
            problems.Add($"yet afterwards the target's {stillRefused.Exchange.Method} {Expect.PathOf(stillRefused)} still got {stillRefused.Summary()}");
        var j = problems.Count == 0
            ? Judgement.Pass(want
                ? $"PUT and GET agree that the user is suspended, and the user's own requests are refused ({string.Join(", ", actions.Select(r => r.Summary()))})."
                : "PUT and GET agree that the user is no longer suspended, and the user's own requests work again.")
            : Judgement.Fail(string.Join("; ", problems) + ".");
        return Outcome.Of(PutSubject, j, [put, get, .. actions]);
    }

    public static Outcome ADS004_ErrorAnswers(AdminSuspendApiObservations o, AdminApiError error)
    {
        var subject = AdminApiRules.SubjectOf(error, GetSubject, PutSubject);
        if (!o.Api.TryGet(out var api, out var why)) return new Outcome(subject, why);
        Observed<IReadOnlyList<(string Method, MatrixResponse Response)>> observed = error switch
        {
            AdminApiError.RemoteUser => Observed.Of(Both(api.RemoteUser)),
            AdminApiError.UnknownUser => Observed.Of(Both(api.UnknownUser)),
            AdminApiError.DeactivatedUser => api.DeactivatedUser.Select(Both),
            AdminApiError.OtherAdmin => api.OtherAdmin.Select(PutOnly),
            _ => api.Self.Select(PutOnly),
        };
        return observed.TryGet(out var answers, out why) ? AdminApiRules.ErrorAnswers(subject, error, "suspending", answers) : new Outcome(subject, why);

        static IReadOnlyList<(string Method, MatrixResponse Response)> Both(SuspendApiPair p) => [("GET", p.Get), ("PUT", p.Put)];
        static IReadOnlyList<(string Method, MatrixResponse Response)> PutOnly(MatrixResponse put) => [("PUT", put)];
    }

    public static Outcome ADS005_Capability(AdminSuspendApiObservations o, CapabilityViewer viewer)
    {
        // Judged only where the API itself is offered: a server without it has nothing to advertise.
        if (!o.Api.TryGet(out _, out var why) || !o.Discovery.TryGet(out var d, out why)) return new Outcome(CapabilitiesSubject, why);
        var r = viewer == CapabilityViewer.Admin ? d.AdminCapabilities : d.OtherCapabilities;
        if (Expect.Arrived(r) is { } lost) return Outcome.Of(CapabilitiesSubject, lost, r);
        var caps = r.Object?["capabilities"] as JsonObject;
        var moderation = caps?["m.account_moderation"] as JsonObject;
        Judgement j;
        if (!r.IsSuccess || caps is null) j = Judgement.Error($"GET /capabilities answered {r.Summary()}.");
        else if (viewer == CapabilityViewer.Admin)
            j = Json.IsTrue(moderation?["suspend"]) ? Judgement.Pass("m.account_moderation.suspend is true for an admin.")
                : Judgement.Breach($"The admin suspend API works, but an admin's capabilities show {(moderation is null ? "no m.account_moderation" : $"m.account_moderation {moderation.ToJsonString()}")}; clients are told to check m.account_moderation.suspend before suspending.");
        else
            j = moderation is null ? Judgement.Pass("No m.account_moderation for a non-admin.")
                : Json.IsTrue(moderation["suspend"]) ? Judgement.Breach($"A non-admin is told it may suspend users: m.account_moderation {moderation.ToJsonString()}.")
                : !Json.IsTrue(moderation["lock"]) ? Judgement.Breach($"m.account_moderation {moderation.ToJsonString()} should be omitted altogether when lock and suspend are both false.")
                : Judgement.Pass($"m.account_moderation {moderation.ToJsonString()} does not offer suspension to a non-admin.");
        return Outcome.Of(CapabilitiesSubject, j, r);
    }

    public static Outcome ADS006_UnstableIdentifiers(AdminSuspendApiObservations o)
    {
        if (!o.Discovery.TryGet(out var d, out var why)) return new Outcome(UnstableSubject, why);
        if (Expect.Arrived(d.UnstableGet, d.AdminCapabilities) is { } lost) return Outcome.Of(UnstableSubject, lost, d.UnstableGet, d.AdminCapabilities);
        var capability = Json.IsTrue((d.AdminCapabilities.Object?["capabilities"] as JsonObject)?["uk.timedout.msc4323"]?["suspend"]);
        var parts = new[]
        {
            ($"unstable endpoint {(d.UnstableGet.IsSuccess ? "offered" : "absent")}", $" ({d.UnstableGet.Summary()})"),
            ($"capability uk.timedout.msc4323.suspend {(capability ? "offered" : "absent")}", ""),
            ($"/versions flag {(d.UnstableFeatures.Contains("uk.timedout.msc4323") ? "set" : "absent")}", ""),
        };
        var finding = string.Join("; ", parts.Select(p => p.Item1));
        return Outcome.Of(UnstableSubject, Judgement.Info(finding, string.Join("; ", parts.Select(p => p.Item1 + p.Item2)) + "."), d.UnstableGet, d.AdminCapabilities);
    }

    private static string Literal(bool b) => b ? "true" : "false";
}
