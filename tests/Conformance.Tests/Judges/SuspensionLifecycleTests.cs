using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Checks;
using Conformance.Suites.Locking.Observations;
using Xunit;
using static Conformance.Tests.Support.ConformantLock;
using static Conformance.Tests.Support.ConformantSuspension;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The suspension lifecycle's judges (SUS-005, SUS-007, SUS-008) over hand-made observations.</summary>
public sealed class SuspensionLifecycleTests
{
    private static SuspensionObservations ProfileAfter(MatrixResponse after, MatrixResponse? setProfile = null, MatrixResponse? deleteProfile = null)
    {
        var o = With(Unsuspended with { StateAfter = Observed.Of<IReadOnlyDictionary<string, MatrixResponse>>(new Dictionary<string, MatrixResponse> { ["profile"] = after, ["joined-rooms"] = Rooms }) });
        var sweep = new List<SuspendedSent>();
        if (setProfile is not null) sweep.Add(Sent(SetProfileField, setProfile, setProfile.IsSuccess ? setProfile : null));
        if (deleteProfile is not null) sweep.Add(Sent(Op("deleteProfileField", "DELETE", "/_matrix/client/v3/profile/{userId}/{keyName}"), deleteProfile, deleteProfile.IsSuccess ? deleteProfile : null));
        return o with { Suspended = WhileSuspended with { Sweep = Sweep([.. sweep]) } };
    }

    private static readonly MatrixResponse Renamed = Json(200, """{"displayname":"suspended sus1"}""", path: "/_matrix/client/v3/profile/@subject:hs");

    [Fact]
    public void A_conformant_server_passes_every_case()
    {
        foreach (var kind in Enum.GetValues<NewSession>()) Assert.Equal(Verdict.Pass, SuspensionLifecycle.SUS005_NewSessionsSuspended(Seen, kind).Verdict);
        Assert.Equal(Verdict.Pass, SuspensionLifecycle.SUS007_NothingTookEffect(Seen, ProfileProbe).Verdict);
        Assert.Equal(Verdict.Pass, SuspensionLifecycle.SUS007_NothingTookEffect(Seen, JoinedRoomsProbe).Verdict);
        foreach (var stage in Enum.GetValues<SuspensionStage>()) Assert.Equal(Verdict.Pass, SuspensionLifecycle.SUS008_TokensSurvive(Seen, stage).Verdict);
    }

    [Fact]
    public void A_new_session_that_can_act_is_not_suspended()
    {
        var escaped = With(WhileSuspended with { NewLogin = NewLogin with { Retried = Observed.Of(Json(200, """{"event_id":"$e"}""", "PUT")) } });
        var j = SuspensionLifecycle.SUS005_NewSessionsSuspended(escaped, NewSession.Login).Judgement;
        Assert.True(j.IsBreach);
        Assert.Contains("not suspended", j.Reason);
        var wrongCode = With(WhileSuspended with { Refreshed = NewLogin with { Retried = Observed.Of(Error(403, "M_FORBIDDEN", "PUT")) } });
        Assert.True(SuspensionLifecycle.SUS005_NewSessionsSuspended(wrongCode, NewSession.Refresh).Judgement.IsBreach);
    }

    [Fact]
    public void Without_a_new_token_or_a_refused_request_there_is_nothing_to_try()
    {
        var noToken = With(WhileSuspended with { NewLogin = NewLogin with { Retried = Observed.NotSeen<MatrixResponse>(Judgement.Inconclusive("POST /login answered 403 M_FORBIDDEN: no new session to try.")) } });
        var outcome = SuspensionLifecycle.SUS005_NewSessionsSuspended(noToken, NewSession.Login);
        Assert.Equal(Verdict.Inconclusive, outcome.Verdict);
        Assert.Single(outcome.Exchanges);
        var noRefresh = With(WhileSuspended with { Refreshed = Observed.NotSeen<NewSessionAnswer>(Judgement.Skip("no refresh token", "POST /login with refresh_token: true returned no refresh_token")) });
        Assert.Equal(Verdict.Skip, SuspensionLifecycle.SUS005_NewSessionsSuspended(noRefresh, NewSession.Refresh).Verdict);
        Assert.Equal(Verdict.Error, SuspensionLifecycle.SUS005_NewSessionsSuspended(With(WhileSuspended with { NewLogin = NewLogin with { Retried = Observed.Of(NoAnswer("PUT")) } }), NewSession.Login).Verdict);
    }

    [Fact]
    public void State_changed_by_refused_requests_fails_the_read_back()
    {
        var executed = ProfileAfter(Renamed, Suspended(), Suspended("DELETE"));
        var outcome = SuspensionLifecycle.SUS007_NothingTookEffect(executed, ProfileProbe);
        Assert.Equal(Verdict.Fail, outcome.Verdict);
        Assert.Contains("every request that could change it was refused", outcome.Reason);
        Assert.Equal("GET /_matrix/client/v3/profile/{user}", outcome.Subject);
    }

    [Fact]
    public void Permitted_requests_leave_nothing_or_too_much_to_check()
    {
        var permitted = SuspensionLifecycle.SUS007_NothingTookEffect(ProfileAfter(Renamed, Json(200, "{}", "PUT"), Json(200, "{}", "DELETE")), ProfileProbe).Judgement;
        Assert.Equal(Verdict.Skip, permitted.Verdict);
        Assert.Contains("setProfileField → 200", permitted.Detection);
        Assert.Equal(Verdict.Inconclusive, SuspensionLifecycle.SUS007_NothingTookEffect(ProfileAfter(Renamed, Suspended(), Json(200, "{}", "DELETE")), ProfileProbe).Verdict);
        Assert.Equal(Verdict.Pass, SuspensionLifecycle.SUS007_NothingTookEffect(ProfileAfter(DisplayName, Suspended(), Json(200, "{}", "DELETE")), ProfileProbe).Verdict);
    }

    [Fact]
    public void A_room_left_is_no_addition_but_a_room_joined_is()
    {
        SuspensionObservations JoinedAfter(string rooms) => With(Unsuspended with
        {
            StateAfter = Observed.Of<IReadOnlyDictionary<string, MatrixResponse>>(new Dictionary<string, MatrixResponse> { ["profile"] = DisplayName, ["joined-rooms"] = Json(200, rooms, path: "/_matrix/client/v3/joined_rooms") }),
        });
        Assert.Equal(Verdict.Pass, SuspensionLifecycle.SUS007_NothingTookEffect(JoinedAfter("""{"joined_rooms":["!a:hs"]}"""), JoinedRoomsProbe).Verdict);
        Assert.Equal(Verdict.Fail, SuspensionLifecycle.SUS007_NothingTookEffect(JoinedAfter("""{"joined_rooms":["!a:hs","!b:hs","!new:hs"]}"""), JoinedRoomsProbe).Verdict);
    }

    [Fact]
    public void A_read_back_the_server_does_not_implement_is_no_pass()
    {
        var unknown = Error(404, "M_UNRECOGNIZED", "GET", "/_matrix/client/v3/profile/@subject:hs");
        var state = new Dictionary<string, MatrixResponse> { ["profile"] = unknown, ["joined-rooms"] = Rooms };
        var neither = With(Unsuspended with { StateAfter = Observed.Of<IReadOnlyDictionary<string, MatrixResponse>>(state) })
            with { Prepared = Observed.Of(new SuspensionPreparation(state)) };
        var outcome = SuspensionLifecycle.SUS007_NothingTookEffect(neither, ProfileProbe);
        Assert.Equal(Verdict.Skip, outcome.Verdict);
        Assert.Contains("M_UNRECOGNIZED", outcome.Judgement.Detection);
    }

    [Fact]
    public void The_read_back_needs_both_reads_and_the_requests()
    {
        Assert.Equal(Verdict.Error, SuspensionLifecycle.SUS007_NothingTookEffect(ProfileAfter(NoAnswer()), ProfileProbe).Verdict);
        var unsent = With(WhileSuspended with { Sweep = new SuspendedSweep([]) });
        Assert.Equal(Verdict.Error, SuspensionLifecycle.SUS007_NothingTookEffect(unsent, ProfileProbe).Verdict);
        var unusable = With(Unsuspended with { StateAfter = Observed.NotSeen<IReadOnlyDictionary<string, MatrixResponse>>(Judgement.Inconclusive("the account could not be used")) });
        Assert.Equal(Verdict.Inconclusive, SuspensionLifecycle.SUS007_NothingTookEffect(unusable, ProfileProbe).Verdict);
        Assert.Equal(Verdict.Skip, SuspensionLifecycle.SUS007_NothingTookEffect(CannotSuspend, ProfileProbe).Verdict);
    }

    [Fact]
    public void Tokens_that_stop_working_breach_the_suspension_s_promise()
    {
        var revoked = WithSweep(Sent(SendMessage, UnknownToken, Json(200, "{}")));
        var j = SuspensionLifecycle.SUS008_TokensSurvive(revoked, SuspensionStage.WhileSuspended).Judgement;
        Assert.True(j.IsBreach);
        Assert.Contains("treated as invalid", j.Reason);
        var refusedWhoami = With(WhileSuspended with { TokensWhileSuspended = [Whoami(Session1), Suspended("GET", "/_matrix/client/v3/account/whoami")] });
        Assert.True(SuspensionLifecycle.SUS008_TokensSurvive(refusedWhoami, SuspensionStage.WhileSuspended).Judgement.IsBreach);
        var gone = With(Unsuspended with { Tokens = [new TokenAfterUnlock(Session1, Whoami(Session1)), new TokenAfterUnlock(Session2, UnknownToken)] });
        var after = SuspensionLifecycle.SUS008_TokensSurvive(gone, SuspensionStage.AfterUnsuspend).Judgement;
        Assert.True(after.IsBreach);
        Assert.Contains("device DEV2", after.Reason);
        var otherDevice = With(Unsuspended with { Tokens = [new TokenAfterUnlock(Session1, Whoami(Session2))] });
        Assert.True(SuspensionLifecycle.SUS008_TokensSurvive(otherDevice, SuspensionStage.AfterUnsuspend).Judgement.IsBreach);
        Assert.Equal(Verdict.Error, SuspensionLifecycle.SUS008_TokensSurvive(With(WhileSuspended with { TokensWhileSuspended = [NoAnswer()] }), SuspensionStage.WhileSuspended).Verdict);
    }
}
