using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Observations;
using Conformance.Suites.Locking.Sweep;
using static Conformance.Tests.Support.ConformantLock;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Support;

/// <summary>Hand-made observations of the suspension scenario on a server that gets everything right, for
/// the suspension judges' tests to change one thing at a time (<c>with { … }</c>).</summary>
public static class ConformantSuspension
{
    public static readonly MatrixResponse Ok = Json(200, "{}", "PUT", "/_matrix/client/v3/rooms/!r:hs/send/m.room.message/1");

    /// <summary>The suspension error: 403, M_USER_SUSPENDED.</summary>
    public static MatrixResponse Suspended(string method = "PUT", string path = "/_matrix/client/v3/rooms/!r:hs/send/m.room.message/1") =>
        Json(403, """{"errcode":"M_USER_SUSPENDED","error":"You cannot perform this action while suspended."}""", method, path);

    public static readonly MatrixResponse UiaChallenge = Json(401, """{"flows":[{"stages":["m.login.password"]}],"params":{},"session":"s"}""", "POST", "/_matrix/client/v3/account/3pid/add");

    public static readonly Endpoint SendMessage = Op("sendMessage", "PUT", "/_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}");
    public static readonly Endpoint SetProfileField = Op("setProfileField", "PUT", "/_matrix/client/v3/profile/{userId}/{keyName}");
    public static readonly Endpoint JoinRoom = Op("joinRoom", "POST", "/_matrix/client/v3/join/{roomIdOrAlias}");
    public static readonly Endpoint LeaveRoom = Op("leaveRoom", "POST", "/_matrix/client/v3/rooms/{roomId}/leave");
    public static readonly Endpoint Add3Pid = Op("add3PID", "POST", "/_matrix/client/v3/account/3pid/add");
    public static readonly Endpoint Kick = Op("kick", "POST", "/_matrix/client/v3/rooms/{roomId}/kick");

    private static readonly string[] PermittedOperations =
        ["sync", "getRoomEvents", "sendToDevice", "queryKeys", "claimKeys", "uploadKeys", "uploadCrossSigningKeys", "uploadCrossSigningSignatures", "postRoomKeysVersion", "putRoomKeys", "leaveRoom", "redactEvent"];
    private static readonly string[] ForbiddenOperations = ["joinRoom", "knockRoom", "inviteUser", "sendMessage", "setProfileField", "deleteProfileField"];

    /// <summary>One request of the suspension sweep, its answer and the control account's.</summary>
    public static SuspendedSent Sent(Endpoint op, MatrixResponse response, MatrixResponse? control = null) =>
        new(new SweepRequest(op, op.Path, [], null, null, null), response, control);

    public static SuspendedSweep Sweep(params SuspendedSent[] extra)
    {
        var all = PermittedOperations.Select(id => Sent(Op(id, "POST", "/_matrix/client/v3/" + id), Ok, Ok))
            .Concat(ForbiddenOperations.Select(id => Sent(Op(id, "PUT", "/_matrix/client/v3/" + id), Suspended())))
            .Append(Sent(Add3Pid, UiaChallenge, UiaChallenge))
            .ToDictionary(s => s.OperationId);
        foreach (var s in extra) all[s.OperationId] = s;
        return new SuspendedSweep(all.Values);
    }

    /// <summary>Reads the display name before and after: unchanged, since the PUT was refused.</summary>
    public static readonly SideEffectProbes.Probe ProfileProbe = new()
    {
        Id = "profile",
        Request = "GET /_matrix/client/v3/profile/{user}",
        Select = ["displayname"],
        ChangedBy = ["setProfileField", "deleteProfileField"],
    };

    public static readonly SideEffectProbes.Probe JoinedRoomsProbe = new()
    {
        Id = "joined-rooms",
        Request = "GET /_matrix/client/v3/joined_rooms",
        Select = ["joined_rooms[*]"],
        Compare = SideEffectProbes.Probe.NoAdditions,
        ChangedBy = ["joinRoom", "accept-invite"],
    };

    public static readonly MatrixResponse Rooms = Json(200, """{"joined_rooms":["!a:hs","!b:hs"]}""", path: "/_matrix/client/v3/joined_rooms");

    private static MatrixResponse Refused(string path) => Suspended("POST", path);

    public static readonly NewSessionAnswer NewLogin = new(Json(200, """{"access_token":"new","device_id":"NEW"}""", "POST", "/_matrix/client/v3/login"), Suspended(), Observed.Of(Suspended()));

    public static readonly SuspendedPhase WhileSuspended = new()
    {
        Sweep = Sweep(),
        Login = Json(200, """{"access_token":"new"}""", "POST", "/_matrix/client/v3/login"),
        NewLogin = NewLogin,
        Refreshed = NewLogin with { Issued = Json(200, """{"access_token":"refreshed"}""", "POST", "/_matrix/client/v3/refresh") },
        RejectInvite = new ActionAnswer(Json(200, "{}", "POST", "/_matrix/client/v3/rooms/!invite:hs/leave")),
        AcceptInvite = new ActionAnswer(Refused("/_matrix/client/v3/join/!accept:hs")),
        RedactOthersEvent = new ActionAnswer(Suspended("PUT", "/_matrix/client/v3/rooms/!aux:hs/redact/$other/1")),
        DeleteDevice = new ActionAnswer(Json(200, "{}", "DELETE", "/_matrix/client/v3/devices/DEL"), [Json(401, """{"session":"s","flows":[]}""", "DELETE", "/_matrix/client/v3/devices/DEL")]),
        Logout = new ActionAnswer(Json(200, "{}", "POST", "/_matrix/client/v3/logout"), [UnknownToken]),
        Deactivate = new ActionAnswer(Json(200, """{"id_server_unbind_result":"no-support"}""", "POST", "/_matrix/client/v3/account/deactivate")),
        TokensWhileSuspended = [Whoami(Session1), Whoami(Session2)],
    };

    public static readonly ModerationInterplay Interplay = new(
        new RefusedRetry(Suspended(), LockError("PUT"), Suspended()),
        LockError(path: "/_matrix/client/v3/account/whoami"),
        LockError(path: "/_matrix/client/v3/account/whoami"));

    public static readonly UnsuspendedPhase Unsuspended = new(
        [new TokenAfterUnlock(Session1, Whoami(Session1)), new TokenAfterUnlock(Session2, Whoami(Session2))],
        Observed.Of<IReadOnlyDictionary<string, MatrixResponse>>(new Dictionary<string, MatrixResponse> { ["profile"] = DisplayName, ["joined-rooms"] = Rooms }));

    public static readonly SuspensionObservations Seen = new(
        new SuspensionPreparation(new Dictionary<string, MatrixResponse> { ["profile"] = DisplayName, ["joined-rooms"] = Rooms }),
        WhileSuspended,
        Interplay,
        Unsuspended);

    public static SuspensionObservations With(SuspendedPhase phase) => Seen with { Suspended = phase };

    public static SuspensionObservations WithSweep(params SuspendedSent[] sent) => With(WhileSuspended with { Sweep = Sweep(sent) });

    public static SuspensionObservations With(UnsuspendedPhase phase) => Seen with { Unsuspended = phase };

    public static SuspensionObservations With(ModerationInterplay interplay) => Seen with { Interplay = interplay };

    /// <summary>The scenario found no way to suspend: every phase is a skip with the detection.</summary>
    public static readonly SuspensionObservations CannotSuspend = SuspensionObservations.NotSeen(Judgement.Skip("No way to suspend an account on this target.", "probed: capabilities, unstable flags, Synapse admin API"));
}
