using System.Text.Json.Nodes;
using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Locking;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Harness.Profiles;
using Conformance.Harness.Provisioning;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Checks;
using Conformance.Suites.Locking.Observations;
using Conformance.Suites.Locking.Sweep;
using RestSharp;

namespace Conformance.Suites.Locking.Scenarios;

/// <summary>
/// The account-locking protocol, run once per suite process; the locking checks then judge what it
/// observed. Order matters: tokens and fixtures first, then lock; while locked, the sweeps, the attempts
/// at a new token (before the optional-auth sweep, which may change the password), logout, and the
/// revocation of the OAuth token (after everything that uses it); then unlock, tokens and side effects;
/// and logout/all last, because it ends every session.
/// </summary>
public sealed class LockScenario
{
    private readonly SuiteContext _ctx;
    private readonly SideEffectProbes _probes;
    private readonly CancellationToken _ct;
    private readonly SweepPlan _plan;
    private readonly FixtureValues _values = new();

    private ILockAdapter _adapter = new NoLockAdapter("not selected yet");
    private TestAccount _subject = null!;
    private bool _locked;
    private string _adminToken = "";
    private string _loginDevice = "";
    private UserSession _subject1 = null!, _subject2 = null!, _refreshSession = null!, _logoutSession = null!;
    private Observed<OAuthSession> _oauth = null!;

    /// <summary>A token from the OAuth 2.0 API, and the login that can refresh it.</summary>
    private sealed record OAuthSession(UserSession Session, OAuthLogin Login);

    private LockScenario(SuiteContext ctx, SideEffectProbes probes, CancellationToken ct)
    {
        (_ctx, _probes, _ct) = (ctx, probes, ct);
        _plan = SweepPlan.Load(Path.Combine(ctx.Layout.SweepFolder, "requests.yaml"));
    }

    private MatrixClient Client => _ctx.Client;

    public static async Task<LockObservations> RunAsync(SuiteContext ctx, SideEffectProbes probes, CancellationToken ct)
    {
        var scenario = new LockScenario(ctx, probes, ct);
        try
        {
            return await scenario.RunCoreAsync();
        }
        catch (ProvisioningException e)
        {
            // The accounts or sessions the scenario stands on failed: nothing it saw can be trusted.
            return LockObservations.NotSeen(e.Why);
        }
        finally
        {
            if (scenario._locked) await scenario._adapter.SetLockedAsync(scenario._subject.UserId, false, CancellationToken.None);
        }
    }

    private async Task<LockObservations> RunCoreAsync()
    {
        var prepared = await PrepareAsync();
        if (!prepared.TryGet(out _, out var why)) return LockObservations.NotSeen(why);
        if (await LockAsync() is { } refused)
            return new LockObservations(prepared, Observed.NotSeen<LockedPhase>(refused), Observed.NotSeen<UnlockedPhase>(refused), Observed.NotSeen<LogoutAnswer>(refused));
        var locked = await LockedPhaseAsync();
        var unlocked = await UnlockedPhaseAsync();
        var logoutAll = await LogoutAllPhaseAsync(unlocked);
        return new LockObservations(prepared, locked, unlocked, logoutAll);
    }

    private string DevicePrefix => "CF" + _ctx.RunId.ToUpperInvariant();

    private async Task<Observed<LockPreparation>> PrepareAsync()
    {
        var admin = await _ctx.Accounts.RequireAsync("admin", admin: true);
        _subject = await _ctx.Accounts.RequireAsync("subject", admin: false);
        var other = await _ctx.Accounts.RequireAsync("other", admin: false);
        var device = DevicePrefix;

        var adminSession = await _ctx.Sessions.LoginAsync(admin, device + "LKA", ct: _ct);
        _subject1 = await _ctx.Sessions.LoginAsync(_subject, device + "L1", ct: _ct);
        _subject2 = await _ctx.Sessions.LoginAsync(_subject, device + "L2", ct: _ct);
        var otherSession = await _ctx.Sessions.LoginAsync(other, device + "LO", ct: _ct);

        _values.Set("user", _subject.UserId);
        _values.Set("other_user", other.UserId);
        _values.Set("server_name", _subject.ServerName);
        _values.Set("device", _subject1.DeviceId);
        _values.Set("second_device", _subject2.DeviceId);
        _values.Set("marker", "lk" + _ctx.RunId);

        var selection = await LockAdapterSelector.SelectAsync(_ctx.Profile.Lock.Adapter, Client, adminSession.AccessToken, admin.UserId, _ctx.Identity.UnstableFeatures, _ct);
        _adapter = selection.Adapter;
        _ctx.Sink.Feature("lock-adapter", $"{_adapter.Name} ({selection.Detection})");
        if (!_adapter.CanLock)
            return Observed.NotSeen<LockPreparation>(selection.Faulted
                ? Judgement.Error($"The probes for a way to lock got no usable answer ({selection.Detection}), so locking could not be tested.")
                : Judgement.Skip("No way to lock an account on this target, so nothing about locking can be tested.", selection.Detection));

        _oauth = await PrepareOAuthAsync(device + "LOA");
        await new SweepFixtures(Client, _values).CreateAsync(_subject1, otherSession, $"{_ctx.Profile.Users.LocalpartPrefix}-lk-{_ctx.RunId}", _ct);
        foreach (var (name, why) in _values.Missing) _ctx.Sink.Feature($"fixture-unavailable:{name}", why);

        var before = new Dictionary<string, MatrixResponse>(StringComparer.Ordinal);
        foreach (var probe in _probes.Probes)
            before[probe.Id] = await Client.ExecuteAsync(probe.Build(_values, _subject1.AccessToken), _ct);

        _refreshSession = await _ctx.Sessions.LoginAsync(_subject, device + "LR", withRefreshToken: true, ct: _ct);
        _logoutSession = await _ctx.Sessions.LoginAsync(_subject, device + "L3", ct: _ct);
        _loginDevice = device + "LG";
        _adminToken = adminSession.AccessToken;
        return new LockPreparation(before);
    }

    private async Task<Observed<OAuthSession>> PrepareOAuthAsync(string deviceId)
    {
        var support = await OAuthSupport.DetectAsync(Client, () => Task.FromResult<string?>(_subject1.AccessToken), _ct);
        _ctx.Sink.Feature("oauth", support.Detection);
        if (!support.Metadata.TryGet(out _, out var why))
            return Observed.NotSeen<OAuthSession>(why.Verdict == Verdict.Skip
                ? Judgement.Skip("The server does not offer the OAuth 2.0 API, so there is no OAuth-issued token to lock.", support.Detection)
                : why);
        var login = new OAuthLogin(support, _ctx.Profile.Oauth, Client, _ctx.Secrets);
        try
        {
            return new OAuthSession(await login.LoginAsync(_subject, deviceId, _ct), login);
        }
        catch (ProvisioningException e)
        {
            return Observed.NotSeen<OAuthSession>(e.Why);
        }
    }

    /// <summary>Locks the account and waits until the lock shows; the error judgement when the adapter refused.</summary>
    private async Task<Judgement?> LockAsync()
    {
        var locked = await _adapter.SetLockedAsync(_subject.UserId, true, _ct);
        if (!locked.Accepted) return Judgement.Error($"Could not lock the test account with the {_adapter.Name} adapter: {locked.Detail}.");
        _locked = true;
        await SettleAsync(_subject1.AccessToken, expectLocked: true);
        return null;
    }

    private async Task<LockedPhase> LockedPhaseAsync()
    {
        var t1 = _subject1.AccessToken;
        var factory = new SweepRequestFactory(_plan, _values);
        var requiredAuth = await SweepAsync(_ctx.Endpoints.InLockCategory(LockCategories.RequiredAuth), factory, t1);

        var options = new List<Sent>();
        foreach (var id in _plan.Sample("options"))
        {
            var request = factory.Build(_ctx.Endpoints.ById(id));
            options.Add(new Sent(request, await Client.ExecuteAsync(request.ToRest(t1, method: "OPTIONS"), _ct), null));
        }
        var noAuth = await SweepAsync(Sample("no_auth"), factory, t1);

        var queryToken = AdvertisesQueryTokens()
            ? Observed.Of(await SweepAsync(Sample("query_token"), factory, t1, TokenTransport.Query))
            : Observed.NotSeen<SweepAnswers>(Judgement.Skip("The server advertises only spec versions from v1.20 on, where tokens in the query string are no longer supported.",
                "GET /_matrix/client/versions lists " + string.Join(", ", _ctx.Identity.SpecVersions)));

        var oauthToken = _oauth.TryGet(out var oauth, out var noOAuth)
            ? Observed.Of(await SweepAsync(Sample("oauth_token"), factory, oauth.Session.AccessToken))
            : Observed.NotSeen<SweepAnswers>(noOAuth);

        var appservice = _ctx.Config.Credentials.AppserviceToken is { Length: > 0 } asToken
            ? Observed.Of(await Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami")
                .AddQueryParameter("user_id", _subject.UserId).WithToken(asToken), _ct))
            : Observed.NotSeen<MatrixResponse>(Judgement.Skip("The profile names no application service token (appservice.token).", "profile: appservice.token is not set"));

        var suspendStatus = await Client.ExecuteAsync(MatrixRequest.Get($"/_matrix/client/v1/admin/suspend/{MatrixRequest.Segment(_subject.UserId)}").WithToken(_adminToken), _ct);

        var tokensWhileLocked = new List<MatrixResponse>();
        foreach (var token in new[] { t1, _subject2.AccessToken })
            tokensWhileLocked.Add(await Whoami(token));

        // No new token while locked: before the optional-auth sweep, which may change the password.
        var login = await _ctx.Sessions.LoginRequestAsync(_subject, _loginDevice, withRefreshToken: false, _ct);
        var refresh = _refreshSession.RefreshToken is { } refreshToken
            ? Observed.Of(await _ctx.Sessions.RefreshAsync(refreshToken, _ct))
            : Observed.NotSeen<MatrixResponse>(Judgement.Skip("The server issued no refresh token at login, so there is nothing to refresh.", "POST /login with refresh_token: true returned no refresh_token"));
        var oauthRefresh = !_oauth.TryGet(out oauth, out noOAuth) ? Observed.NotSeen<MatrixResponse>(noOAuth)
            : oauth.Session.RefreshToken is { } oauthRefreshToken ? Observed.Of(await oauth.Login.RefreshAsync(oauthRefreshToken, _ct))
            : Observed.NotSeen<MatrixResponse>(Judgement.Skip("The OAuth 2.0 login issued no refresh token, so there is nothing to refresh.", "the token endpoint's answer to the authorisation code grant had no refresh_token"));

        var optionalAuth = await SweepAsync(_ctx.Endpoints.InLockCategory(LockCategories.OptionalAuth), factory, t1);

        // Logout is exempt from the lock.
        var logout = await Client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/logout").WithToken(_logoutSession.AccessToken).WithJson(new JsonObject()), _ct);
        var afterLogout = await Whoami(_logoutSession.AccessToken);
        // Revocation is the OAuth 2.0 API's logout; it ends the OAuth session, so it comes after every use of it.
        var revocation = await RevokeWhileLockedAsync();

        return new LockedPhase
        {
            RequiredAuth = requiredAuth,
            Options = new SweepAnswers(options),
            NoAuth = noAuth,
            QueryToken = queryToken,
            OAuthToken = oauthToken,
            Appservice = appservice,
            SuspendStatus = suspendStatus,
            TokensWhileLocked = tokensWhileLocked,
            LoginWhileLocked = login,
            RefreshWhileLocked = refresh,
            OAuthRefreshWhileLocked = oauthRefresh,
            OptionalAuth = optionalAuth,
            Logout = new LogoutAnswer(logout, [afterLogout]),
            OAuthRevocation = revocation,
        };
    }

    /// <summary>Revokes the OAuth session's access token while locked, then asks whoami with it.</summary>
    private async Task<Observed<LogoutAnswer>> RevokeWhileLockedAsync()
    {
        if (!_oauth.TryGet(out var oauth, out var noOAuth)) return Observed.NotSeen<LogoutAnswer>(noOAuth);
        try
        {
            var revoke = await oauth.Login.RevokeAsync(oauth.Session.AccessToken, _ct);
            return new LogoutAnswer(revoke, [await Whoami(oauth.Session.AccessToken)]);
        }
        catch (ProvisioningException e)
        {
            return Observed.NotSeen<LogoutAnswer>(e.Why);
        }
    }

    private async Task<Observed<UnlockedPhase>> UnlockedPhaseAsync()
    {
        var unlocked = await _adapter.SetLockedAsync(_subject.UserId, false, _ct);
        if (!unlocked.Accepted)
            return Observed.NotSeen<UnlockedPhase>(Judgement.Error($"Could not unlock the test account with the {_adapter.Name} adapter: {unlocked.Detail}."));
        _locked = false;
        await SettleAsync(_subject1.AccessToken, expectLocked: false);

        var tokens = new List<TokenAfterUnlock>();
        foreach (var session in new[] { _subject1, _subject2 })
            tokens.Add(new TokenAfterUnlock(session, await Whoami(session.AccessToken)));

        if (!(await UsableSessionAsync(tokens, "LAF")).TryGet(out var reader, out var why))
            return new UnlockedPhase(tokens, Observed.NotSeen<IReadOnlyDictionary<string, MatrixResponse>>(why));
        var after = new Dictionary<string, MatrixResponse>(StringComparer.Ordinal);
        foreach (var probe in _probes.Probes)
            after[probe.Id] = await Client.ExecuteAsync(probe.Build(_values, reader.AccessToken), _ct);
        return new UnlockedPhase(tokens, Observed.Of<IReadOnlyDictionary<string, MatrixResponse>>(after));
    }

    private async Task<Observed<LogoutAnswer>> LogoutAllPhaseAsync(Observed<UnlockedPhase> unlocked)
    {
        if (!unlocked.TryGet(out var u, out var why)) return Observed.NotSeen<LogoutAnswer>(why);
        if (!(await UsableSessionAsync(u.Tokens, "LAL")).TryGet(out var session, out why)) return Observed.NotSeen<LogoutAnswer>(why);
        var relocked = await _adapter.SetLockedAsync(_subject.UserId, true, _ct);
        if (!relocked.Accepted)
            return Observed.NotSeen<LogoutAnswer>(Judgement.Error($"Could not lock the test account again: {relocked.Detail}."));
        _locked = true;
        await SettleAsync(session.AccessToken, expectLocked: true);
        var logoutAll = await Client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/logout/all").WithToken(session.AccessToken).WithJson(new JsonObject()), _ct);
        var after = new List<MatrixResponse>();
        foreach (var token in new[] { _subject1.AccessToken, _subject2.AccessToken }.Append(session.AccessToken).Distinct())
            after.Add(await Whoami(token));
        if ((await _adapter.SetLockedAsync(_subject.UserId, false, _ct)).Accepted) _locked = false;
        return new LogoutAnswer(logoutAll, after);
    }

    /// <summary>The first token that worked after unlocking, or a fresh login; not seen (inconclusive)
    /// when the account cannot be used at all.</summary>
    private async Task<Observed<UserSession>> UsableSessionAsync(IReadOnlyList<TokenAfterUnlock> tokens, string deviceSuffix)
    {
        foreach (var (session, whoami) in tokens)
            if (whoami.IsSuccess) return session;
        var fresh = await _ctx.Sessions.LoginRequestAsync(_subject, DevicePrefix + deviceSuffix, false, _ct);
        // Tokens and a login that got no answer say nothing about the account.
        if (Expect.Arrived([.. tokens.Select(t => t.Whoami), fresh]) is { } lost) return Observed.NotSeen<UserSession>(lost);
        if (fresh.IsSuccess && fresh.StringField("access_token") is { } token)
            return new UserSession(_subject.UserId, fresh.StringField("device_id") ?? deviceSuffix, token);
        return Observed.NotSeen<UserSession>(Judgement.Inconclusive(
            $"After unlocking, the account could not be used: its tokens and a fresh login (POST /login → {fresh.Summary()}) were all refused."));
    }

    private IEnumerable<Endpoint> Sample(string name) => _plan.Sample(name).Select(_ctx.Endpoints.ById);

    private async Task<SweepAnswers> SweepAsync(IEnumerable<Endpoint> operations, SweepRequestFactory factory, string token, TokenTransport transport = TokenTransport.Header)
    {
        var sent = new List<Sent>();
        foreach (var op in operations)
            sent.Add(await SendAsync(factory.Build(op), token, transport));
        return new SweepAnswers(sent);
    }

    private async Task<Sent> SendAsync(SweepRequest request, string token, TokenTransport transport)
    {
        var response = await Client.ExecuteAsync(request.ToRest(token, transport), _ct);
        var withoutToken = LockedAnswer.LooksUnrecognized(response) ? await Client.ExecuteAsync(request.ToRest(null), _ct) : null;
        return new Sent(request, response, withoutToken);
    }

    private Task<MatrixResponse> Whoami(string token) => Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(token), _ct);

    /// <summary>Waits (up to lock.settle_timeout) until the lock or unlock shows on the client API, for
    /// deployments that cache token state.</summary>
    private async Task SettleAsync(string token, bool expectLocked)
    {
        var deadline = DateTimeOffset.UtcNow + Durations.Parse(_ctx.Profile.Lock.SettleTimeout);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var whoami = await Whoami(token);
            if (whoami.IsSuccess != expectLocked) return;
            await Task.Delay(1000, _ct);
        }
    }

    private bool AdvertisesQueryTokens() => _ctx.Identity.SpecVersions.Any(v =>
        v.StartsWith("r0.", StringComparison.Ordinal)
        || v.StartsWith("v1.", StringComparison.Ordinal) && int.TryParse(v[3..], out var minor) && minor <= 19);
}
