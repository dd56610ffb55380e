using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Checks;
using Conformance.Suites.Locking.Observations;
using Xunit;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The admin suspend API's judges (ADS-001…ADS-006) over hand-made observations.</summary>
public sealed class AdminSuspendApiTests
{
    private static readonly MatrixResponse Forbidden = Error(403, "M_FORBIDDEN");
    private static readonly MatrixResponse NotSuspended = Json(200, """{"suspended":false}""");
    private static readonly MatrixResponse SuspendedNow = Json(200, """{"suspended":true}""");
    private static readonly MatrixResponse Refused = Error(403, "M_USER_SUSPENDED", "PUT", "/_matrix/client/v3/rooms/!r:hs/send/m.room.message/1");
    private static readonly MatrixResponse Done = Json(200, "{}", "PUT", "/_matrix/client/v3/profile/@t:hs/displayname");
    private static readonly SuspendApiPair ForbiddenPair = new(Forbidden, Forbidden);

    private static readonly AdminApiDiscovery Discovery = new(
        Json(200, """{"capabilities":{"m.account_moderation":{"lock":true,"suspend":true}}}"""),
        Json(200, """{"capabilities":{}}"""),
        Error(404, "M_UNRECOGNIZED"),
        []);

    private static readonly AdminSuspendAnswers Conformant = new()
    {
        NonAdmin = ForbiddenPair,
        AfterNonAdminPut = NotSuspended,
        NonAdminOnExisting = ForbiddenPair,
        NonAdminOnUnknown = ForbiddenPair,
        NonAdminOnRemote = ForbiddenPair,
        Suspend = SuspendedNow,
        Suspended = SuspendedNow,
        Unsuspend = NotSuspended,
        Unsuspended = NotSuspended,
        Effect = new SuspensionEffect([Done, Done], [Refused, Refused], [Done, Done]),
        RemoteUser = new(Error(400, "M_INVALID_PARAM"), Error(400, "M_INVALID_PARAM")),
        UnknownUser = new(Error(404, "M_NOT_FOUND"), Error(404, "M_NOT_FOUND")),
        DeactivatedUser = new SuspendApiPair(Error(404, "M_NOT_FOUND"), Error(404, "M_NOT_FOUND")),
        OtherAdmin = Forbidden,
        Self = Forbidden,
    };

    private static AdminSuspendApiObservations With(AdminSuspendAnswers api, AdminApiDiscovery? discovery = null) => new(discovery ?? Discovery, api);

    private static readonly AdminSuspendApiObservations Absent = new(Discovery, Observed.NotSeen<AdminSuspendAnswers>(Judgement.Skip("no admin suspend API", "GET … returned 404 M_UNRECOGNIZED")));

    [Fact]
    public void A_conformant_server_passes_every_case()
    {
        var o = With(Conformant);
        foreach (var m in Enum.GetValues<SuspendApiMethod>())
        {
            Assert.Equal(Verdict.Pass, AdminSuspendApi.ADS001_OnlyAdmins(o, m).Verdict);
            Assert.Equal(Verdict.Pass, AdminSuspendApi.ADS002_NoEnumeration(o, m).Verdict);
        }
        foreach (var c in Enum.GetValues<SuspendChange>()) Assert.Equal(Verdict.Pass, AdminSuspendApi.ADS003_SuspendAndUnsuspend(o, c).Verdict);
        foreach (var e in Enum.GetValues<AdminApiError>()) Assert.Equal(Verdict.Pass, AdminSuspendApi.ADS004_ErrorAnswers(o, e).Verdict);
        foreach (var v in Enum.GetValues<CapabilityViewer>()) Assert.Equal(Verdict.Pass, AdminSuspendApi.ADS005_Capability(o, v).Verdict);
        Assert.Equal("unstable endpoint absent; capability uk.timedout.msc4323.suspend absent; /versions flag absent", AdminSuspendApi.ADS006_UnstableIdentifiers(o).Judgement.Finding);
    }

    [Fact]
    public void Without_the_API_the_API_cases_skip_and_the_unstable_record_remains()
    {
        Assert.Equal(Verdict.Skip, AdminSuspendApi.ADS001_OnlyAdmins(Absent, SuspendApiMethod.Put).Verdict);
        Assert.Equal(Verdict.Skip, AdminSuspendApi.ADS003_SuspendAndUnsuspend(Absent, SuspendChange.Suspend).Verdict);
        Assert.Equal(Verdict.Skip, AdminSuspendApi.ADS005_Capability(Absent, CapabilityViewer.Admin).Verdict);
        Assert.Equal(Verdict.Info, AdminSuspendApi.ADS006_UnstableIdentifiers(Absent).Verdict);
    }

    [Fact]
    public void A_non_admin_who_gets_through_or_tells_users_apart_fails()
    {
        var open = With(Conformant with { NonAdmin = new(NotSuspended, SuspendedNow) });
        Assert.Equal(Verdict.Fail, AdminSuspendApi.ADS001_OnlyAdmins(open, SuspendApiMethod.Get).Verdict);
        var sneaky = With(Conformant with { AfterNonAdminPut = SuspendedNow });
        Assert.Contains("yet the target is now suspended", AdminSuspendApi.ADS001_OnlyAdmins(sneaky, SuspendApiMethod.Put).Reason);
        var enumerates = With(Conformant with { NonAdminOnUnknown = new(Error(404, "M_NOT_FOUND"), Error(404, "M_NOT_FOUND")) });
        Assert.Equal(Verdict.Fail, AdminSuspendApi.ADS002_NoEnumeration(enumerates, SuspendApiMethod.Get).Verdict);
        Assert.Equal(Verdict.Error, AdminSuspendApi.ADS001_OnlyAdmins(With(Conformant with { NonAdmin = new(NoAnswer(), Forbidden) }), SuspendApiMethod.Get).Verdict);
    }

    [Fact]
    public void A_suspension_must_be_reported_and_take_effect()
    {
        var noEffect = With(Conformant with { Effect = new SuspensionEffect([Done, Done], [Done, Done], [Done, Done]) });
        var j = AdminSuspendApi.ADS003_SuspendAndUnsuspend(noEffect, SuspendChange.Suspend);
        Assert.Equal(Verdict.Fail, j.Verdict);
        Assert.Contains("the suspension had no effect", j.Reason);
        Assert.Equal(Verdict.Pass, AdminSuspendApi.ADS003_SuspendAndUnsuspend(noEffect, SuspendChange.Unsuspend).Verdict);

        var stuck = With(Conformant with { Effect = new SuspensionEffect([Done, Done], [Refused, Refused], [Refused, Done]) });
        Assert.Contains("still got 403 M_USER_SUSPENDED", AdminSuspendApi.ADS003_SuspendAndUnsuspend(stuck, SuspendChange.Unsuspend).Reason);

        var wrongBody = With(Conformant with { Suspend = Json(200, "{}") });
        Assert.Contains("not {\"suspended\": true}", AdminSuspendApi.ADS003_SuspendAndUnsuspend(wrongBody, SuspendChange.Suspend).Reason);
        var getDisagrees = With(Conformant with { Unsuspended = SuspendedNow });
        Assert.Equal(Verdict.Fail, AdminSuspendApi.ADS003_SuspendAndUnsuspend(getDisagrees, SuspendChange.Unsuspend).Verdict);
    }

    [Fact]
    public void The_effect_cannot_be_told_when_the_target_could_not_act_before()
    {
        var brokenBefore = With(Conformant with { Effect = new SuspensionEffect([Error(403, "M_FORBIDDEN", "PUT"), Done], [Refused, Refused], [Done, Done]) });
        Assert.Equal(Verdict.Inconclusive, AdminSuspendApi.ADS003_SuspendAndUnsuspend(brokenBefore, SuspendChange.Suspend).Verdict);
        var noRoom = With(Conformant with { Effect = Observed.NotSeen<SuspensionEffect>(Judgement.Inconclusive("no room")) });
        Assert.Equal(Verdict.Inconclusive, AdminSuspendApi.ADS003_SuspendAndUnsuspend(noRoom, SuspendChange.Suspend).Verdict);
        Assert.Equal(Verdict.Fail, AdminSuspendApi.ADS003_SuspendAndUnsuspend(With(Conformant with { Suspend = Error(500, "M_UNKNOWN"), Effect = Observed.NotSeen<SuspensionEffect>(Judgement.Inconclusive("no room")) }), SuspendChange.Suspend).Verdict);
    }

    [Fact]
    public void Each_error_answer_is_judged_on_its_own()
    {
        var selfAllowed = With(Conformant with { Self = SuspendedNow });
        Assert.Equal(Verdict.Fail, AdminSuspendApi.ADS004_ErrorAnswers(selfAllowed, AdminApiError.Self).Verdict);
        var remoteNotFound = With(Conformant with { RemoteUser = new(Error(404, "M_NOT_FOUND"), Error(400, "M_INVALID_PARAM")) });
        Assert.Contains("GET answered 404 M_NOT_FOUND", AdminSuspendApi.ADS004_ErrorAnswers(remoteNotFound, AdminApiError.RemoteUser).Reason);
        var noSecondAdmin = With(Conformant with { OtherAdmin = Observed.NotSeen<MatrixResponse>(Judgement.Skip("no second admin", "profile: users.accounts.second_admin is not set")) });
        Assert.Equal(Verdict.Skip, AdminSuspendApi.ADS004_ErrorAnswers(noSecondAdmin, AdminApiError.OtherAdmin).Verdict);
    }

    [Fact]
    public void The_capability_says_who_may_suspend()
    {
        var lockOnly = Discovery with { AdminCapabilities = Json(200, """{"capabilities":{"m.account_moderation":{"lock":true}}}""") };
        Assert.True(AdminSuspendApi.ADS005_Capability(With(Conformant, lockOnly), CapabilityViewer.Admin).Judgement.IsBreach);
        var toNonAdmin = Discovery with { OtherCapabilities = Json(200, """{"capabilities":{"m.account_moderation":{"lock":false,"suspend":true}}}""") };
        Assert.True(AdminSuspendApi.ADS005_Capability(With(Conformant, toNonAdmin), CapabilityViewer.NonAdmin).Judgement.IsBreach);
        var bothFalse = Discovery with { OtherCapabilities = Json(200, """{"capabilities":{"m.account_moderation":{"lock":false,"suspend":false}}}""") };
        Assert.Contains("omitted altogether", AdminSuspendApi.ADS005_Capability(With(Conformant, bothFalse), CapabilityViewer.NonAdmin).Reason);
        var lockForNonAdmin = Discovery with { OtherCapabilities = Json(200, """{"capabilities":{"m.account_moderation":{"lock":true}}}""") };
        Assert.Equal(Verdict.Pass, AdminSuspendApi.ADS005_Capability(With(Conformant, lockForNonAdmin), CapabilityViewer.NonAdmin).Verdict);
        var failing = Discovery with { AdminCapabilities = Error(500, "M_UNKNOWN") };
        Assert.Equal(Verdict.Error, AdminSuspendApi.ADS005_Capability(With(Conformant, failing), CapabilityViewer.Admin).Verdict);
    }

    [Fact]
    public void Unstable_identifiers_are_recorded()
    {
        var unstable = Discovery with
        {
            AdminCapabilities = Json(200, """{"capabilities":{"uk.timedout.msc4323":{"lock":true,"suspend":true}}}"""),
            UnstableGet = NotSuspended,
            UnstableFeatures = ["uk.timedout.msc4323"],
        };
        Assert.Equal("unstable endpoint offered; capability uk.timedout.msc4323.suspend offered; /versions flag set", AdminSuspendApi.ADS006_UnstableIdentifiers(With(Conformant, unstable)).Judgement.Finding);
    }
}
