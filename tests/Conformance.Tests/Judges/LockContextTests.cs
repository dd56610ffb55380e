using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Checks;
using Xunit;
using static Conformance.Tests.Support.ConformantLock;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The lock context's records (LK-014, LK-016) over hand-made observations.</summary>
public sealed class LockContextTests
{
    private const string Whoami = "/_matrix/client/v3/account/whoami";

    [Fact]
    public void LK014_records_what_an_application_service_gets_for_the_locked_user()
    {
        Assert.Equal("lock enforced", LockContext.LK014_AppserviceMasquerade(Observations).Judgement.Finding);
        var acts = With(Locked with { Appservice = Json(200, """{"user_id":"@subject:hs"}""", path: Whoami) });
        Assert.Equal("service acts for the locked user", LockContext.LK014_AppserviceMasquerade(acts).Judgement.Finding);
        var refused = With(Locked with { Appservice = Error(403, "M_FORBIDDEN", path: Whoami) });
        Assert.Equal("answered 403 M_FORBIDDEN", LockContext.LK014_AppserviceMasquerade(refused).Judgement.Finding);
    }

    [Fact]
    public void LK014_skips_without_an_application_service_and_errors_on_a_missing_answer()
    {
        var none = With(Locked with { Appservice = Observed.NotSeen<MatrixResponse>(Judgement.Skip("no as_token", "profile: appservice.token is not set")) });
        var skip = LockContext.LK014_AppserviceMasquerade(none).Judgement;
        Assert.Equal(Verdict.Skip, skip.Verdict);
        Assert.Equal("profile: appservice.token is not set", skip.Detection);
        Assert.Equal(Verdict.Error, LockContext.LK014_AppserviceMasquerade(With(Locked with { Appservice = NoAnswer(path: Whoami) })).Verdict);
        Assert.Equal(Verdict.Skip, LockContext.LK014_AppserviceMasquerade(NoAdapter).Verdict);
    }

    [Fact]
    public void LK016_records_whether_a_lock_is_kept_apart_from_a_suspension()
    {
        var apart = LockContext.LK016_LockIsNotSuspension(Observations).Judgement;
        Assert.Equal("lock and suspension kept apart", apart.Finding);
        Assert.Equal("0 of 2 locked answers were M_USER_SUSPENDED; GET /admin/suspend for the locked user answered 200 with suspended: false.", apart.Reason);

        var reported = With(Locked with { SuspendStatus = Json(200, """{"suspended":true}""") });
        Assert.Equal("locked user reported as suspended", LockContext.LK016_LockIsNotSuspension(reported).Judgement.Finding);

        var answered = With(Locked with { RequiredAuth = Sweep(Sent(Sync, Error(403, "M_USER_SUSPENDED"))) });
        Assert.Equal("lock answered as suspension", LockContext.LK016_LockIsNotSuspension(answered).Judgement.Finding);

        var noApi = With(Locked with { SuspendStatus = Error(404, "M_UNRECOGNIZED") });
        var unknown = LockContext.LK016_LockIsNotSuspension(noApi).Judgement;
        Assert.Equal("suspension state not available", unknown.Finding);
        Assert.EndsWith("answered 404 M_UNRECOGNIZED.", unknown.Reason);
    }

    [Fact]
    public void LK016_errors_on_a_missing_answer_and_reports_why_there_was_no_lock()
    {
        Assert.Equal(Verdict.Error, LockContext.LK016_LockIsNotSuspension(With(Locked with { SuspendStatus = NoAnswer() })).Verdict);
        Assert.Equal(Verdict.Skip, LockContext.LK016_LockIsNotSuspension(NoAdapter).Verdict);
        Assert.Equal(Verdict.Error, LockContext.LK016_LockIsNotSuspension(LockRefused).Verdict);
    }
}
