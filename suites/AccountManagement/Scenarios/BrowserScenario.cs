using System.Diagnostics;
using Conformance.Harness.Browser;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using Microsoft.Playwright;
using static Conformance.Suites.AccountManagement.Checks.ActionNames;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// The destructive deep links in a real browser, each for a user of its own, signed in first: load the
/// page and check nothing happened; read what it tells the user; confirm and check it happened. Every
/// step leaves a screenshot under the run's output folder.
/// </summary>
public sealed class BrowserScenario
{
    private readonly SuiteContext _ctx;
    private readonly BrowserHost _host;
    private readonly WebDefaults _defaults;
    private readonly AccountManagementUrl _account;
    private readonly List<(string Action, TimeSpan Took)> _times = [];

    private BrowserScenario(SuiteContext ctx, BrowserHost host, WebDefaults defaults, AccountManagementUrl account) =>
        (_ctx, _host, _defaults, _account) = (ctx, host, defaults, account);

    private CancellationToken Ct => _ctx.Cancellation;

    public static async Task<Observed<BrowserObservations>> RunAsync(SuiteContext ctx, MetadataObservations metadata, Lazy<WebDefaults> defaults)
    {
        if (!metadata.AccountManagement.TryGet(out var account, out var missing)) return Observed.NotSeen<BrowserObservations>(missing);
        var clock = Stopwatch.StartNew();
        var (host, unavailable) = await BrowserHost.TryStartAsync(ctx.Profile.Web.Chromium);
        if (host is null)
            return Observed.NotSeen<BrowserObservations>(Judgement.Skip($"No browser to run the page checks in: {unavailable}.", $"looked for Chromium at {BrowserHost.Locate(ctx.Profile.Web.Chromium)}"));
        await using var _ = host;
        ctx.Sink.Feature("browser", host.Executable + " " + host.Browser.Version);
        var browserStart = clock.Elapsed;
        var scenario = new BrowserScenario(ctx, host, defaults.Value, account);
        // One after another: on two cores, side by side is no faster, and the per-action times stay readable.
        var (view, delete) = await scenario.DevicesAsync();
        var deactivate = await scenario.DeactivateAsync();
        var reset = await scenario.ResetAsync();
        ctx.Sink.Feature("browser-time", $"{clock.Elapsed.TotalSeconds:0.0} s in all (browser start {browserStart.TotalSeconds:0.0} s; "
            + string.Join(", ", scenario._times.Select(t => $"{Short(t.Action)} {t.Took.TotalSeconds:0.0} s")) + ")");
        return new BrowserObservations { DeviceView = view, DeviceDelete = delete, AccountDeactivate = deactivate, CrossSigningReset = reset };
    }

    /// <summary>device_view, then device_delete, on the second of the user's two devices.</summary>
    private async Task<(Observed<BrowserFlow> View, Observed<BrowserFlow> Delete)> DevicesAsync()
    {
        if (!_account.Advertises(DeviceDelete) && !_account.Advertises(DeviceView)) return (NotAdvertised(DeviceView), NotAdvertised(DeviceDelete));
        if (!(await UserAsync("am_devices")).TryGet(out var user, out var why)) return (Observed.NotSeen<BrowserFlow>(why), Observed.NotSeen<BrowserFlow>(why));
        return await InBrowserAsync(user, async web =>
        {
            var device = (user.Target.DeviceId, "conformance " + user.Target.DeviceId);
            var view = _account.Advertises(DeviceView)
                ? await RunFlowAsync(web, DeviceView, device, null, null)
                : NotAdvertised(DeviceView);
            var delete = _account.Advertises(DeviceDelete)
                ? await RunFlowAsync(web, DeviceDelete, device, () => DeviceStateAsync(user), () => DeviceStateAsync(user))
                : NotAdvertised(DeviceDelete);
            return (view, delete);
        });
    }

    private async Task<Observed<BrowserFlow>> DeactivateAsync()
    {
        if (!_account.Advertises(AccountDeactivate)) return NotAdvertised(AccountDeactivate);
        if (!(await UserAsync("am_deactivate")).TryGet(out var user, out var why)) return Observed.NotSeen<BrowserFlow>(why);
        return await InBrowserAsync(user, async web => Observed.Of(await RunFlowAsync(web, AccountDeactivate, null,
            async () => new AccountState(await Whoami(user.Watcher)),
            async () => new AccountState(await Whoami(user.Watcher), await _ctx.Sessions.LoginRequestAsync(user.Account, "CF" + _ctx.RunId.ToUpperInvariant() + "DX", false, Ct)))));
    }

    private async Task<Observed<BrowserFlow>> ResetAsync()
    {
        if (!_account.Advertises(CrossSigningReset)) return NotAdvertised(CrossSigningReset);
        if (!(await UserAsync("am_reset")).TryGet(out var user, out var why)) return Observed.NotSeen<BrowserFlow>(why);
        return await InBrowserAsync(user, async web => Observed.Of(await RunFlowAsync(web, CrossSigningReset, null, null, null)));
    }

    private static Observed<BrowserFlow> NotAdvertised(string action) =>
        Observed.NotSeen<BrowserFlow>(Judgement.Skip($"{action} is not advertised.", $"{AccountManagementUrl.ActionsField} does not list it"));

    /// <summary>The flow's user, signed in on two devices through the API: the first watches, the second is the one acted on.</summary>
    private sealed record FlowUser(TestAccount Account, UserSession Watcher, UserSession Target);

    private async Task<Observed<FlowUser>> UserAsync(string role)
    {
        try
        {
            var user = await _ctx.Accounts.RequireAsync(role, admin: false);
            var device = "CF" + _ctx.RunId.ToUpperInvariant() + role.Replace("am_", "").ToUpperInvariant()[..2];
            var watcher = await _ctx.Sessions.LoginAsync(user, device + "1", ct: Ct);
            var target = await _ctx.Sessions.LoginAsync(user, device + "2", ct: Ct);
            return new FlowUser(user, watcher, target);
        }
        catch (ProvisioningException e)
        {
            return Observed.NotSeen<FlowUser>(e.Why);
        }
    }

    /// <summary>A fresh browser context (no cookies) for the user, in which the flows run.</summary>
    private async Task<T> InBrowserAsync<T>(FlowUser user, Func<WebFlow, Task<T>> flows)
    {
        await using var context = await _host.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        var username = _ctx.Profile.Web.Username == "user_id" ? user.Account.UserId : user.Account.Localpart;
        return await flows(new WebFlow(page, _ctx.Profile.Web, _defaults, new WebCredentials(username, user.Account.UserId, user.Account.Password), _account.Uri.ToString()));
    }

    private async Task<BrowserFlow> RunFlowAsync(WebFlow web, string action, (string Id, string Name)? device,
        Func<Task<ActionState>>? afterLoad, Func<Task<ActionState>>? afterConfirm)
    {
        var clock = Stopwatch.StartNew();
        var screenshots = new List<Attachment>();
        string Shot(string step)
        {
            var relative = Path.Combine("screenshots", $"{Short(action)}-{step}.png");
            screenshots.Add(new Attachment($"{Short(action)}: {step}", relative, "image/png"));
            return Path.Combine(_ctx.Config.OutDir, relative);
        }
        try
        {
            // The link uses the name the server advertises for the action (an unstable alias, on some servers).
            var link = DeepLinkScenario.With(_account.Uri, [("action", _account.NameFor(action)), .. device is { } d ? [("device_id", d.Id)] : Array.Empty<(string, string)>()]);
            var loaded = await LoadAsync(web, action, link, Shot, afterLoad, afterConfirm);
            return new BrowserFlow { Action = action, DeviceId = device?.Id, DeviceName = device?.Name, Loaded = loaded, Screenshots = [.. screenshots] };
        }
        finally
        {
            _times.Add((action, clock.Elapsed));
        }
    }

    private async Task<Observed<LoadedPage>> LoadAsync(WebFlow web, string action, Uri link, Func<string, string> shot,
        Func<Task<ActionState>>? afterLoad, Func<Task<ActionState>>? afterConfirm)
    {
        var readOnly = Judgement.Inconclusive($"The {Short(action)} flow only reads the page.");
        PageView page;
        Observed<ActionState> stateAfterLoad;
        try
        {
            var view = await web.GotoAsync(link.ToString(), null);
            if (view.IsSignIn)
            {
                await web.ViewAsync(shot("sign-in"));
                await web.SignInIfAskedAsync();
                if ((await web.ViewAsync(null)).IsSignIn)
                {
                    await web.ViewAsync(shot("sign-in-failed"));
                    return Observed.NotSeen<LoadedPage>(Judgement.Error($"The browser could not sign in at {web.Page.Url}: the page still asks for credentials. Describe the sign-in in the profile's web.login steps."));
                }
                // Some servers return to the deep link after signing in, some to their home page.
                if (!web.Page.Url.Contains("action=", StringComparison.Ordinal)) await web.GotoAsync(link.ToString(), null);
            }
            page = await web.ViewAsync(shot("loaded"));
            stateAfterLoad = afterLoad is null ? Observed.NotSeen<ActionState>(readOnly) : await afterLoad();
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            try { await web.ViewAsync(shot("error")); } catch (PlaywrightException) { }
            return Observed.NotSeen<LoadedPage>(Judgement.Error($"The browser flow for {action} broke at {web.Page.Url}: {Describe(e)}"));
        }
        var confirmed = afterConfirm is null ? Observed.NotSeen<Confirmation>(readOnly) : await ConfirmAsync(web, action, page, shot, afterConfirm);
        return new LoadedPage { Page = page, AfterLoad = stateAfterLoad, Confirmed = confirmed };
    }

    private static async Task<Observed<Confirmation>> ConfirmAsync(WebFlow web, string action, PageView page, Func<string, string> shot, Func<Task<ActionState>> afterConfirm)
    {
        if (page.Controls.Count == 0)
            return Observed.NotSeen<Confirmation>(Judgement.Inconclusive("The page offers nothing to confirm with, so completing the action could not be tried."));
        bool signIn;
        PageView confirmed;
        try
        {
            signIn = await web.ConfirmAsync(action);
            confirmed = await web.ViewAsync(shot("confirmed"));
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            try { await web.ViewAsync(shot("confirm-error")); } catch (PlaywrightException) { }
            return Observed.NotSeen<Confirmation>(Judgement.Error($"Confirming {action} in the browser broke at {web.Page.Url}: {Describe(e)}. Describe it in the profile's web.confirm (or web.confirm_per_action) steps."));
        }
        return new Confirmation(confirmed, signIn, await afterConfirm());
    }

    /// <summary>Playwright's first line, and the call log's lines that say what it was waiting for.</summary>
    private static string Describe(Exception e)
    {
        var lines = e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var waiting = lines.SkipWhile(l => !l.StartsWith("Call log", StringComparison.Ordinal) && !l.Contains("logs =====", StringComparison.Ordinal)).Skip(1).Take(3);
        return string.Join(" ", lines.Take(1).Concat(waiting));
    }

    private async Task<ActionState> DeviceStateAsync(FlowUser user) =>
        new DeviceState(await _ctx.Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/devices").WithToken(user.Watcher.AccessToken), Ct), await Whoami(user.Target));

    private Task<MatrixResponse> Whoami(UserSession s) =>
        _ctx.Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(s.AccessToken), Ct);
}
