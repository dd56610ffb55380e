using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Scenarios;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>ADM-001…ADM-006: the admin lock API of spec v1.18 (MSC4323).</summary>
public sealed class AdminLockApiChecks(LockingSuite suite)
{
    private const string Put = "PUT /_matrix/client/v1/admin/lock/{userId}";
    private const string Get = "GET /_matrix/client/v1/admin/lock/{userId}";

    [Theory, Check("ADM-001"), NamedCases]
    public Task Only_admins_may_use_the_lock_api(string @case) => Run("ADM-001", @case, @case == "get" ? Get : Put, s =>
    {
        var r = s.R[$"adm1.{@case}"];
        if (!IsForbidden(r))
            return Outcome(Judgement.Fail($"A non-admin got {r.Summary()}; only server admins may use this endpoint (expected 403 M_FORBIDDEN)."), r);
        if (@case == "put" && LockedField(s.R["adm1.after"]) == true)
            return Outcome(Judgement.Fail("The non-admin's PUT answered 403, yet the target is now locked."), r, s.R["adm1.after"]);
        return Outcome(Judgement.Pass("403 M_FORBIDDEN for a non-admin."), r);
    });

    [Theory, Check("ADM-002"), NamedCases]
    public Task The_lock_api_does_not_reveal_users(string @case) => Run("ADM-002", @case, @case == "get" ? Get : Put, s =>
    {
        var answers = new[] { "existing", "unknown", "remote" }.Select(n => (n, r: s.R[$"adm2.{n}.{@case}"])).ToList();
        var distinct = answers.Select(a => $"{a.r.Status} {a.r.Errcode}").Distinct().Count();
        var listing = string.Join("; ", answers.Select(a => $"{a.n} user: {a.r.Summary()}"));
        var j = distinct == 1 && IsForbidden(answers[0].r)
            ? Judgement.Pass($"The same 403 M_FORBIDDEN for an existing, an unknown and a remote user.")
            : Judgement.Fail($"A non-admin can tell users apart: {listing}. Authorisation must be checked before any lookup.");
        return Outcome(j, [.. answers.Select(a => a.r)]);
    });

    [Theory, Check("ADM-003"), NamedCases]
    public Task Lock_and_unlock_through_the_api(string @case) => Run("ADM-003", @case, Put, s =>
    {
        var want = @case == "lock";
        var (put, get) = want ? (s.R["adm3.lock"], s.R["adm3.locked"]) : (s.R["adm3.unlock"], s.R["adm3.unlocked"]);
        var problems = new List<string>();
        if (put.Status != 200) problems.Add($"PUT {{\"locked\": {Json(want)}}} answered {put.Summary()}, not 200");
        else if (LockedField(put) != want) problems.Add($"PUT answered 200 with {Body(put)}, not {{\"locked\": {Json(want)}}}");
        if (get.Status != 200) problems.Add($"the GET that follows answered {get.Summary()}");
        else if (LockedField(get) != want) problems.Add($"the GET that follows says {Body(get)}, not {{\"locked\": {Json(want)}}}");
        var j = problems.Count == 0 ? Judgement.Pass($"PUT and GET agree: locked is {Json(want)}.") : Judgement.Fail(string.Join("; ", problems) + ".");
        return Outcome(j, put, get);
    });

    [Theory, Check("ADM-004"), NamedCases]
    public Task The_lock_api_error_answers(string @case) => Run("ADM-004", @case, @case is "self" or "other-admin" ? Put : $"{Get} and {Put}", s =>
    {
        if (s.CaseUnavailable.TryGetValue(@case, out var why)) return new CaseOutcome(@case, "", why);
        var (status, errcode, meaning) = @case switch
        {
            "remote-user" => (400, "M_INVALID_PARAM", "a user of another server"),
            "unknown-user" => (404, "M_NOT_FOUND", "a local user that does not exist"),
            "deactivated-user" => (404, "M_NOT_FOUND", "a deactivated user"),
            "other-admin" => (403, "M_FORBIDDEN", "locking another server admin"),
            _ => (403, "M_FORBIDDEN", "an admin locking their own account"),
        };
        var answers = new[] { "get", "put" }.Where(m => s.R.ContainsKey($"adm4.{@case}.{m}")).Select(m => (m, r: s.R[$"adm4.{@case}.{m}"])).ToList();
        var wrong = answers.Where(a => a.r.Status != status || a.r.Errcode != errcode).ToList();
        var j = wrong.Count == 0
            ? Judgement.Pass($"{status} {errcode} for {meaning}.")
            : Judgement.Fail($"For {meaning} the spec says {status} {errcode}; " + string.Join("; ", wrong.Select(w => $"{w.m.ToUpperInvariant()} answered {w.r.Summary()}")) + ".");
        return Outcome(j, [.. answers.Select(a => a.r)]);
    });

    [Theory, Check("ADM-005"), NamedCases]
    public Task The_account_moderation_capability(string @case) => Run("ADM-005", @case, "GET /_matrix/client/v3/capabilities", s =>
    {
        var check = suite.Context.Check("ADM-005");
        var r = s.R[@case == "admin" ? "caps.admin" : "caps.other"];
        var caps = r.Object?["capabilities"] as JsonObject;
        var moderation = caps?["m.account_moderation"] as JsonObject;
        Judgement j;
        if (!r.IsSuccess || caps is null) j = Judgement.Error($"GET /capabilities answered {r.Summary()}.");
        else if (@case == "admin")
            j = Bool(moderation?["lock"]) == true ? Judgement.Pass("m.account_moderation.lock is true for an admin.")
                : caps.ContainsKey("m.account_management") ? Judgement.Breach(check, "The capability is named m.account_management (the v1.18 changelog's misprint); the spec's name is m.account_moderation.")
                : Judgement.Breach(check, $"The admin lock API works, but an admin's capabilities show {(moderation is null ? "no m.account_moderation" : $"m.account_moderation {moderation.ToJsonString()}")}; clients are told to check it before locking.");
        else
            j = moderation is null ? Judgement.Pass("No m.account_moderation for a non-admin.")
                : Bool(moderation["lock"]) == true ? Judgement.Breach(check, $"A non-admin is told it may lock users: m.account_moderation {moderation.ToJsonString()}.")
                : Bool(moderation["suspend"]) != true ? Judgement.Breach(check, $"m.account_moderation {moderation.ToJsonString()} should be omitted altogether when lock and suspend are both false.")
                : Judgement.Pass($"m.account_moderation {moderation.ToJsonString()} for a non-admin.");
        return Outcome(j, r);
    });

    [Theory, Check("ADM-006"), NamedCases]
    public Task Unstable_msc4323_identifiers(string @case)
    {
        var ctx = suite.Context;
        return ctx.RunAsync("ADM-006", @case, "unstable MSC4323", async () =>
        {
            var s = await suite.AdminApi;
            if (!s.R.TryGetValue("unstable.get", out var endpoint) || !s.R.TryGetValue("caps.admin", out var caps))
                return new CaseOutcome(@case, "unstable MSC4323", s.Precondition ?? Judgement.Error("The admin API scenario ended early."));
            var parts = new[]
            {
                $"unstable endpoint {(endpoint.IsSuccess ? "offered" : "absent")} ({endpoint.Summary()})",
                $"capability uk.timedout.msc4323 {((caps.Object?["capabilities"] as JsonObject)?.ContainsKey("uk.timedout.msc4323") == true ? "offered" : "absent")}",
                $"/versions flag {(s.UnstableFeatures.Contains("uk.timedout.msc4323") ? "set" : "absent")}",
            };
            var finding = string.Join("; ", parts.Select(p => p.Split(" (")[0]));
            return CaseOutcome.From(@case, "unstable MSC4323", Judgement.Info(finding, string.Join("; ", parts) + "."), endpoint, caps);
        });
    }

    private Task Run(string checkId, string @case, string subject, Func<AdminApiScenario, CaseOutcome> judge) =>
        suite.Context.RunAsync(checkId, @case, subject, async () =>
        {
            var s = await suite.AdminApi;
            var outcome = s.Precondition is { } p ? new CaseOutcome(@case, subject, p) : judge(s);
            return outcome with { Case = @case, Subject = subject };
        });

    private static CaseOutcome Outcome(Judgement j, params MatrixResponse[] evidence) => CaseOutcome.From(null, "", j, evidence);

    private static bool IsForbidden(MatrixResponse r) => r.Status == 403 && r.Errcode == "M_FORBIDDEN";

    private static bool? LockedField(MatrixResponse r) => Bool(r.Object?["locked"]);

    private static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static string Json(bool b) => b ? "true" : "false";

    private static string Body(MatrixResponse r) => r.Object?.ToJsonString() ?? r.Text;
}
