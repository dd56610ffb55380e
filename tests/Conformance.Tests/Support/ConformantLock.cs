using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using Conformance.Suites.Locking.Observations;
using Conformance.Suites.Locking.Sweep;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Support;

/// <summary>Hand-made observations of the lock scenario on a server that gets everything right, for the
/// locking judges' tests to change one thing at a time (<c>with { … }</c>).</summary>
public static class ConformantLock
{
    public const string User = "@subject:hs";

    public static readonly Endpoint Sync = Op("sync", "GET", "/_matrix/client/v3/sync");
    public static readonly Endpoint SetDisplayName = Op("setDisplayName", "PUT", "/_matrix/client/v3/profile/{userId}/displayname");
    public static readonly Endpoint Versions = Op("getVersions", "GET", "/_matrix/client/versions", LockCategories.OptionalAuth);
    public static readonly Endpoint PublicRooms = Op("getPublicRooms", "GET", "/_matrix/client/v3/publicRooms", LockCategories.NoAuth);

    public static readonly UserSession Session1 = new(User, "DEV1", "token1");
    public static readonly UserSession Session2 = new(User, "DEV2", "token2");

    /// <summary>Reads the display name: before the lock and after unlocking, to show that the PUT sent
    /// while locked did nothing.</summary>
    public static readonly SideEffectProbes.Probe Profile = new()
    {
        Id = "profile",
        Request = "GET /_matrix/client/v3/profile/{user}",
        Select = ["displayname"],
        ChangedBy = ["setDisplayName"],
    };

    public static Endpoint Op(string operationId, string method, string path, string category = LockCategories.RequiredAuth) => new()
    {
        OperationId = operationId,
        Method = method,
        Path = path,
        File = "test.yaml",
        SpecUrl = "https://spec.matrix.org/v1.19/client-server-api/",
        Auth = category == LockCategories.NoAuth ? "none" : category == LockCategories.OptionalAuth ? "optional" : "required",
        LockCategory = category,
    };

    /// <summary>One request of a sweep and its answer; <paramref name="unavailable"/> names fixtures it could not be given.</summary>
    public static Sent Sent(Endpoint op, MatrixResponse response, MatrixResponse? withoutToken = null, params string[] unavailable) =>
        new(new SweepRequest(op, op.Path, [], null, null, null) { Unavailable = unavailable.ToHashSet() }, response, withoutToken);

    public static SweepAnswers Sweep(params Sent[] sent) => new(sent);

    /// <summary>The lock error: 401, M_USER_LOCKED, soft_logout true.</summary>
    public static MatrixResponse LockError(string method = "GET", string path = "/_matrix/client/v3/sync") =>
        Json(401, """{"errcode":"M_USER_LOCKED","error":"This account has been locked","soft_logout":true}""", method, path);

    public static MatrixResponse Whoami(UserSession s) => Json(200, $$"""{"user_id":"{{s.UserId}}","device_id":"{{s.DeviceId}}"}""", path: "/_matrix/client/v3/account/whoami");

    public static readonly MatrixResponse UnknownToken = Error(401, "M_UNKNOWN_TOKEN", path: "/_matrix/client/v3/account/whoami");

    public static readonly MatrixResponse DisplayName = Json(200, """{"displayname":"subject"}""", path: "/_matrix/client/v3/profile/@subject:hs");

    public static readonly LockedPhase Locked = new()
    {
        RequiredAuth = Sweep(Sent(Sync, LockError()), Sent(SetDisplayName, LockError("PUT", "/_matrix/client/v3/profile/@subject:hs/displayname"))),
        Options = Sweep(Sent(Sync, Json(204, "", "OPTIONS"))),
        NoAuth = Sweep(Sent(PublicRooms, LockError(path: PublicRooms.Path))),
        QueryToken = Sweep(Sent(Sync, LockError())),
        OAuthToken = Sweep(Sent(Sync, LockError())),
        Appservice = LockError(path: "/_matrix/client/v3/account/whoami"),
        SuspendStatus = Json(200, """{"suspended":false}""", path: "/_matrix/client/v1/admin/suspend/@subject:hs"),
        TokensWhileLocked = [LockError(path: "/_matrix/client/v3/account/whoami"), LockError(path: "/_matrix/client/v3/account/whoami")],
        LoginWhileLocked = LockError("POST", "/_matrix/client/v3/login"),
        RefreshWhileLocked = LockError("POST", "/_matrix/client/v3/refresh"),
        OAuthRefreshWhileLocked = Json(400, """{"error":"invalid_grant"}""", "POST", "/oauth2/token"),
        OptionalAuth = Sweep(Sent(Versions, LockError(path: Versions.Path))),
        Logout = new LogoutAnswer(Json(200, "{}", "POST", "/_matrix/client/v3/logout"), [UnknownToken]),
        OAuthRevocation = new LogoutAnswer(Json(200, "{}", "POST", "/oauth2/revoke"), [UnknownToken]),
    };

    public static readonly UnlockedPhase Unlocked = new(
        [new TokenAfterUnlock(Session1, Whoami(Session1)), new TokenAfterUnlock(Session2, Whoami(Session2))],
        Observed.Of<IReadOnlyDictionary<string, MatrixResponse>>(new Dictionary<string, MatrixResponse> { ["profile"] = DisplayName }));

    public static readonly LockObservations Observations = new(
        new LockPreparation(new Dictionary<string, MatrixResponse> { ["profile"] = DisplayName }),
        Locked,
        Unlocked,
        new LogoutAnswer(Json(200, "{}", "POST", "/_matrix/client/v3/logout/all"), [UnknownToken, UnknownToken, UnknownToken]));

    public static LockObservations With(LockedPhase locked) => Observations with { Locked = locked };

    public static LockObservations With(UnlockedPhase unlocked) => Observations with { Unlocked = unlocked };

    /// <summary>The scenario found no way to lock the account: every phase is a skip with the detection.</summary>
    public static readonly LockObservations NoAdapter = LockObservations.NotSeen(Judgement.Skip("No way to lock an account on this target.", "no admin lock API; no Synapse admin API"));

    /// <summary>The adapter refused to lock: prepared, then nothing.</summary>
    public static readonly LockObservations LockRefused = Observations with
    {
        Locked = Observed.NotSeen<LockedPhase>(Judgement.Error("Could not lock the test account.")),
        Unlocked = Observed.NotSeen<UnlockedPhase>(Judgement.Error("Could not lock the test account.")),
        LogoutAll = Observed.NotSeen<LogoutAnswer>(Judgement.Error("Could not lock the test account.")),
    };
}
