using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>Token revocation: either token revokes both; revocation works without the client's ID or with
/// another; a token already revoked or unknown gets 200; a bad request gets 400 with the error.</summary>
public sealed class TokenRevocation(AccountManagementSuite suite)
{
    private const string Subject = "POST {revocation_endpoint}";

    [Theory, Check("REV-001"), NamedCases]
    public Task REV001(RevokedToken @case) => suite.Context.JudgeAsync(@case, () => suite.Revocation, o => REV001_BothTokensAreRevoked(o, @case));

    [Theory, Check("REV-002"), NamedCases]
    public Task REV002(RevocationClient @case) => suite.Context.JudgeAsync(@case, () => suite.Revocation, o => REV002_AnyClientMayRevoke(o, @case));

    [Theory, Check("REV-003"), NamedCases]
    public Task REV003(NothingToRevoke @case) => suite.Context.JudgeAsync(@case, () => suite.Revocation, o => REV003_NothingToRevokeIsOk(o, @case));

    [Theory, Check("REV-004"), NamedCases]
    public Task REV004(string @case) => suite.Context.JudgeAsync(@case, () => suite.Revocation, REV004_BadRequestIs400);

    /// <summary>After revoking one of a session's tokens, neither works (fail otherwise); the access
    /// token then gets M_UNKNOWN_TOKEN (warn for another refusal).</summary>
    public static Outcome REV001_BothTokensAreRevoked(Observed<RevocationObservations> o, RevokedToken which)
    {
        if (!o.TryGet(out var r, out var why) || !r.For(which).TryGet(out var rev, out why)) return new Outcome(Subject, why);
        return Revoked(rev, strictErrcode: true);
    }

    /// <summary>The spec's SHOULD: without a client_id, or with one that is not the token's client's, the
    /// token is still revoked.</summary>
    public static Outcome REV002_AnyClientMayRevoke(Observed<RevocationObservations> o, RevocationClient c)
    {
        if (!o.TryGet(out var r, out var why) || !r.For(c).TryGet(out var rev, out why)) return new Outcome(Subject, why);
        return Revoked(rev, strictErrcode: false);
    }

    public static Outcome REV003_NothingToRevokeIsOk(Observed<RevocationObservations> o, NothingToRevoke c)
    {
        if (!o.TryGet(out var r, out var why)) return new Outcome(Subject, why);
        var what = c == NothingToRevoke.AlreadyRevoked ? "a token already revoked" : "a token the server never issued";
        if (c == NothingToRevoke.AlreadyRevoked && !r.AlreadyRevoked.TryGet(out _, out why)) return new Outcome(Subject, why);
        var answer = c == NothingToRevoke.AlreadyRevoked ? r.AlreadyRevoked.Value : r.Unknown;
        return Outcome.Of(Subject, Expect.Arrived(answer)
            ?? (answer.Status == 200 ? Judgement.Pass($"Revoking {what} answered 200.") : Judgement.Breach($"Revoking {what} answered {Said(answer)}; the spec asks for 200.")), answer);
    }

    public static Outcome REV004_BadRequestIs400(Observed<RevocationObservations> o)
    {
        if (!o.TryGet(out var r, out var why)) return new Outcome(Subject, why);
        var a = r.MissingToken;
        return Outcome.Of(Subject, Expect.Arrived(a)
            ?? (a.Status == 400 && a.StringField("error") is not null ? Judgement.Pass($"A revocation request without a token answered 400 {a.StringField("error")}.")
                : Judgement.Breach($"A revocation request without a token answered {Said(a)}; the spec asks for 400 with the error's details.")), a);
    }

    private static Outcome Revoked(Revocation rev, bool strictErrcode)
    {
        var (revoke, whoami, refresh) = (rev.Revoke, rev.WhoamiAfter, rev.RefreshAfter);
        if (Expect.Arrived(revoke, whoami, refresh) is { } lost) return Outcome.Of(Subject, lost, revoke, whoami, refresh);
        var alive = new List<string>();
        if (whoami.IsSuccess) alive.Add("the access token still works");
        if (refresh is { IsSuccess: true }) alive.Add("the refresh token still gives tokens");
        var j = !revoke.IsSuccess && alive.Count > 0 ? Judgement.Breach($"Revoking {rev.Sent} was refused ({Said(revoke)}), and {string.Join(" and ", alive)}.")
            : alive.Count > 0 ? Judgement.Breach($"Revoking {rev.Sent} answered {Said(revoke)}, but {string.Join(" and ", alive)}.")
            : strictErrcode && whoami.Errcode != "M_UNKNOWN_TOKEN" ? Judgement.Warn($"Revoking {rev.Sent} ended the session, but the access token then got {whoami.Summary()}, not M_UNKNOWN_TOKEN.")
            : Judgement.Pass($"Revoking {rev.Sent} answered {Said(revoke)}; afterwards the access token got {whoami.Summary()}{(refresh is null ? "" : $" and the refresh token {Said(refresh)}")}.");
        return Outcome.Of(Subject, j, revoke, whoami, refresh);
    }

    private static string Said(MatrixResponse r) => r.StringField("error") is { } e ? $"{r.Status} {e}" : r.Summary();
}
