using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Locking;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Checks;

namespace Conformance.Suites.Locking.Scenarios;

/// <summary>
/// The admin lock API (MSC4323, spec v1.18) exercised by an admin, a second admin and a non-admin, on an
/// existing, an unknown, a remote and a deactivated user. Runs on its own accounts, so it never touches
/// the lock scenario's locked user.
/// </summary>
public sealed class AdminApiScenario(SuiteContext ctx)
{
    public const string Path = Msc4323LockAdapter.StablePrefix + "/lock/";
    public const string UnstablePath = Msc4323LockAdapter.UnstablePrefix + "/lock/";

    /// <summary>Set when the API is absent (skip) or the scenario could not start (error).</summary>
    public Judgement? Precondition { get; private set; }
    public Dictionary<string, Judgement> CaseUnavailable { get; } = new(StringComparer.Ordinal);

    /// <summary>Every response, by a key such as "adm1.get" or "adm4.remote.put".</summary>
    public Dictionary<string, MatrixResponse> R { get; } = new(StringComparer.Ordinal);
    public string UnknownUser { get; private set; } = "";
    public string RemoteUser { get; private set; } = "";
    public IReadOnlyList<string> UnstableFeatures => ctx.Identity.UnstableFeatures;

    private MatrixClient Client => ctx.Client;
    private CancellationToken _ct;

    public async Task RunAsync(CancellationToken ct)
    {
        _ct = ct;
        try
        {
            await RunCoreAsync();
        }
        catch (ProvisioningException e)
        {
            Precondition ??= Judgement.Error(e.Message);
        }
    }

    private async Task RunCoreAsync()
    {
        var device = "CF" + ctx.RunId.ToUpperInvariant();
        var admin = await ctx.Accounts.RequireAsync("admin", admin: true);
        var other = await ctx.Accounts.RequireAsync("other", admin: false);
        var target = await ctx.Accounts.GetAsync("lock_target", admin: false) ?? await ctx.Accounts.RequireAsync("other", admin: false);
        var a = (await ctx.Sessions.LoginAsync(admin, device + "AA", ct: _ct)).AccessToken;
        var o = (await ctx.Sessions.LoginAsync(other, device + "AO", ct: _ct)).AccessToken;
        UnknownUser = $"@{ctx.Profile.Users.LocalpartPrefix}-absent-{ctx.RunId}:{admin.ServerName}";
        RemoteUser = $"@{ctx.Profile.Users.LocalpartPrefix}-{ctx.RunId}:remote.invalid";

        R["caps.admin"] = await Get("/_matrix/client/v3/capabilities", a);
        R["caps.other"] = await Get("/_matrix/client/v3/capabilities", o);
        R["unstable.get"] = await Get(UnstablePath + Seg(target.UserId), a);

        var probe = R["probe"] = await Get(Path + Seg(target.UserId), a);
        if (LockedAnswer.LooksUnrecognized(probe))
        {
            Precondition = Judgement.Skip("The server does not offer the admin lock API (PUT/GET /_matrix/client/v1/admin/lock/{userId}).",
                $"GET {Path}{{userId}} as a server admin returned {probe.Summary()}");
            return;
        }

        // ADM-001 and ADM-002: a non-admin, on an existing, an unknown and a remote user.
        R["adm1.get"] = await Get(Path + Seg(target.UserId), o);
        R["adm1.put"] = await Put(Path + Seg(target.UserId), o, true);
        R["adm1.after"] = await Get(Path + Seg(target.UserId), a);
        await RestoreAsync(target.UserId, a, R["adm1.put"]);
        foreach (var (name, user) in new[] { ("existing", target.UserId), ("unknown", UnknownUser), ("remote", RemoteUser) })
        {
            R[$"adm2.{name}.get"] = await Get(Path + Seg(user), o);
            R[$"adm2.{name}.put"] = await Put(Path + Seg(user), o, true);
            if (name == "existing") await RestoreAsync(target.UserId, a, R[$"adm2.{name}.put"]);
        }

        // ADM-003: lock and unlock through the API.
        R["adm3.lock"] = await Put(Path + Seg(target.UserId), a, true);
        R["adm3.locked"] = await Get(Path + Seg(target.UserId), a);
        R["adm3.unlock"] = await Put(Path + Seg(target.UserId), a, false);
        R["adm3.unlocked"] = await Get(Path + Seg(target.UserId), a);

        // ADM-004: the error answers.
        foreach (var (name, user) in new[] { ("remote-user", RemoteUser), ("unknown-user", UnknownUser) })
        {
            R[$"adm4.{name}.get"] = await Get(Path + Seg(user), a);
            R[$"adm4.{name}.put"] = await Put(Path + Seg(user), a, true);
        }
        await DeactivatedCaseAsync(a);
        await AdminCasesAsync(admin, a);
    }

    private async Task DeactivatedCaseAsync(string adminToken)
    {
        var gone = await ctx.Accounts.GetAsync("deactivated", admin: false);
        if (gone is null)
        {
            CaseUnavailable["deactivated-user"] = Judgement.Skip("The profile gives no account to deactivate.", "profile: users.method is given");
            return;
        }
        var session = await ctx.Sessions.LoginAsync(gone, "CF" + ctx.RunId.ToUpperInvariant() + "AD", ct: _ct);
        var deactivated = await DeactivateAsync(gone, session.AccessToken);
        if (!deactivated.IsSuccess)
        {
            CaseUnavailable["deactivated-user"] = Judgement.Inconclusive($"Could not deactivate a test account to ask about it: POST /account/deactivate returned {deactivated.Summary()}.");
            return;
        }
        R["adm4.deactivated-user.get"] = await Get(Path + Seg(gone.UserId), adminToken);
        R["adm4.deactivated-user.put"] = await Put(Path + Seg(gone.UserId), adminToken, true);
    }

    private async Task AdminCasesAsync(TestAccount admin, string adminToken)
    {
        var second = await ctx.Accounts.GetAsync("second_admin", admin: true);
        if (second is null)
        {
            var why = Judgement.Skip("The profile gives no second admin account.", "profile: users.accounts.second_admin is not set");
            CaseUnavailable["other-admin"] = why;
            CaseUnavailable["self"] = why;
            return;
        }
        var secondToken = (await ctx.Sessions.LoginAsync(second, "CF" + ctx.RunId.ToUpperInvariant() + "AB", ct: _ct)).AccessToken;
        R["adm4.other-admin.put"] = await Put(Path + Seg(second.UserId), adminToken, true);
        await RestoreAsync(second.UserId, adminToken, R["adm4.other-admin.put"]);
        // Last: a server that lets an admin lock itself leaves this second admin locked.
        R["adm4.self.put"] = await Put(Path + Seg(second.UserId), secondToken, true);
        await RestoreAsync(second.UserId, adminToken, R["adm4.self.put"]);
    }

    /// <summary>Undoes a lock the server should have refused, so one broken rule does not spill into the next case.</summary>
    private async Task RestoreAsync(string userId, string adminToken, MatrixResponse attempt)
    {
        if (attempt.IsSuccess) await Put(Path + Seg(userId), adminToken, false);
    }

    private async Task<MatrixResponse> DeactivateAsync(TestAccount account, string token)
    {
        var first = await Client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/account/deactivate").WithToken(token).WithJson(new JsonObject()), _ct);
        if (first.Status != 401 || first.StringField("session") is not { } session) return first;
        return await Client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/account/deactivate").WithToken(token).WithJson(new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["type"] = "m.login.password",
                ["identifier"] = new JsonObject { ["type"] = "m.id.user", ["user"] = account.UserId },
                ["password"] = account.Password,
                ["session"] = session,
            },
        }), _ct);
    }

    private Task<MatrixResponse> Get(string path, string token) => Client.ExecuteAsync(MatrixRequest.Get(path).WithToken(token), _ct);

    private Task<MatrixResponse> Put(string path, string token, bool locked) =>
        Client.ExecuteAsync(MatrixRequest.Put(path).WithToken(token).WithJson(new JsonObject { ["locked"] = locked }), _ct);

    private static string Seg(string value) => MatrixRequest.Segment(value);
}
