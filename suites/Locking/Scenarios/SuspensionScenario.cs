using System.Text.Json.Nodes;
using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Locking;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using Conformance.Harness.Suspension;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Checks;
using Conformance.Suites.Locking.Observations;
using Conformance.Suites.Locking.Sweep;

namespace Conformance.Suites.Locking.Scenarios;

/// <summary>
/// Account suspension, run once per suite process; the suspension checks then judge what it observed.
/// A subject account is suspended; a control account, which is not, has the same fixtures and repeats
/// the subject's requests where that keeps the two alike, so its answers tell an error the suspension
/// caused from one the request would get anyway. Order: fixtures and the state first; suspend; the sweep,
/// the dedicated actions (login, invites, redactions, device deletion, logout, deactivation of a second
/// suspended account); then lock and suspension together; unsuspend; tokens and the state read back.
/// </summary>
public sealed class SuspensionScenario
{
    private readonly SuiteContext _ctx;
    private readonly SuspensionPlan _plan;
    private readonly SweepPlan _sweepPlan;
    private readonly CancellationToken _ct;
    private readonly FixtureValues _s = new(), _t = new();

    private ISuspendAdapter _adapter = new NoSuspendAdapter("not selected yet");
    private ILockAdapter? _lock;
    private TestAccount _admin = null!, _subject = null!;
    private TestAccount? _throwaway;
    private bool _suspended, _locked, _throwawaySuspended;
    private string _adminToken = "";
    private UserSession _s1 = null!, _s2 = null!, _sRefresh = null!, _sLogout = null!, _sDelete = null!, _t1 = null!;
    private UserSession? _d1;

    private SuspensionScenario(SuiteContext ctx, SuspensionPlan plan, CancellationToken ct)
    {
        (_ctx, _plan, _ct) = (ctx, plan, ct);
        _sweepPlan = plan.Over(SweepPlan.Load(Path.Combine(ctx.Layout.SweepFolder, "requests.yaml")));
    }

    private MatrixClient Client => _ctx.Client;
    private string Device => "CF" + _ctx.RunId.ToUpperInvariant();

    public static async Task<SuspensionObservations> RunAsync(SuiteContext ctx, SuspensionPlan plan, CancellationToken ct)
    {
        var scenario = new SuspensionScenario(ctx, plan, ct);
        try
        {
            return await scenario.RunCoreAsync();
        }
        catch (ProvisioningException e)
        {
            return SuspensionObservations.NotSeen(Judgement.Error(e.Message));
        }
        finally
        {
            await scenario.RestoreAsync();
        }
    }

    private async Task<SuspensionObservations> RunCoreAsync()
    {
        var prepared = await PrepareAsync();
        if (!prepared.TryGet(out _, out var why)) return SuspensionObservations.NotSeen(why);
        var suspended = await _adapter.SetSuspendedAsync(_subject.UserId, true, _ct);
        if (!suspended.Accepted)
        {
            var refused = Judgement.Error($"Could not suspend the test account with the {_adapter.Name} adapter: {suspended.Detail}.");
            return SuspensionObservations.NotSeen(refused) with { Prepared = prepared };
        }
        _suspended = true;
        var phase = await SuspendedPhaseAsync();
        var interplay = await InterplayAsync(phase.Refused);
        var unsuspended = await UnsuspendedPhaseAsync();
        return new SuspensionObservations(prepared, phase.Phase, interplay, unsuspended);
    }

    private async Task<Observed<SuspensionPreparation>> PrepareAsync()
    {
        _admin = await _ctx.Accounts.RequireAsync("admin", admin: true);
        var subject = await _ctx.Accounts.GetAsync("suspend_subject", admin: false);
        var control = await _ctx.Accounts.GetAsync("suspend_control", admin: false);
        if (subject is null || control is null)
            return Observed.NotSeen<SuspensionPreparation>(Judgement.Skip("The profile gives no accounts to suspend and to compare with.",
                "profile: users.accounts has no suspend_subject or no suspend_control"));
        _subject = subject;
        var other = await _ctx.Accounts.RequireAsync("other", admin: false);
        _throwaway = await _ctx.Accounts.GetAsync("suspend_throwaway", admin: false);

        _adminToken = (await _ctx.Sessions.LoginAsync(_admin, Device + "SA", ct: _ct)).AccessToken;
        var selection = await SuspendAdapterSelector.SelectAsync(_ctx.Profile.Suspend.Adapter, Client, _adminToken, _admin.UserId, _ctx.Identity.UnstableFeatures, _ct);
        _adapter = selection.Adapter;
        _ctx.Sink.Feature("suspend-adapter", $"{_adapter.Name} ({selection.Detection})");
        if (selection.Fault is { } fault) return Observed.NotSeen<SuspensionPreparation>(Judgement.Error(fault));
        if (!_adapter.CanSuspend)
            return Observed.NotSeen<SuspensionPreparation>(Judgement.Skip("No way to suspend an account on this target, so nothing about suspension can be tested.", selection.Detection));

        _s1 = await Login(_subject, "S1");
        _s2 = await Login(_subject, "S2");
        _sRefresh = await _ctx.Sessions.LoginAsync(_subject, Device + "SR", withRefreshToken: true, ct: _ct);
        _sLogout = await Login(_subject, "SL");
        _sDelete = await Login(_subject, "SD");
        _t1 = await Login(control, "T1");
        var t2 = await Login(control, "T2");
        var o1 = await Login(other, "SO");
        if (_throwaway is not null) _d1 = await Login(_throwaway, "SX");

        Describe(_s, _subject, other, _s1, _s2, "su");
        Describe(_t, control, other, _t1, t2, "sc");
        var prefix = _ctx.Profile.Users.LocalpartPrefix;
        await new SweepFixtures(Client, _s).CreateAsync(_s1, o1, $"{prefix}-su-{_ctx.RunId}", _ct, "suspension");
        await new SuspensionFixtures(Client, _s).CreateAsync(_s1, o1, invitations: true, _ct);
        await new SweepFixtures(Client, _t).CreateAsync(_t1, o1, $"{prefix}-sc-{_ctx.RunId}", _ct, "suspension");
        await new SuspensionFixtures(Client, _t).CreateAsync(_t1, o1, invitations: false, _ct);
        foreach (var (name, why) in _s.Missing) _ctx.Sink.Feature($"suspension-fixture-unavailable:{name}", why);

        var before = new Dictionary<string, MatrixResponse>(StringComparer.Ordinal);
        foreach (var probe in _plan.Probes)
            before[probe.Id] = await Client.ExecuteAsync(probe.Build(_s, _s1.AccessToken), _ct);
        return new SuspensionPreparation(before);
    }

    private void Describe(FixtureValues values, TestAccount user, TestAccount other, UserSession first, UserSession second, string marker)
    {
        values.Set("user", user.UserId);
        values.Set("other_user", other.UserId);
        values.Set("server_name", user.ServerName);
        values.Set("device", first.DeviceId);
        values.Set("second_device", second.DeviceId);
        values.Set("marker", marker + _ctx.RunId);
    }

    private async Task<(Observed<SuspendedPhase> Phase, Observed<RefusedAction> Refused)> SuspendedPhaseAsync()
    {
        var sweep = await SweepAsync();
        var refused = RefusedAction.Pick(sweep, new SweepRequestFactory(_sweepPlan, _s));

        var login = await _ctx.Sessions.LoginRequestAsync(_subject, Device + "SN", withRefreshToken: false, _ct);
        var newLogin = await NewSessionAsync(refused, login, "POST /login");
        var refreshed = _sRefresh.RefreshToken is not { } refreshToken
            ? Observed.NotSeen<NewSessionAnswer>(Judgement.Skip("The server issued no refresh token at login, so there is nothing to refresh.", "POST /login with refresh_token: true returned no refresh_token"))
            : await NewSessionAsync(refused, await Client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/refresh").WithJson(new JsonObject { ["refresh_token"] = refreshToken }), _ct), "POST /refresh");

        var reject = new ActionAnswer(await Post($"/_matrix/client/v3/rooms/{Seg(_s["invite_room"])}/leave", _s1, new JsonObject()));
        var accept = new ActionAnswer(await Post($"/_matrix/client/v3/join/{Seg(_s["accept_room"])}", _s1, new JsonObject()));
        var redactOthers = new ActionAnswer(await Client.ExecuteAsync(MatrixRequest.Put($"/_matrix/client/v3/rooms/{Seg(_s["aux_room"])}/redact/{Seg(_s["other_event"])}/{_s["marker"]}-others")
            .WithToken(_s1.AccessToken).WithJson(new JsonObject { ["reason"] = "conformance: redacting another user's event while suspended" }), _ct));
        var (challenge, deleted) = await PasswordUia.SendAsync(Client, body => MatrixRequest.Delete($"/_matrix/client/v3/devices/{Seg(_sDelete.DeviceId)}").WithToken(_s1.AccessToken).WithJson(body), _subject, _ct);
        var deleteDevice = new ActionAnswer(deleted, deleted == challenge ? [] : [challenge]);
        var logout = await Post("/_matrix/client/v3/logout", _sLogout, new JsonObject());
        var logoutAnswer = new ActionAnswer(logout, [await Whoami(_sLogout.AccessToken)]);
        var deactivate = await DeactivateThrowawayAsync();
        var tokens = new List<MatrixResponse> { await Whoami(_s1.AccessToken), await Whoami(_s2.AccessToken) };

        var phase = new SuspendedPhase
        {
            Sweep = sweep,
            Login = login,
            NewLogin = newLogin,
            Refreshed = refreshed,
            RejectInvite = reject,
            AcceptInvite = accept,
            RedactOthersEvent = redactOthers,
            DeleteDevice = deleteDevice,
            Logout = logoutAnswer,
            Deactivate = deactivate,
            TokensWhileSuspended = tokens,
        };
        return (phase, refused);
    }

    /// <summary>Every required-auth operation, the plan's <c>last</c> ones at the end. The control sends the
    /// same request unless the subject got an answer that names the suspension (then the control, had it
    /// sent, would have done what the subject could not, and the two would drift apart).</summary>
    private async Task<SuspendedSweep> SweepAsync()
    {
        var subjectRequests = new SweepRequestFactory(_sweepPlan, _s);
        var controlRequests = new SweepRequestFactory(_sweepPlan, _t);
        var operations = _ctx.Endpoints.InLockCategory(LockCategories.RequiredAuth).ToList();
        var ordered = operations.Where(op => !_plan.Last.Contains(op.OperationId))
            .Concat(_plan.Last.Select(id => operations.First(op => op.OperationId == id)));
        var sent = new List<SuspendedSent>();
        foreach (var op in ordered)
        {
            var request = subjectRequests.Build(op);
            var response = await Client.ExecuteAsync(request.ToRest(_s1.AccessToken), _ct);
            MatrixResponse? control = null;
            if (!SuspendedAnswer.NamesSuspension(response))
                control = await Client.ExecuteAsync(controlRequests.Build(op).ToRest(_t1.AccessToken), _ct);
            sent.Add(new SuspendedSent(request, response, control));
        }
        return new SuspendedSweep(sent);
    }

    /// <summary>A token issued while suspended, and the refused request sent again with it.</summary>
    private async Task<Observed<NewSessionAnswer>> NewSessionAsync(Observed<RefusedAction> refused, MatrixResponse issued, string how)
    {
        if (!refused.TryGet(out var action, out var why)) return Observed.NotSeen<NewSessionAnswer>(why);
        if (!issued.IsSuccess || issued.StringField("access_token") is not { } token)
            return new NewSessionAnswer(issued, action.Original, Observed.NotSeen<MatrixResponse>(Judgement.Inconclusive($"{how} while suspended answered {issued.Summary()}: no new session to try.")));
        return new NewSessionAnswer(issued, action.Original, await action.RetryAsync(Client, token, _ct));
    }

    private async Task<Observed<ActionAnswer>> DeactivateThrowawayAsync()
    {
        if (_throwaway is null || _d1 is null)
            return Observed.NotSeen<ActionAnswer>(Judgement.Skip("The profile gives no second account to suspend and deactivate.", "profile: users.accounts.suspend_throwaway is not set"));
        var suspended = await _adapter.SetSuspendedAsync(_throwaway.UserId, true, _ct);
        if (!suspended.Accepted) return Observed.NotSeen<ActionAnswer>(Judgement.Error($"Could not suspend the second test account: {suspended.Detail}."));
        _throwawaySuspended = true;
        var token = _d1.AccessToken;
        var (challenge, final) = await PasswordUia.SendAsync(Client, body => MatrixRequest.Post("/_matrix/client/v3/account/deactivate").WithToken(token).WithJson(body), _throwaway, _ct);
        if (final.IsSuccess) _throwawaySuspended = false;
        return new ActionAnswer(final, final == challenge ? [] : [challenge]);
    }

    /// <summary>Locks the suspended user too, then lifts one state at a time; the user ends neither
    /// locked nor suspended.</summary>
    private async Task<Observed<ModerationInterplay>> InterplayAsync(Observed<RefusedAction> refused)
    {
        var selection = await LockAdapterSelector.SelectAsync(_ctx.Profile.Lock.Adapter, Client, _adminToken, _admin.UserId, _ctx.Identity.UnstableFeatures, _ct);
        if (!selection.Adapter.CanLock)
            return Observed.NotSeen<ModerationInterplay>(selection.Faulted
                ? Judgement.Error($"The probes for a way to lock got no usable answer ({selection.Detection}), so lock and suspension could not be combined.")
                : Judgement.Skip("No way to lock an account on this target, so lock and suspension cannot be combined.", selection.Detection));
        _lock = selection.Adapter;
        if (await SetLockedAsync(true) is { } lockRefused) return Observed.NotSeen<ModerationInterplay>(lockRefused);
        var whileBoth = refused.TryGet(out var action, out _) ? await action.RetryAsync(Client, _s1.AccessToken, _ct) : null;
        var bothWhoami = await Whoami(_s1.AccessToken);
        if (await SetLockedAsync(false) is { } unlockRefused) return Observed.NotSeen<ModerationInterplay>(unlockRefused);
        var afterUnlock = action is null ? null : await action.RetryAsync(Client, _s1.AccessToken, _ct);

        if (await SetLockedAsync(true) is { } relockRefused) return Observed.NotSeen<ModerationInterplay>(relockRefused);
        var unsuspended = await _adapter.SetSuspendedAsync(_subject.UserId, false, _ct);
        if (!unsuspended.Accepted) return Observed.NotSeen<ModerationInterplay>(Judgement.Error($"Could not unsuspend the locked test account: {unsuspended.Detail}."));
        _suspended = false;
        var afterUnsuspend = await Whoami(_s1.AccessToken);
        await SetLockedAsync(false);

        var retries = refused.Select(a => new RefusedRetry(a.Original, whileBoth!, afterUnlock!));
        return new ModerationInterplay(retries, bothWhoami, afterUnsuspend);
    }

    private async Task<Judgement?> SetLockedAsync(bool locked)
    {
        var outcome = await _lock!.SetLockedAsync(_subject.UserId, locked, _ct);
        if (!outcome.Accepted) return Judgement.Error($"Could not {(locked ? "lock" : "unlock")} the suspended test account with the {_lock.Name} adapter: {outcome.Detail}.");
        _locked = locked;
        return null;
    }

    private async Task<Observed<UnsuspendedPhase>> UnsuspendedPhaseAsync()
    {
        if (_suspended)
        {
            var lifted = await _adapter.SetSuspendedAsync(_subject.UserId, false, _ct);
            if (!lifted.Accepted) return Observed.NotSeen<UnsuspendedPhase>(Judgement.Error($"Could not unsuspend the test account with the {_adapter.Name} adapter: {lifted.Detail}."));
            _suspended = false;
        }
        var tokens = new List<TokenAfterUnlock>();
        foreach (var session in new[] { _s1, _s2 })
            tokens.Add(new TokenAfterUnlock(session, await Whoami(session.AccessToken)));
        var reader = tokens.FirstOrDefault(t => t.Whoami.IsSuccess)?.Session;
        if (reader is null)
        {
            var fresh = await _ctx.Sessions.LoginRequestAsync(_subject, Device + "SF", false, _ct);
            if (!fresh.IsSuccess || fresh.StringField("access_token") is not { } token)
                return new UnsuspendedPhase(tokens, Observed.NotSeen<IReadOnlyDictionary<string, MatrixResponse>>(Judgement.Inconclusive(
                    $"After unsuspending, the account could not be used: its tokens and a fresh login (POST /login → {fresh.Summary()}) were all refused.")));
            reader = new UserSession(_subject.UserId, fresh.StringField("device_id") ?? "SF", token);
        }
        var after = new Dictionary<string, MatrixResponse>(StringComparer.Ordinal);
        foreach (var probe in _plan.Probes)
            after[probe.Id] = await Client.ExecuteAsync(probe.Build(_s, reader.AccessToken), _ct);
        return new UnsuspendedPhase(tokens, Observed.Of<IReadOnlyDictionary<string, MatrixResponse>>(after));
    }

    /// <summary>Leaves no account locked or suspended, whatever stopped the scenario.</summary>
    private async Task RestoreAsync()
    {
        if (_locked && _lock is not null) await _lock.SetLockedAsync(_subject.UserId, false, CancellationToken.None);
        if (_suspended) await _adapter.SetSuspendedAsync(_subject.UserId, false, CancellationToken.None);
        if (_throwawaySuspended && _throwaway is not null) await _adapter.SetSuspendedAsync(_throwaway.UserId, false, CancellationToken.None);
    }

    private Task<UserSession> Login(TestAccount account, string suffix) => _ctx.Sessions.LoginAsync(account, Device + suffix, ct: _ct);

    private Task<MatrixResponse> Post(string path, UserSession session, JsonObject body) =>
        Client.ExecuteAsync(MatrixRequest.Post(path).WithToken(session.AccessToken).WithJson(body), _ct);

    private Task<MatrixResponse> Whoami(string token) => Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(token), _ct);

    private static string Seg(string? value) => MatrixRequest.Segment(value ?? "unavailable");
}
