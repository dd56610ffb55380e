using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Locking;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Checks;
using Conformance.Suites.Locking.Observations;

namespace Conformance.Suites.Locking.Scenarios;

/// <summary>
/// The admin suspend API (MSC4323, spec v1.18) exercised by an admin, a second admin and a non-admin, on
/// an existing, an unknown, a remote and a deactivated user; the existing user's own requests show
/// whether the suspension takes effect and ends. Runs on its own accounts, so it never touches the
/// suspension scenario's users.
/// </summary>
public sealed class AdminSuspendApiScenario
{
    public const string Path = Msc4323LockAdapter.StablePrefix + "/suspend/";
    public const string UnstablePath = Msc4323LockAdapter.UnstablePrefix + "/suspend/";

    private readonly SuiteContext _ctx;
    private readonly CancellationToken _ct;
    private string _adminToken = "";
    private readonly HashSet<string> _mayBeSuspended = new(StringComparer.Ordinal);

    private AdminSuspendApiScenario(SuiteContext ctx, CancellationToken ct) => (_ctx, _ct) = (ctx, ct);

    private MatrixClient Client => _ctx.Client;
    private string Device => "CF" + _ctx.RunId.ToUpperInvariant();

    public static async Task<AdminSuspendApiObservations> RunAsync(SuiteContext ctx, CancellationToken ct)
    {
        var scenario = new AdminSuspendApiScenario(ctx, ct);
        try
        {
            return await scenario.RunCoreAsync();
        }
        catch (ProvisioningException e)
        {
            var why = Judgement.Error(e.Message);
            return new AdminSuspendApiObservations(Observed.NotSeen<AdminApiDiscovery>(why), Observed.NotSeen<AdminSuspendAnswers>(why));
        }
        finally
        {
            foreach (var user in scenario._mayBeSuspended) await scenario.Put(user, scenario._adminToken, false, CancellationToken.None);
        }
    }

    private async Task<AdminSuspendApiObservations> RunCoreAsync()
    {
        var admin = await _ctx.Accounts.RequireAsync("admin", admin: true);
        var other = await _ctx.Accounts.RequireAsync("other", admin: false);
        var target = await _ctx.Accounts.GetAsync("suspend_target", admin: false);
        var a = _adminToken = (await _ctx.Sessions.LoginAsync(admin, Device + "DA", ct: _ct)).AccessToken;
        var o = (await _ctx.Sessions.LoginAsync(other, Device + "DO", ct: _ct)).AccessToken;
        var unknownUser = $"@{_ctx.Profile.Users.LocalpartPrefix}-absent-{_ctx.RunId}:{admin.ServerName}";
        var remoteUser = $"@{_ctx.Profile.Users.LocalpartPrefix}-{_ctx.RunId}:remote.invalid";
        var probed = target?.UserId ?? other.UserId;

        var discovery = new AdminApiDiscovery(
            await Get("/_matrix/client/v3/capabilities", a),
            await Get("/_matrix/client/v3/capabilities", o),
            await Get(UnstablePath + Seg(probed), a),
            _ctx.Identity.UnstableFeatures);

        var probe = await Get(Path + Seg(probed), a);
        if (LockedAnswer.LooksUnrecognized(probe))
            return new AdminSuspendApiObservations(discovery, Observed.NotSeen<AdminSuspendAnswers>(Judgement.Skip(
                "The server does not offer the admin suspend API (PUT/GET /_matrix/client/v1/admin/suspend/{userId}).",
                $"GET {Path}{{userId}} as a server admin returned {probe.Summary()}")));
        if (target is null)
            return new AdminSuspendApiObservations(discovery, Observed.NotSeen<AdminSuspendAnswers>(Judgement.Skip(
                "The profile gives no account to suspend through the admin API.", "profile: users.accounts.suspend_target is not set")));

        var t = await _ctx.Sessions.LoginAsync(target, Device + "DT", ct: _ct);
        var room = (await Client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/createRoom").WithToken(t.AccessToken)
            .WithJson(new JsonObject { ["name"] = "conformance admin suspend API", ["preset"] = "private_chat" }), _ct));

        // A non-admin on an existing user; a suspension the server should have refused is undone.
        var nonAdmin = await PairAsync(target.UserId, o);
        var afterNonAdminPut = await Get(Path + Seg(target.UserId), a);
        await RestoreAsync(target.UserId, nonAdmin.Put);
        // The same non-admin on an existing, an unknown and a remote user: the answers must not differ.
        var onExisting = await PairAsync(target.UserId, o);
        await RestoreAsync(target.UserId, onExisting.Put);
        var onUnknown = await PairAsync(unknownUser, o);
        var onRemote = await PairAsync(remoteUser, o);

        // Suspend and unsuspend through the API, with the target's own requests around it.
        var roomId = room.IsSuccess ? room.StringField("room_id") : null;
        IReadOnlyList<MatrixResponse> before = roomId is null ? [] : await TargetActionsAsync(t, roomId, "before");
        _mayBeSuspended.Add(target.UserId);
        var suspend = await Put(target.UserId, a, true, _ct);
        var suspended = await Get(Path + Seg(target.UserId), a);
        IReadOnlyList<MatrixResponse> whileSuspended = roomId is null ? [] : await TargetActionsAsync(t, roomId, "suspended");
        var unsuspend = await Put(target.UserId, a, false, _ct);
        var unsuspended = await Get(Path + Seg(target.UserId), a);
        IReadOnlyList<MatrixResponse> after = roomId is null ? [] : await TargetActionsAsync(t, roomId, "after");
        if (unsuspend.IsSuccess) _mayBeSuspended.Remove(target.UserId);
        var effect = roomId is null
            ? Observed.NotSeen<SuspensionEffect>(Judgement.Inconclusive($"The target account could not create a room to send messages in (POST /createRoom → {room.Summary()}), so the suspension's effect was not checked."))
            : Observed.Of(new SuspensionEffect(before, whileSuspended, after));

        // The error answers.
        var remote = await PairAsync(remoteUser, a);
        var unknown = await PairAsync(unknownUser, a);
        var deactivated = await DeactivatedUserAsync();
        var (otherAdmin, self) = await AdminCasesAsync();

        return new AdminSuspendApiObservations(discovery, new AdminSuspendAnswers
        {
            NonAdmin = nonAdmin,
            AfterNonAdminPut = afterNonAdminPut,
            NonAdminOnExisting = onExisting,
            NonAdminOnUnknown = onUnknown,
            NonAdminOnRemote = onRemote,
            Suspend = suspend,
            Suspended = suspended,
            Unsuspend = unsuspend,
            Unsuspended = unsuspended,
            Effect = effect,
            RemoteUser = remote,
            UnknownUser = unknown,
            DeactivatedUser = deactivated,
            OtherAdmin = otherAdmin,
            Self = self,
        });
    }

    /// <summary>Two of the spec's recommended forbidden actions, as the target: a message in its own room
    /// and a new display name.</summary>
    private async Task<IReadOnlyList<MatrixResponse>> TargetActionsAsync(UserSession target, string roomId, string stage)
    {
        var send = await Client.ExecuteAsync(MatrixRequest.Put($"/_matrix/client/v3/rooms/{Seg(roomId)}/send/m.room.message/{_ctx.RunId}-{stage}")
            .WithToken(target.AccessToken).WithJson(new JsonObject { ["msgtype"] = "m.text", ["body"] = $"conformance: {stage}" }), _ct);
        var name = await Client.ExecuteAsync(MatrixRequest.Put($"/_matrix/client/v3/profile/{Seg(target.UserId)}/displayname")
            .WithToken(target.AccessToken).WithJson(new JsonObject { ["displayname"] = $"conformance {stage}" }), _ct);
        return [send, name];
    }

    /// <summary>Deactivates a user of its own the way the profile's users.deactivate says, then asks about it.</summary>
    private async Task<Observed<SuspendApiPair>> DeactivatedUserAsync()
    {
        if (!(await TestUserDeactivation.DeactivateAsync(_ctx, "suspend_deactivated", _adminToken, Device + "DD", _ct)).TryGet(out var gone, out var why))
            return Observed.NotSeen<SuspendApiPair>(why);
        return await PairAsync(gone.UserId, _adminToken);
    }

    private async Task<(Observed<MatrixResponse> OtherAdmin, Observed<MatrixResponse> Self)> AdminCasesAsync()
    {
        var second = await _ctx.Accounts.GetAsync("second_admin", admin: true);
        if (second is null)
        {
            var why = Judgement.Skip("The profile gives no second admin account.", "profile: users.accounts.second_admin is not set");
            return (Observed.NotSeen<MatrixResponse>(why), Observed.NotSeen<MatrixResponse>(why));
        }
        var secondToken = (await _ctx.Sessions.LoginAsync(second, Device + "DB", ct: _ct)).AccessToken;
        var otherAdmin = await Put(second.UserId, _adminToken, true, _ct);
        await RestoreAsync(second.UserId, otherAdmin);
        // Last: a server that lets an admin suspend itself leaves this second admin suspended until restored.
        var self = await Put(second.UserId, secondToken, true, _ct);
        await RestoreAsync(second.UserId, self);
        return (otherAdmin, self);
    }

    /// <summary>A GET, then a PUT {"suspended": true}, of one user's suspension, as the given caller.</summary>
    private async Task<SuspendApiPair> PairAsync(string userId, string token)
    {
        var get = await Get(Path + Seg(userId), token);
        var put = await Put(userId, token, true, _ct);
        if (put.IsSuccess) _mayBeSuspended.Add(userId);
        return new SuspendApiPair(get, put);
    }

    /// <summary>Undoes a suspension the server should have refused, so one broken rule does not spill into the next case.</summary>
    private async Task RestoreAsync(string userId, MatrixResponse attempt)
    {
        if (attempt.IsSuccess && (await Put(userId, _adminToken, false, _ct)).IsSuccess) _mayBeSuspended.Remove(userId);
    }

    private Task<MatrixResponse> Get(string path, string token) => Client.ExecuteAsync(MatrixRequest.Get(path).WithToken(token), _ct);

    private Task<MatrixResponse> Put(string userId, string token, bool suspended, CancellationToken ct) =>
        Client.ExecuteAsync(MatrixRequest.Put(Path + Seg(userId)).WithToken(token).WithJson(new JsonObject { ["suspended"] = suspended }), ct);

    private static string Seg(string value) => MatrixRequest.Segment(value);
}
