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
using Conformance.Suites.Locking.Sweep;
using RestSharp;

namespace Conformance.Suites.Locking.Scenarios;

/// <summary>
/// The account-locking protocol, run once per suite process; the LK checks then judge what it observed.
/// Order matters: tokens and fixtures first, then lock, sweep, no-new-token and logout while locked,
/// unlock, tokens-survive and side effects, and logout/all last because it destroys every token.
/// </summary>
public sealed class LockScenario(SuiteContext ctx)
{
    public const string OptionalAuthKey = "optional-auth";

    private readonly SweepPlan _plan = SweepPlan.Load(Path.Combine(ctx.Layout.SweepFolder, "requests.yaml"));
    public SideEffectProbes Probes { get; } = SideEffectProbes.Load(Path.Combine(ctx.Layout.SweepFolder, "side-effects.yaml"));
    public FixtureValues Values { get; } = new();
    public SweepPlan Plan => _plan;

    /// <summary>Set when the scenario could not lock at all; every LK case reports it.</summary>
    public Judgement? Precondition { get; private set; }
    /// <summary>Why a later phase has no observations (e.g. "unlock" failed), by phase.</summary>
    public Dictionary<string, Judgement> Unavailable { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Sent> Sweep { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Sent> OptionalAuth { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Sent> Options { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Sent> NoAuth { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Sent> QueryToken { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Sent> OAuthToken { get; } = new(StringComparer.Ordinal);
    public MatrixResponse? Appservice { get; private set; }
    public MatrixResponse? SuspendStatus { get; private set; }
    public List<MatrixResponse> TokensWhileLocked { get; } = [];
    public MatrixResponse? LoginWhileLocked { get; private set; }
    public MatrixResponse? RefreshWhileLocked { get; private set; }
    public MatrixResponse? OAuthRefreshWhileLocked { get; private set; }
    public MatrixResponse? Logout { get; private set; }
    public MatrixResponse? AfterLogout { get; private set; }
    public MatrixResponse? LogoutAll { get; private set; }
    public List<MatrixResponse> AfterLogoutAll { get; } = [];
    public List<(UserSession Session, MatrixResponse Whoami)> AfterUnlock { get; } = [];
    public Dictionary<string, (MatrixResponse Before, MatrixResponse After)> SideEffects { get; } = new(StringComparer.Ordinal);
    public UserSession? Subject1 { get; private set; }
    public UserSession? Subject2 { get; private set; }

    private ILockAdapter _adapter = new NoLockAdapter("not selected yet");
    private TestAccount? _subject;
    private bool _locked;
    private CancellationToken _ct;
    private MatrixClient Client => ctx.Client;

    public async Task RunAsync(CancellationToken ct)
    {
        _ct = ct;
        try
        {
            if (!await PrepareAsync()) return;
            await LockedPhaseAsync();
            await UnlockedPhaseAsync();
            await LogoutAllPhaseAsync();
        }
        catch (ProvisioningException e)
        {
            Precondition ??= Judgement.Error(e.Message);
            Unavailable.TryAdd("scenario", Judgement.Error(e.Message));
        }
        finally
        {
            if (_locked && _subject is not null) await _adapter.SetLockedAsync(_subject.UserId, false, CancellationToken.None);
        }
    }

    private async Task<bool> PrepareAsync()
    {
        var admin = await ctx.Accounts.RequireAsync("admin", admin: true);
        _subject = await ctx.Accounts.RequireAsync("subject", admin: false);
        var other = await ctx.Accounts.RequireAsync("other", admin: false);
        var device = "CF" + ctx.RunId.ToUpperInvariant();

        var adminSession = await ctx.Sessions.LoginAsync(admin, device + "LKA", ct: _ct);
        Subject1 = await ctx.Sessions.LoginAsync(_subject, device + "L1", ct: _ct);
        Subject2 = await ctx.Sessions.LoginAsync(_subject, device + "L2", ct: _ct);
        var otherSession = await ctx.Sessions.LoginAsync(other, device + "LO", ct: _ct);

        Values.Set("user", _subject.UserId);
        Values.Set("other_user", other.UserId);
        Values.Set("server_name", _subject.ServerName);
        Values.Set("device", Subject1.DeviceId);
        Values.Set("second_device", Subject2.DeviceId);
        Values.Set("marker", "lk" + ctx.RunId);

        var selection = await LockAdapterSelector.SelectAsync(ctx.Profile.Lock.Adapter, Client, adminSession.AccessToken, admin.UserId, ctx.Identity.UnstableFeatures, _ct);
        _adapter = selection.Adapter;
        ctx.Sink.Feature("lock-adapter", $"{_adapter.Name} ({selection.Detection})");
        if (!_adapter.CanLock)
        {
            Precondition = Judgement.Skip("No way to lock an account on this target, so nothing about locking can be tested.", selection.Detection);
            return false;
        }

        await PrepareOAuthAsync(device + "LOA");
        await new SweepFixtures(Client, Values).CreateAsync(Subject1, otherSession, $"{ctx.Profile.Users.LocalpartPrefix}-lk-{ctx.RunId}", _ct);
        foreach (var (name, why) in Values.Missing) ctx.Sink.Feature($"fixture-unavailable:{name}", why);

        Before = new Dictionary<string, MatrixResponse>(StringComparer.Ordinal);
        foreach (var probe in Probes.Probes)
            Before[probe.Id] = await Client.ExecuteAsync(probe.Build(Values, Subject1.AccessToken), _ct);

        _refreshSession = await ctx.Sessions.LoginAsync(_subject, device + "LR", withRefreshToken: true, ct: _ct);
        _logoutSession = await ctx.Sessions.LoginAsync(_subject, device + "L3", ct: _ct);
        _loginDevice = device + "LG";
        _adminToken = adminSession.AccessToken;

        var locked = await _adapter.SetLockedAsync(_subject.UserId, true, _ct);
        if (!locked.Accepted)
        {
            Precondition = Judgement.Error($"Could not lock the test account with the {_adapter.Name} adapter: {locked.Detail}.");
            return false;
        }
        _locked = true;
        await SettleAsync(Subject1.AccessToken, expectLocked: true);
        return true;
    }

    private Dictionary<string, MatrixResponse> Before { get; set; } = [];
    private UserSession? _refreshSession, _logoutSession, _oauthSession;
    private OAuthLogin? _oauthLogin;
    private string _loginDevice = "";
    private string _adminToken = "";

    private async Task PrepareOAuthAsync(string deviceId)
    {
        var support = await OAuthSupport.DetectAsync(Client, _ct);
        ctx.Sink.Feature("oauth", support.Detection);
        if (!support.Supported)
        {
            Unavailable["oauth"] = Judgement.Skip("The server does not offer the OAuth 2.0 API, so there is no OAuth-issued token to lock.", support.Detection);
            return;
        }
        _oauthLogin = new OAuthLogin(support, ctx.Secrets, ctx.RequestTimeout);
        try
        {
            _oauthSession = await _oauthLogin.LoginAsync(_subject!, deviceId, _ct);
        }
        catch (ProvisioningException e)
        {
            Unavailable["oauth"] = Judgement.Error(e.Message);
        }
    }

    private async Task LockedPhaseAsync()
    {
        var t1 = Subject1!.AccessToken;
        var factory = new SweepRequestFactory(_plan, Values);
        foreach (var op in ctx.Endpoints.InLockCategory(LockCategories.RequiredAuth))
            Sweep[op.OperationId] = await SendAsync(factory.Build(op), t1);

        foreach (var id in _plan.Sample("options"))
        {
            var request = factory.Build(ctx.Endpoints.ById(id));
            Options[id] = new Sent(request, await Client.ExecuteAsync(request.ToRest(t1, method: "OPTIONS"), _ct), null);
        }
        foreach (var id in _plan.Sample("no_auth"))
            NoAuth[id] = await SendAsync(factory.Build(ctx.Endpoints.ById(id)), t1);

        if (AdvertisesQueryTokens())
            foreach (var id in _plan.Sample("query_token"))
                QueryToken[id] = await SendAsync(factory.Build(ctx.Endpoints.ById(id)), t1, TokenTransport.Query);
        else
            Unavailable["query-token"] = Judgement.Skip("The server advertises only spec versions from v1.20 on, where tokens in the query string are no longer supported.",
                "GET /_matrix/client/versions lists " + string.Join(", ", ctx.Identity.SpecVersions));

        if (_oauthSession is not null)
            foreach (var id in _plan.Sample("oauth_token"))
                OAuthToken[id] = await SendAsync(factory.Build(ctx.Endpoints.ById(id)), _oauthSession.AccessToken);

        if (ctx.Profile.Appservice?.Token is { Length: > 0 } asToken)
            Appservice = await Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami")
                .AddQueryParameter("user_id", _subject!.UserId).WithToken(asToken), _ct);
        else
            Unavailable["appservice"] = Judgement.Skip("The profile names no application service token (appservice.token).", "profile: appservice.token is not set");

        SuspendStatus = await Client.ExecuteAsync(MatrixRequest.Get($"/_matrix/client/v1/admin/suspend/{MatrixRequest.Segment(_subject!.UserId)}").WithToken(_adminToken), _ct);

        foreach (var token in new[] { t1, Subject2!.AccessToken })
            TokensWhileLocked.Add(await Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(token), _ct));

        // No new token while locked (LK-010) — before the optional-auth sweep, which may change the password.
        LoginWhileLocked = await ctx.Sessions.LoginRequestAsync(_subject, _loginDevice, withRefreshToken: false, _ct);
        if (_refreshSession?.RefreshToken is { } refresh)
            RefreshWhileLocked = await Client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/refresh").WithJson(new JsonObject { ["refresh_token"] = refresh }), _ct);
        else
            Unavailable["refresh"] = Judgement.Skip("The server issued no refresh token at login, so there is nothing to refresh.", "POST /login with refresh_token: true returned no refresh_token");
        if (_oauthSession?.RefreshToken is { } oauthRefresh && _oauthLogin is not null)
            OAuthRefreshWhileLocked = await _oauthLogin.RefreshAsync(Client, oauthRefresh, _ct);

        foreach (var op in ctx.Endpoints.InLockCategory(LockCategories.OptionalAuth))
            OptionalAuth[op.OperationId] = await SendAsync(factory.Build(op), t1);

        // Logout is exempt from the lock (LK-007).
        Logout = await Client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/logout").WithToken(_logoutSession!.AccessToken).WithJson(new JsonObject()), _ct);
        AfterLogout = await Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(_logoutSession.AccessToken), _ct);
    }

    private async Task UnlockedPhaseAsync()
    {
        var unlocked = await _adapter.SetLockedAsync(_subject!.UserId, false, _ct);
        if (!unlocked.Accepted)
        {
            var why = Judgement.Error($"Could not unlock the test account with the {_adapter.Name} adapter: {unlocked.Detail}.");
            Unavailable["unlock"] = why;
            return;
        }
        _locked = false;
        await SettleAsync(Subject1!.AccessToken, expectLocked: false);

        foreach (var session in new[] { Subject1!, Subject2! })
            AfterUnlock.Add((session, await Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(session.AccessToken), _ct)));

        var reader = await UsableSessionAsync("LAF");
        if (reader is null) return;
        foreach (var probe in Probes.Probes)
            SideEffects[probe.Id] = (Before[probe.Id], await Client.ExecuteAsync(probe.Build(Values, reader.AccessToken), _ct));
    }

    private async Task LogoutAllPhaseAsync()
    {
        if (Unavailable.ContainsKey("unlock"))
        {
            Unavailable["logout-all"] = Unavailable["unlock"];
            return;
        }
        var session = await UsableSessionAsync("LAL");
        if (session is null)
        {
            Unavailable["logout-all"] = Unavailable["side-effects"];
            return;
        }
        var relocked = await _adapter.SetLockedAsync(_subject!.UserId, true, _ct);
        if (!relocked.Accepted)
        {
            Unavailable["logout-all"] = Judgement.Error($"Could not lock the test account again: {relocked.Detail}.");
            return;
        }
        _locked = true;
        await SettleAsync(session.AccessToken, expectLocked: true);
        LogoutAll = await Client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/logout/all").WithToken(session.AccessToken).WithJson(new JsonObject()), _ct);
        foreach (var token in new[] { Subject1!.AccessToken, Subject2!.AccessToken }.Append(session.AccessToken).Distinct())
            AfterLogoutAll.Add(await Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(token), _ct));
        if ((await _adapter.SetLockedAsync(_subject.UserId, false, _ct)).Accepted) _locked = false;
    }

    /// <summary>The first token that works after unlocking, or a fresh login; null (with the reason
    /// recorded under "side-effects") when the account cannot be used at all.</summary>
    private async Task<UserSession?> UsableSessionAsync(string deviceSuffix)
    {
        foreach (var (session, whoami) in AfterUnlock)
            if (whoami.IsSuccess) return session;
        var fresh = await ctx.Sessions.LoginRequestAsync(_subject!, "CF" + ctx.RunId.ToUpperInvariant() + deviceSuffix, false, _ct);
        if (fresh.IsSuccess && fresh.StringField("access_token") is { } token)
            return new UserSession(_subject!.UserId, fresh.StringField("device_id") ?? deviceSuffix, token);
        Unavailable["side-effects"] = Judgement.Inconclusive($"After unlocking, the account could not be used: its tokens and a fresh login (POST /login → {fresh.Summary()}) were all refused.");
        return null;
    }

    private async Task<Sent> SendAsync(SweepRequest request, string token, TokenTransport transport = TokenTransport.Header)
    {
        var response = await Client.ExecuteAsync(request.ToRest(token, transport), _ct);
        var withoutToken = LockedAnswer.LooksUnrecognized(response) ? await Client.ExecuteAsync(request.ToRest(null), _ct) : null;
        return new Sent(request, response, withoutToken);
    }

    /// <summary>Waits (up to lock.settle_timeout) until the lock or unlock shows on the client API, for
    /// deployments that cache token state.</summary>
    private async Task SettleAsync(string token, bool expectLocked)
    {
        var deadline = DateTimeOffset.UtcNow + Durations.Parse(ctx.Profile.Lock.SettleTimeout);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var whoami = await Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(token), _ct);
            if (whoami.IsSuccess != expectLocked) return;
            await Task.Delay(1000, _ct);
        }
    }

    private bool AdvertisesQueryTokens() => ctx.Identity.SpecVersions.Any(v =>
        v.StartsWith("r0.", StringComparison.Ordinal)
        || v.StartsWith("v1.", StringComparison.Ordinal) && int.TryParse(v[3..], out var minor) && minor <= 19);

    /// <summary>The sweep observation for an operation of any of the sweep's maps.</summary>
    public Sent? Find(string map, string operationId) => map switch
    {
        "required-auth" => Sweep.GetValueOrDefault(operationId),
        OptionalAuthKey => OptionalAuth.GetValueOrDefault(operationId),
        "options" => Options.GetValueOrDefault(operationId),
        "no-auth" => NoAuth.GetValueOrDefault(operationId),
        "query-token" => QueryToken.GetValueOrDefault(operationId),
        "oauth-token" => OAuthToken.GetValueOrDefault(operationId),
        _ => null,
    };
}
