using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Checks;
using Conformance.Suites.Locking.Observations;
using Conformance.Tests.Support;
using Xunit;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The admin lock API's judges (ADM-001…ADM-006) over hand-made observations.</summary>
public sealed class AdminLockApiTests
{
    private static readonly MatrixResponse Forbidden = Error(403, "M_FORBIDDEN");
    private static readonly MatrixResponse Unlocked = Json(200, """{"locked":false}""");
    private static readonly MatrixResponse LockedNow = Json(200, """{"locked":true}""");
    private static readonly LockApiPair ForbiddenPair = new(Forbidden, Forbidden);

    private static readonly AdminApiDiscovery Discovery = new(
        Json(200, """{"capabilities":{"m.account_moderation":{"lock":true,"suspend":true}}}"""),
        Json(200, """{"capabilities":{}}"""),
        Error(404, "M_UNRECOGNIZED"),
        []);

    private static readonly AdminApiAnswers Conformant = new()
    {
        NonAdmin = ForbiddenPair,
        AfterNonAdminPut = Unlocked,
        NonAdminOnExisting = ForbiddenPair,
        NonAdminOnUnknown = ForbiddenPair,
        NonAdminOnRemote = ForbiddenPair,
        Lock = LockedNow,
        Locked = LockedNow,
        Unlock = Unlocked,
        Unlocked = Unlocked,
        UserWhileLocked = Json(401, """{"errcode":"M_USER_LOCKED","error":"locked","soft_logout":true}"""),
        UserAfterUnlock = Json(200, """{"user_id":"@t:hs"}"""),
        RemoteUser = new(Error(400, "M_INVALID_PARAM"), Error(400, "M_INVALID_PARAM")),
        UnknownUser = new(Error(404, "M_NOT_FOUND"), Error(404, "M_NOT_FOUND")),
        DeactivatedUser = new LockApiPair(Error(404, "M_NOT_FOUND"), Error(404, "M_NOT_FOUND")),
        OtherAdmin = Forbidden,
        Self = Forbidden,
    };

    private static AdminApiObservations With(AdminApiAnswers api, AdminApiDiscovery? discovery = null) => new(discovery ?? Discovery, api);

    private static readonly AdminApiObservations Absent = new(Discovery, Observed.NotSeen<AdminApiAnswers>(Judgement.Skip("no admin lock API", "GET … returned 404 M_UNRECOGNIZED")));

    [Fact]
    public void A_conformant_server_passes_every_case()
    {
        var o = With(Conformant);
        foreach (var m in Enum.GetValues<LockApiMethod>())
        {
            Assert.Equal(Verdict.Pass, AdminLockApi.ADM001_OnlyAdmins(o, m).Verdict);
            Assert.Equal(Verdict.Pass, AdminLockApi.ADM002_NoEnumeration(o, m).Verdict);
        }
        foreach (var c in Enum.GetValues<LockChange>()) Assert.Equal(Verdict.Pass, AdminLockApi.ADM003_LockAndUnlock(o, c).Verdict);
        foreach (var e in Enum.GetValues<AdminApiError>()) Assert.Equal(Verdict.Pass, AdminLockApi.ADM004_ErrorAnswers(o, e).Verdict);
        foreach (var v in Enum.GetValues<CapabilityViewer>()) Assert.Equal(Verdict.Pass, AdminLockApi.ADM005_Capability(o, v).Verdict);
        Assert.Equal("unstable endpoint absent; capability uk.timedout.msc4323 absent; /versions flag absent", AdminLockApi.ADM006_UnstableIdentifiers(o).Judgement.Finding);
    }

    [Fact]
    public void Without_the_api_every_check_but_the_unstable_record_reports_the_detection()
    {
        var skip = AdminLockApi.ADM001_OnlyAdmins(Absent, LockApiMethod.Put).Judgement;
        Assert.Equal(Verdict.Skip, skip.Verdict);
        Assert.Equal("GET … returned 404 M_UNRECOGNIZED", skip.Detection);
        Assert.Equal(Verdict.Skip, AdminLockApi.ADM004_ErrorAnswers(Absent, AdminApiError.Self).Verdict);
        Assert.Equal(Verdict.Skip, AdminLockApi.ADM005_Capability(Absent, CapabilityViewer.Admin).Verdict);
        Assert.Equal(Verdict.Info, AdminLockApi.ADM006_UnstableIdentifiers(Absent).Verdict);
    }

    [Fact]
    public void A_non_admin_who_gets_through_fails_ADM001()
    {
        var o = With(Conformant with { NonAdmin = new(Unlocked, LockedNow) });
        Assert.Equal(Verdict.Fail, AdminLockApi.ADM001_OnlyAdmins(o, LockApiMethod.Get).Verdict);
        Assert.Equal(Verdict.Fail, AdminLockApi.ADM001_OnlyAdmins(o, LockApiMethod.Put).Verdict);
    }

    [Fact]
    public void A_403_that_still_locked_fails_ADM001()
    {
        var o = With(Conformant with { AfterNonAdminPut = LockedNow });
        var j = AdminLockApi.ADM001_OnlyAdmins(o, LockApiMethod.Put);
        Assert.Equal(Verdict.Fail, j.Verdict);
        Assert.Contains("yet the target is now locked", j.Reason);
        Assert.Equal(2, j.Exchanges.Count);
    }

    [Fact]
    public void Different_answers_for_unknown_users_fail_ADM002()
    {
        var o = With(Conformant with { NonAdminOnUnknown = new(Error(404, "M_NOT_FOUND"), Forbidden) });
        Assert.Equal(Verdict.Fail, AdminLockApi.ADM002_NoEnumeration(o, LockApiMethod.Get).Verdict);
        Assert.Equal(Verdict.Pass, AdminLockApi.ADM002_NoEnumeration(o, LockApiMethod.Put).Verdict);
    }

    [Fact]
    public void A_lock_that_the_get_does_not_show_fails_ADM003()
    {
        var o = With(Conformant with { Locked = Unlocked });
        var j = AdminLockApi.ADM003_LockAndUnlock(o, LockChange.Lock);
        Assert.Equal(Verdict.Fail, j.Verdict);
        Assert.Contains("the GET that follows says", j.Reason);
    }

    [Fact]
    public void An_unlock_that_answers_200_but_leaves_the_user_locked_fails_ADM003_saying_what_was_seen()
    {
        var o = With(Conformant with { UserAfterUnlock = Json(401, """{"errcode":"M_USER_LOCKED","error":"locked","soft_logout":true}""") });
        var j = AdminLockApi.ADM003_LockAndUnlock(o, LockChange.Unlock);
        Assert.Equal(Verdict.Fail, j.Verdict);
        Assert.Contains("the user's own GET /account/whoami got 401 M_USER_LOCKED: the unlock did not take effect", j.Reason);
        Assert.Equal(3, j.Exchanges.Count);
    }

    [Fact]
    public void A_lock_the_user_does_not_feel_fails_ADM003()
    {
        var j = AdminLockApi.ADM003_LockAndUnlock(With(Conformant with { UserWhileLocked = Json(200, """{"user_id":"@t:hs"}""") }), LockChange.Lock);
        Assert.Equal(Verdict.Fail, j.Verdict);
        Assert.Contains("the lock did not take effect", j.Reason);
    }

    [Theory]
    [InlineData(AdminApiError.RemoteUser)]
    [InlineData(AdminApiError.UnknownUser)]
    public void A_wrong_error_answer_fails_ADM004(AdminApiError error)
    {
        var wrong = new LockApiPair(Error(404, "M_UNKNOWN"), Error(404, "M_UNKNOWN"));
        var o = With(error == AdminApiError.RemoteUser ? Conformant with { RemoteUser = wrong } : Conformant with { UnknownUser = wrong });
        Assert.Equal(Verdict.Fail, AdminLockApi.ADM004_ErrorAnswers(o, error).Verdict);
    }

    [Fact]
    public void An_admin_who_can_lock_itself_fails_ADM004_and_a_missing_second_admin_skips()
    {
        Assert.Equal(Verdict.Fail, AdminLockApi.ADM004_ErrorAnswers(With(Conformant with { Self = LockedNow }), AdminApiError.Self).Verdict);
        var none = With(Conformant with { OtherAdmin = Observed.NotSeen<MatrixResponse>(Judgement.Skip("no second admin", "profile")) });
        Assert.Equal(Verdict.Skip, AdminLockApi.ADM004_ErrorAnswers(none, AdminApiError.OtherAdmin).Verdict);
        var undeactivated = With(Conformant with { DeactivatedUser = Observed.NotSeen<LockApiPair>(Judgement.Inconclusive("could not deactivate")) });
        Assert.Equal(Verdict.Inconclusive, AdminLockApi.ADM004_ErrorAnswers(undeactivated, AdminApiError.DeactivatedUser).Verdict);
    }

    [Fact]
    public void An_answer_that_never_came_is_an_error_not_a_verdict()
    {
        var o = With(Conformant with { Self = NoAnswer("PUT", "/_matrix/client/v1/admin/lock/@a:hs") });
        var j = AdminLockApi.ADM004_ErrorAnswers(o, AdminApiError.Self);
        Assert.Equal(Verdict.Error, j.Verdict);
        Assert.Equal(Verdict.Error, AdminLockApi.ADM001_OnlyAdmins(With(Conformant with { NonAdmin = new(NoAnswer(), Forbidden) }), LockApiMethod.Get).Verdict);
    }

    [Fact]
    public void A_missing_or_misnamed_capability_is_a_breach_of_ADM005()
    {
        var misnamed = Discovery with { AdminCapabilities = Json(200, """{"capabilities":{"m.account_management":{"lock":true}}}""") };
        var j = AdminLockApi.ADM005_Capability(With(Conformant, misnamed), CapabilityViewer.Admin).Judgement;
        Assert.True(j.IsBreach);
        Assert.Contains("misprint", j.Reason);
        Assert.Equal(Verdict.Warn, j.AtLevel(CheckLevels.Should).Verdict);
        var toNonAdmin = Discovery with { OtherCapabilities = Json(200, """{"capabilities":{"m.account_moderation":{"lock":true}}}""") };
        Assert.True(AdminLockApi.ADM005_Capability(With(Conformant, toNonAdmin), CapabilityViewer.NonAdmin).Judgement.IsBreach);
        var allFalse = Discovery with { OtherCapabilities = Json(200, """{"capabilities":{"m.account_moderation":{"lock":false,"suspend":false}}}""") };
        Assert.Contains("omitted altogether", AdminLockApi.ADM005_Capability(With(Conformant, allFalse), CapabilityViewer.NonAdmin).Reason);
    }

    [Fact]
    public void ADM006_records_what_unstable_identifiers_are_offered()
    {
        var unstable = Discovery with
        {
            UnstableGet = Json(200, """{"locked":false}"""),
            AdminCapabilities = Json(200, """{"capabilities":{"uk.timedout.msc4323":{"lock":true}}}"""),
            UnstableFeatures = ["uk.timedout.msc4323"],
        };
        Assert.Equal("unstable endpoint offered; capability uk.timedout.msc4323 offered; /versions flag set", AdminLockApi.ADM006_UnstableIdentifiers(With(Conformant, unstable)).Judgement.Finding);
    }
}
