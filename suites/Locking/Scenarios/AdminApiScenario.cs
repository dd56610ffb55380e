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
/// The admin lock API (MSC4323, spec v1.18) exercised by an admin, a second admin and a non-admin, on an
/// existing, an unknown, a remote and a deactivated user. Runs on its own accounts, so it never touches
/// the lock scenario's locked user.
/// </summary>
public sealed class AdminApiScenario
{
    public const string Path = Msc4323LockAdapter.StablePrefix + "/lock/";
    public const string UnstablePath = Msc4323LockAdapter.UnstablePrefix + "/lock/";

    private readonly SuiteContext _ctx;
    private readonly CancellationToken _ct;
    private string _adminToken = "";

    private AdminApiScenario(SuiteContext ctx, CancellationToken ct) => (_ctx, _ct) = (ctx, ct);

    private MatrixClient Client => _ctx.Client;

    public static async Task<AdminApiObservations> RunAsync(SuiteContext ctx, CancellationToken ct)
    {
        var scenario = new AdminApiScenario(ctx, ct);
        try
        {
            return await scenario.RunCoreAsync();
        }
        catch (ProvisioningException e)
        {
            var why = e.Why;
            return new AdminApiObservations(Observed.NotSeen<AdminApiDiscovery>(why), Observed.NotSeen<AdminApiAnswers>(why));
        }
    }

    private async Task<AdminApiObservations> RunCoreAsync()
    {
        var device = "CF" + _ctx.RunId.ToUpperInvariant();
        var admin = await _ctx.Accounts.RequireAsync("admin", admin: true);
        var other = await _ctx.Accounts.RequireAsync("other", admin: false);
        var target = await _ctx.Accounts.GetAsync("lock_target", admin: false) ?? other;
        var a = _adminToken = (await _ctx.Sessions.LoginAsync(admin, device + "AA", ct: _ct)).AccessToken;
        var o = (await _ctx.Sessions.LoginAsync(other, device + "AO", ct: _ct)).AccessToken;
        var t = target == other ? o : (await _ctx.Sessions.LoginAsync(target, device + "AT", ct: _ct)).AccessToken;
        var unknownUser = $"@{_ctx.Profile.Users.LocalpartPrefix}-absent-{_ctx.RunId}:{admin.ServerName}";
        var remoteUser = $"@{_ctx.Profile.Users.LocalpartPrefix}-{_ctx.RunId}:remote.invalid";

        var discovery = new AdminApiDiscovery(
            await Get("/_matrix/client/v3/capabilities", a),
            await Get("/_matrix/client/v3/capabilities", o),
            await Get(UnstablePath + Seg(target.UserId), a),
            _ctx.Identity.UnstableFeatures);

        var probe = await Get(Path + Seg(target.UserId), a);
        // A probe with no answer or a server error says nothing about whether the API exists.
        if (!probe.Arrived || probe.Status >= 500)
            return new AdminApiObservations(discovery, Observed.NotSeen<AdminApiAnswers>(Judgement.Error(
                $"GET {Path}{{userId}} as a server admin answered {probe.Summary()}, so whether the server offers the admin lock API is not known.").WithEvidence(probe)));
        if (LockedAnswer.LooksUnrecognized(probe))
            return new AdminApiObservations(discovery, Observed.NotSeen<AdminApiAnswers>(Judgement.Skip(
                "The server does not offer the admin lock API (PUT/GET /_matrix/client/v1/admin/lock/{userId}).",
                $"GET {Path}{{userId}} as a server admin returned {probe.Summary()}")));

        // A non-admin on an existing user; a lock the server should have refused is undone.
        var nonAdmin = await PairAsync(target.UserId, o);
        var afterNonAdminPut = await Get(Path + Seg(target.UserId), a);
        await RestoreAsync(target.UserId, nonAdmin.Put);
        // The same non-admin on an existing, an unknown and a remote user: the answers must not differ.
        var onExisting = await PairAsync(target.UserId, o);
        await RestoreAsync(target.UserId, onExisting.Put);
        var onUnknown = await PairAsync(unknownUser, o);
        var onRemote = await PairAsync(remoteUser, o);

        // Lock and unlock through the API, each time asking the user's own token whether it took effect.
        var lockAnswer = await Put(Path + Seg(target.UserId), a, true);
        var locked = await Get(Path + Seg(target.UserId), a);
        var userWhileLocked = await Get("/_matrix/client/v3/account/whoami", t);
        var unlockAnswer = await Put(Path + Seg(target.UserId), a, false);
        var unlocked = await Get(Path + Seg(target.UserId), a);
        var userAfterUnlock = await Get("/_matrix/client/v3/account/whoami", t);

        // The error answers.
        var remote = await PairAsync(remoteUser, a);
        var unknown = await PairAsync(unknownUser, a);
        var deactivated = await DeactivatedUserAsync();
        var (otherAdmin, self) = await AdminCasesAsync();

        return new AdminApiObservations(discovery, new AdminApiAnswers
        {
            NonAdmin = nonAdmin,
            AfterNonAdminPut = afterNonAdminPut,
            NonAdminOnExisting = onExisting,
            NonAdminOnUnknown = onUnknown,
            NonAdminOnRemote = onRemote,
            Lock = lockAnswer,
            Locked = locked,
            Unlock = unlockAnswer,
            Unlocked = unlocked,
            UserWhileLocked = userWhileLocked,
            UserAfterUnlock = userAfterUnlock,
            RemoteUser = remote,
            UnknownUser = unknown,
            DeactivatedUser = deactivated,
            OtherAdmin = otherAdmin,
            Self = self,
        });
    }

    /// <summary>Deactivates a user of its own the way the profile's users.deactivate says, then asks about it.</summary>
    private async Task<Observed<LockApiPair>> DeactivatedUserAsync()
    {
        if (!(await TestUserDeactivation.DeactivateAsync(_ctx, "deactivated", _adminToken, "CF" + _ctx.RunId.ToUpperInvariant() + "AD", _ct)).TryGet(out var gone, out var why))
            return Observed.NotSeen<LockApiPair>(why);
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
        var secondToken = (await _ctx.Sessions.LoginAsync(second, "CF" + _ctx.RunId.ToUpperInvariant() + "AB", ct: _ct)).AccessToken;
        var otherAdmin = await Put(Path + Seg(second.UserId), _adminToken, true);
        await RestoreAsync(second.UserId, otherAdmin);
        // Last: a server that lets an admin lock itself leaves this second admin locked.
        var self = await Put(Path + Seg(second.UserId), secondToken, true);
        await RestoreAsync(second.UserId, self);
        return (otherAdmin, self);
    }

    /// <summary>A GET, then a PUT {"locked": true}, of one user's lock, as the given caller.</summary>
    private async Task<LockApiPair> PairAsync(string userId, string token) =>
        new(await Get(Path + Seg(userId), token), await Put(Path + Seg(userId), token, true));

    /// <summary>Undoes a lock the server should have refused, so one broken rule does not spill into the next case.</summary>
    private async Task RestoreAsync(string userId, MatrixResponse attempt)
    {
        if (attempt.IsSuccess) await Put(Path + Seg(userId), _adminToken, false);
    }

    private Task<MatrixResponse> Get(string path, string token) => Client.ExecuteAsync(MatrixRequest.Get(path).WithToken(token), _ct);

    private Task<MatrixResponse> Put(string path, string token, bool locked) =>
        Client.ExecuteAsync(MatrixRequest.Put(path).WithToken(token).WithJson(new JsonObject { ["locked"] = locked }), _ct);

    private static string Seg(string value) => MatrixRequest.Segment(value);
}
