using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Scenarios;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>What locking does to sessions over time: logout while locked (LK-007), tokens surviving
/// (LK-008), no side effects (LK-009), no new tokens (LK-010).</summary>
public sealed class LockLifecycleChecks(LockingSuite suite)
{
    private const string Whoami = "GET /_matrix/client/v3/account/whoami";

    [Theory, Check("LK-007"), NamedCases]
    public Task Logout_works_while_locked(string @case) => Run("LK-007", @case, @case == "logout" ? "POST /_matrix/client/v3/logout" : "POST /_matrix/client/v3/logout/all", s =>
    {
        if (@case == "logout")
            return s.Logout is null ? Ended(s) : JudgeLogout(s.Logout, [s.AfterLogout!], "POST /logout", "the logged-out token");
        if (s.Unavailable.TryGetValue("logout-all", out var why)) return new CaseOutcome(@case, "", why);
        return s.LogoutAll is null ? Ended(s) : JudgeLogout(s.LogoutAll, s.AfterLogoutAll, "POST /logout/all", "the user's tokens");

        CaseOutcome JudgeLogout(MatrixResponse logout, IReadOnlyList<MatrixResponse> after, string what, string tokens)
        {
            Judgement j;
            if (!logout.Arrived) j = Judgement.Error($"No response to {what}: {logout.NetworkError}.");
            else if (LockedAnswer.IsLockError(logout) || logout.Errcode == LockedAnswer.LockedErrcode)
                j = Judgement.Fail($"{what} was refused with the lock error ({logout.Summary()}); it is one of the two APIs a locked user may call.");
            else if (!logout.IsSuccess) j = Judgement.Fail($"{what} answered {logout.Summary()} while locked; it must work.");
            else if (after.FirstOrDefault(r => r.Errcode != "M_UNKNOWN_TOKEN") is { } alive)
                j = Judgement.Fail($"{what} returned {logout.Summary()}, but afterwards {tokens} still got {alive.Summary()} instead of M_UNKNOWN_TOKEN.");
            else j = Judgement.Pass($"{what} returned {logout.Summary()} while locked, and afterwards {tokens} got M_UNKNOWN_TOKEN.");
            return CaseOutcome.From(@case, "", j, [logout, .. after]);
        }
    });

    [Theory, Check("LK-008"), NamedCases]
    public Task Tokens_survive_the_lock(string @case) => Run("LK-008", @case, Whoami, s =>
    {
        var check = suite.Context.Check("LK-008");
        if (@case == "while-locked")
        {
            var answers = s.Sweep.Values.Concat(s.OptionalAuth.Values).Concat(s.QueryToken.Values).Select(x => x.Response).Concat(s.TokensWhileLocked).ToList();
            var invalidated = answers.FirstOrDefault(r => r.Errcode == "M_UNKNOWN_TOKEN");
            return invalidated is null
                ? CaseOutcome.From(@case, "", Judgement.Pass($"{answers.Count} answers to the locked tokens; none was M_UNKNOWN_TOKEN."), [.. s.TokensWhileLocked])
                : CaseOutcome.From(@case, "", Judgement.Breach(check, $"While locked, {invalidated.Exchange.Method} {PathOf(invalidated)} answered {invalidated.Summary()}: the token was treated as invalid."), [invalidated, .. s.TokensWhileLocked]);
        }
        if (s.Unavailable.TryGetValue("unlock", out var why)) return new CaseOutcome(@case, "", why);
        if (s.AfterUnlock.Count == 0) return Ended(s);
        var problems = s.AfterUnlock.Where(a => !(a.Whoami.IsSuccess && a.Whoami.StringField("user_id") == a.Session.UserId && a.Whoami.StringField("device_id") == a.Session.DeviceId))
            .Select(a => $"the token of device {a.Session.DeviceId} got {a.Whoami.Summary()}{(a.Whoami.IsSuccess ? $" for user {a.Whoami.StringField("user_id")}, device {a.Whoami.StringField("device_id")}" : "")}")
            .ToList();
        var judgement = problems.Count == 0
            ? Judgement.Pass("After unlocking, both tokens work again for the same user and device.")
            : Judgement.Breach(check, "After unlocking, " + string.Join("; ", problems) + ": the user would have to log in again.");
        return CaseOutcome.From(@case, "", judgement, [.. s.AfterUnlock.Select(a => a.Whoami)]);
    });

    [Theory, Check("LK-009"), ProbeCases]
    public Task Nothing_sent_while_locked_took_effect(string probeId)
    {
        var ctx = suite.Context;
        return ctx.RunAsync("LK-009", probeId, probeId, async () =>
        {
            var s = await suite.Lock;
            var probe = s.Probes.Probes.Single(p => p.Id == probeId);
            var subject = probe.Request;
            if (s.Precondition is { } pre) return new CaseOutcome(probeId, subject, pre);
            if (s.Unavailable.TryGetValue("unlock", out var u) || s.Unavailable.TryGetValue("side-effects", out u)) return new CaseOutcome(probeId, subject, u);
            if (!s.SideEffects.TryGetValue(probeId, out var pair)) return new CaseOutcome(probeId, subject, SweepJudge.ScenarioEnded(s));
            if (!pair.After.Arrived) return CaseOutcome.From(probeId, subject, Judgement.Error($"No response reading the state back: {pair.After.NetworkError}."), pair.After);

            var sent = probe.SentWhileLocked.Select(id => (id, x: s.Sweep.GetValueOrDefault(id) ?? s.OptionalAuth.GetValueOrDefault(id))).Where(t => t.x is not null).ToList();
            var sentNote = string.Join(", ", sent.Select(t => $"{t.id} → {t.x!.Response.Summary()}"));
            var before = probe.Fingerprint(pair.Before);
            var after = probe.Fingerprint(pair.After);
            var judgement = before == after
                ? Judgement.Pass($"Unchanged after unlocking (sent while locked: {sentNote}).")
                : Judgement.Fail($"Changed while the account was locked. Before: {before}. After: {after}. Sent while locked: {sentNote}.");
            return CaseOutcome.From(probeId, subject, judgement, [pair.Before, pair.After, .. sent.Select(t => t.x!.Response)]);
        });
    }

    [Theory, Check("LK-010"), NamedCases]
    public Task No_new_token_while_locked(string @case) => Run("LK-010", @case,
        @case switch { "login" => "POST /_matrix/client/v3/login", "refresh" => "POST /_matrix/client/v3/refresh", _ => "POST {token_endpoint} grant_type=refresh_token" }, s =>
    {
        var (response, unavailable) = @case switch
        {
            "login" => (s.LoginWhileLocked, (Judgement?)null),
            "refresh" => (s.RefreshWhileLocked, s.Unavailable.GetValueOrDefault("refresh")),
            _ => (s.OAuthRefreshWhileLocked, s.Unavailable.GetValueOrDefault("oauth")),
        };
        if (unavailable is not null) return new CaseOutcome(@case, "", unavailable);
        if (response is null) return Ended(s);
        Judgement j;
        if (!response.Arrived) j = Judgement.Error($"No response: {response.NetworkError}.");
        else if (response.Object?["access_token"] is JsonValue) j = Judgement.Fail($"A new access token was issued while the account was locked ({response.Summary()}).");
        else if (@case == "oauth-refresh") j = Judgement.Pass($"No access token was issued ({response.Summary()} {response.StringField("error")}).");
        else if (LockedAnswer.IsLockError(response)) j = Judgement.Pass("No token; 401 M_USER_LOCKED with soft_logout true.");
        else j = Judgement.Warn($"No token was issued, but the answer was {response.Summary()} (soft_logout {response.SoftLogoutRaw ?? "absent"}); it should be 401 M_USER_LOCKED with soft_logout true.");
        return CaseOutcome.From(@case, "", j, response);
    });

    private Task Run(string checkId, string @case, string subject, Func<LockScenario, CaseOutcome> judge) =>
        suite.Context.RunAsync(checkId, @case, subject, async () =>
        {
            var s = await suite.Lock;
            var outcome = s.Precondition is { } p ? new CaseOutcome(@case, subject, p) : judge(s);
            return outcome with { Subject = subject };
        });

    private static CaseOutcome Ended(LockScenario s) => new(null, "", SweepJudge.ScenarioEnded(s));

    private static string PathOf(MatrixResponse r) => new Uri(r.Exchange.Url).AbsolutePath;
}
