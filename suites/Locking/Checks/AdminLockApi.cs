using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Observations;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>The admin lock API of spec v1.18 (MSC4323): who may use it, what it reveals, whether it
/// locks, its error answers, the capability, and its unstable identifiers.</summary>
public sealed class AdminLockApi(LockingSuite suite)
{
    private const string PutSubject = "PUT /_matrix/client/v1/admin/lock/{userId}";
    private const string GetSubject = "GET /_matrix/client/v1/admin/lock/{userId}";
    private const string CapabilitiesSubject = "GET /_matrix/client/v3/capabilities";
    private const string UnstableSubject = "unstable MSC4323";

    [Theory, Check("ADM-001"), NamedCases]
    public Task ADM001(LockApiMethod @case) => suite.Context.JudgeAsync(@case, () => suite.AdminApi, o => ADM001_OnlyAdmins(o, @case));

    [Theory, Check("ADM-002"), NamedCases]
    public Task ADM002(LockApiMethod @case) => suite.Context.JudgeAsync(@case, () => suite.AdminApi, o => ADM002_NoEnumeration(o, @case));

    [Theory, Check("ADM-003"), NamedCases]
    public Task ADM003(LockChange @case) => suite.Context.JudgeAsync(@case, () => suite.AdminApi, o => ADM003_LockAndUnlock(o, @case));

    [Theory, Check("ADM-004"), NamedCases]
    public Task ADM004(AdminApiError @case) => suite.Context.JudgeAsync(@case, () => suite.AdminApi, o => ADM004_ErrorAnswers(o, @case));

    [Theory, Check("ADM-005"), NamedCases]
    public Task ADM005(CapabilityViewer @case) => suite.Context.JudgeAsync(@case, () => suite.AdminApi, o => ADM005_Capability(o, @case));

    [Theory, Check("ADM-006"), NamedCases]
    public Task ADM006(string @case) => suite.Context.JudgeAsync(@case, () => suite.AdminApi, ADM006_UnstableIdentifiers);

    public static Outcome ADM001_OnlyAdmins(AdminApiObservations o, LockApiMethod method)
    {
        var subject = method == LockApiMethod.Get ? GetSubject : PutSubject;
        return o.Api.TryGet(out var api, out var why)
            ? AdminApiRules.OnlyAdmins(subject, api.NonAdmin.For(method), method == LockApiMethod.Put ? api.AfterNonAdminPut : null, "locked")
            : new Outcome(subject, why);
    }

    public static Outcome ADM002_NoEnumeration(AdminApiObservations o, LockApiMethod method)
    {
        var subject = method == LockApiMethod.Get ? GetSubject : PutSubject;
        return o.Api.TryGet(out var api, out var why)
            ? AdminApiRules.NoEnumeration(subject, api.NonAdminOnExisting.For(method), api.NonAdminOnUnknown.For(method), api.NonAdminOnRemote.For(method))
            : new Outcome(subject, why);
    }

    /// <summary>A lock and an unlock through the API answer as asked, read back the same, and take effect:
    /// while locked the user's own requests are refused, after the unlock they succeed again.</summary>
    public static Outcome ADM003_LockAndUnlock(AdminApiObservations o, LockChange change)
    {
        if (!o.Api.TryGet(out var api, out var why)) return new Outcome(PutSubject, why);
        var want = change == LockChange.Lock;
        var (put, get, user) = want ? (api.Lock, api.Locked, api.UserWhileLocked) : (api.Unlock, api.Unlocked, api.UserAfterUnlock);
        if (Expect.Arrived(put, get, user) is { } lost) return Outcome.Of(PutSubject, lost, put, get, user);
        var problems = new List<string>();
        if (put.Status != 200) problems.Add($"PUT {{\"locked\": {Literal(want)}}} answered {put.Summary()}, not 200");
        else if (Json.Bool(put.Object?["locked"]) != want) problems.Add($"PUT answered 200 with {Expect.Body(put)}, not {{\"locked\": {Literal(want)}}}");
        if (get.Status != 200) problems.Add($"the GET that follows answered {get.Summary()}");
        else if (Json.Bool(get.Object?["locked"]) != want) problems.Add($"the GET that follows says {Expect.Body(get)}, not {{\"locked\": {Literal(want)}}}");
        if (want && user.IsSuccess) problems.Add($"the user's own GET /account/whoami still succeeded ({user.Summary()}): the lock did not take effect");
        if (!want && !user.IsSuccess) problems.Add($"afterwards the user's own GET /account/whoami got {user.Summary()}: the unlock did not take effect");
        var j = problems.Count == 0
            ? Judgement.Pass($"PUT and GET agree that locked is {Literal(want)}, and the user's own request {(want ? $"is refused ({user.Summary()})" : "succeeds again")}.")
            : Judgement.Fail(string.Join("; ", problems) + ".");
        return Outcome.Of(PutSubject, j, put, get, user);
    }

    public static Outcome ADM004_ErrorAnswers(AdminApiObservations o, AdminApiError error)
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
        return observed.TryGet(out var answers, out why) ? AdminApiRules.ErrorAnswers(subject, error, "locking", answers) : new Outcome(subject, why);

        static IReadOnlyList<(string Method, MatrixResponse Response)> Both(LockApiPair p) => [("GET", p.Get), ("PUT", p.Put)];
        static IReadOnlyList<(string Method, MatrixResponse Response)> PutOnly(MatrixResponse put) => [("PUT", put)];
    }

    public static Outcome ADM005_Capability(AdminApiObservations o, CapabilityViewer viewer)
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
            j = Json.IsTrue(moderation?["lock"]) ? Judgement.Pass("m.account_moderation.lock is true for an admin.")
                : caps.ContainsKey("m.account_management") ? Judgement.Breach("The capability is named m.account_management (the v1.18 changelog's misprint); the spec's name is m.account_moderation.")
                : Judgement.Breach($"The admin lock API works, but an admin's capabilities show {(moderation is null ? "no m.account_moderation" : $"m.account_moderation {moderation.ToJsonString()}")}; clients are told to check it before locking.");
        else
            j = moderation is null ? Judgement.Pass("No m.account_moderation for a non-admin.")
                : Json.IsTrue(moderation["lock"]) ? Judgement.Breach($"A non-admin is told it may lock users: m.account_moderation {moderation.ToJsonString()}.")
                : !Json.IsTrue(moderation["suspend"]) ? Judgement.Breach($"m.account_moderation {moderation.ToJsonString()} should be omitted altogether when lock and suspend are both false.")
                : Judgement.Pass($"m.account_moderation {moderation.ToJsonString()} for a non-admin.");
        return Outcome.Of(CapabilitiesSubject, j, r);
    }

    public static Outcome ADM006_UnstableIdentifiers(AdminApiObservations o)
    {
        if (!o.Discovery.TryGet(out var d, out var why)) return new Outcome(UnstableSubject, why);
        if (Expect.Arrived(d.UnstableGet, d.AdminCapabilities) is { } lost) return Outcome.Of(UnstableSubject, lost, d.UnstableGet, d.AdminCapabilities);
        var capability = (d.AdminCapabilities.Object?["capabilities"] as JsonObject)?.ContainsKey("uk.timedout.msc4323") == true;
        var parts = new[]
        {
            ($"unstable endpoint {(d.UnstableGet.IsSuccess ? "offered" : "absent")}", $" ({d.UnstableGet.Summary()})"),
            ($"capability uk.timedout.msc4323 {(capability ? "offered" : "absent")}", ""),
            ($"/versions flag {(d.UnstableFeatures.Contains("uk.timedout.msc4323") ? "set" : "absent")}", ""),
        };
        var finding = string.Join("; ", parts.Select(p => p.Item1));
        return Outcome.Of(UnstableSubject, Judgement.Info(finding, string.Join("; ", parts.Select(p => p.Item1 + p.Item2)) + "."), d.UnstableGet, d.AdminCapabilities);
    }

    private static string Literal(bool b) => b ? "true" : "false";
}
