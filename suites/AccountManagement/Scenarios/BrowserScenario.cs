using Conformance.Harness.Browser;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using Conformance.Suites.Common;
using Microsoft.Playwright;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// The destructive deep links in a real browser, each for a user of its own, signed in first: load the
/// page and check nothing happened; read what it tells the user; confirm and check it happened. Every
/// step leaves a screenshot under the run's output folder.
/// </summary>
public sealed class BrowserScenario : IAsyncDisposable
{
    public Judgement? Precondition { get; private init; }
    public WebDefaults Words => _defaults;
    public System.Collections.Concurrent.ConcurrentDictionary<string, BrowserFlowResult> Flows { get; } = new(StringComparer.Ordinal);
    public TimeSpan Took { get; private set; }
    private BrowserHost? _host;
    private WebDefaults _defaults = new();
    private string _accountUri = "";
    private TimeSpan _started;

    public static async Task<BrowserScenario> RunAsync(SuiteContext ctx, MetadataScenario metadata)
    {
        if (metadata.NoAccountUri is { } missing) return new BrowserScenario { Precondition = missing };
        var start = System.Diagnostics.Stopwatch.StartNew();
        var (host, unavailable) = await BrowserHost.TryStartAsync(ctx.Profile.Web.Chromium);
        if (host is null)
            return new BrowserScenario { Precondition = Judgement.Skip($"No browser to run the page checks in: {unavailable}.", $"looked for Chromium at {BrowserHost.Locate(ctx.Profile.Web.Chromium)}") };
        ctx.Sink.Feature("browser", host.Executable + " " + host.Browser.Version);
        var scenario = new BrowserScenario
        {
            _host = host,
            _started = start.Elapsed,
            _defaults = WebDefaults.Load(ctx.Layout.WebDefaultsFile, ctx.Profile.Web),
            _accountUri = metadata.AccountUri!.ToString(),
        };
        var clock = start;
        // One after another: on two cores, side by side is no faster, and the per-action times stay readable.
        await scenario.DevicesAsync(ctx, metadata);
        await scenario.DeactivateAsync(ctx, metadata);
        await scenario.ResetAsync(ctx, metadata);
        scenario.Took = clock.Elapsed;
        ctx.Sink.Feature("browser-time", $"{clock.Elapsed.TotalSeconds:0.0} s in all (browser start {scenario._started.TotalSeconds:0.0} s; "
            + string.Join(", ", scenario.Flows.Values.OrderBy(f => f.Started).Select(f => $"{f.Action.Replace("org.matrix.", "")} {f.Took.TotalSeconds:0.0} s")) + ")");
        return scenario;
    }

    /// <summary>device_view, then device_delete, on the second of the user's two devices.</summary>
    private async Task DevicesAsync(SuiteContext ctx, MetadataScenario metadata)
    {
        if (!metadata.Advertises("org.matrix.device_delete") && !metadata.Advertises("org.matrix.device_view")) return;
        await WithUserAsync(ctx, "am_devices", ["org.matrix.device_view", "org.matrix.device_delete"], async (user, watcher, target, run) =>
        {
            if (metadata.Advertises("org.matrix.device_view"))
                await run(new BrowserFlowResult { Action = "org.matrix.device_view", DeviceId = target.DeviceId, DeviceName = "conformance " + target.DeviceId }, null, null);
            if (metadata.Advertises("org.matrix.device_delete"))
                await run(new BrowserFlowResult { Action = "org.matrix.device_delete", DeviceId = target.DeviceId, DeviceName = "conformance " + target.DeviceId },
                    () => ApiState(ctx, watcher, target), () => ApiState(ctx, watcher, target));
        });
    }

    private async Task DeactivateAsync(SuiteContext ctx, MetadataScenario metadata)
    {
        if (!metadata.Advertises("org.matrix.account_deactivate")) return;
        await WithUserAsync(ctx, "am_deactivate", ["org.matrix.account_deactivate"], async (user, watcher, _, run) =>
            await run(new BrowserFlowResult { Action = "org.matrix.account_deactivate" },
                async () => [await Whoami(ctx, watcher)],
                async () => [await Whoami(ctx, watcher), await ctx.Sessions.LoginRequestAsync(user, "CF" + ctx.RunId.ToUpperInvariant() + "DX", false, ctx.Cancellation)]));
    }

    private async Task ResetAsync(SuiteContext ctx, MetadataScenario metadata)
    {
        if (!metadata.Advertises("org.matrix.cross_signing_reset")) return;
        await WithUserAsync(ctx, "am_reset", ["org.matrix.cross_signing_reset"], async (_, _, _, run) =>
            await run(new BrowserFlowResult { Action = "org.matrix.cross_signing_reset" }, null, null));
    }

    private delegate Task FlowRunner(BrowserFlowResult flow, Func<Task<List<MatrixResponse>>>? afterLoad, Func<Task<List<MatrixResponse>>>? afterConfirm);

    /// <summary>Makes the user (two devices), signs a fresh browser context in, and runs the flows.</summary>
    private async Task WithUserAsync(SuiteContext ctx, string role, string[] actions, Func<TestAccount, UserSession, UserSession, FlowRunner, Task> body)
    {
        TestAccount user;
        UserSession watcher, target;
        try
        {
            user = await ctx.Accounts.RequireAsync(role, admin: false);
            var device = "CF" + ctx.RunId.ToUpperInvariant() + role.Replace("am_", "").ToUpperInvariant()[..2];
            watcher = await ctx.Sessions.LoginAsync(user, device + "1", ct: ctx.Cancellation);
            target = await ctx.Sessions.LoginAsync(user, device + "2", ct: ctx.Cancellation);
        }
        catch (ProvisioningException e)
        {
            foreach (var a in actions) Flows[a] = new BrowserFlowResult { Action = a, Unavailable = Judgement.Error(e.Message) };
            return;
        }

        await using var context = await _host!.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        var username = ctx.Profile.Web.Username == "user_id" ? user.UserId : user.Localpart;
        var flow = new WebFlow(page, ctx.Profile.Web, _defaults, username, user.Password, _accountUri);
        await body(user, watcher, target, (f, afterLoad, afterConfirm) => RunFlowAsync(ctx, flow, f, afterLoad, afterConfirm));
    }

    private async Task RunFlowAsync(SuiteContext ctx, WebFlow flow, BrowserFlowResult result, Func<Task<List<MatrixResponse>>>? afterLoad, Func<Task<List<MatrixResponse>>>? afterConfirm)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        result.Started = DateTimeOffset.UtcNow;
        try { await RunFlowStepsAsync(ctx, flow, result, afterLoad, afterConfirm); }
        finally { result.Took = clock.Elapsed; }
    }

    private async Task RunFlowStepsAsync(SuiteContext ctx, WebFlow flow, BrowserFlowResult result, Func<Task<List<MatrixResponse>>>? afterLoad, Func<Task<List<MatrixResponse>>>? afterConfirm)
    {
        Flows[result.Action] = result;
        var name = result.Action.Replace("org.matrix.", "");
        string Shot(string step)
        {
            var relative = Path.Combine("screenshots", $"{name}-{step}.png");
            result.Screenshots.Add(new Attachment($"{name}: {step}", relative, "image/png"));
            return Path.Combine(ctx.Config.OutDir, relative);
        }
        try
        {
            var link = DeepLinkScenario.With(new Uri(_accountUri), [("action", result.Action), .. result.DeviceId is null ? Array.Empty<(string, string)>() : [("device_id", result.DeviceId)]]);
            var view = await flow.GotoAsync(link.ToString(), null);
            if (view.IsSignIn)
            {
                await flow.ViewAsync(Shot("sign-in"));
                await flow.SignInIfAskedAsync();
                if ((await flow.ViewAsync(null)).IsSignIn)
                {
                    await flow.ViewAsync(Shot("sign-in-failed"));
                    result.Unavailable = Judgement.Error($"The browser could not sign in at {flow.Page.Url}: the page still asks for credentials. Describe the sign-in in the profile's web.login steps.");
                    return;
                }
                // Some servers return to the deep link after signing in, some to their home page.
                if (!flow.Page.Url.Contains("action=", StringComparison.Ordinal)) await flow.GotoAsync(link.ToString(), null);
            }
            result.Loaded = await flow.ViewAsync(Shot("loaded"));
            if (afterLoad is not null) result.AfterLoad.AddRange(await afterLoad());
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            try { await flow.ViewAsync(Shot("error")); } catch (PlaywrightException) { }
            result.Unavailable = Judgement.Error($"The browser flow for {result.Action} broke at {flow.Page.Url}: {Describe(e)}");
            return;
        }
        if (afterConfirm is null) return;
        if (result.Loaded.Controls.Count == 0)
        {
            result.ConfirmUnavailable = Judgement.Inconclusive("The page offers nothing to confirm with, so completing the action could not be tried.");
            return;
        }
        try
        {
            result.SignInWhileConfirming = await flow.ConfirmAsync();
            result.Confirmed = await flow.ViewAsync(Shot("confirmed"));
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            try { await flow.ViewAsync(Shot("confirm-error")); } catch (PlaywrightException) { }
            result.ConfirmUnavailable = Judgement.Error($"Confirming {result.Action} in the browser broke at {flow.Page.Url}: {Describe(e)}. Describe it in the profile's web.confirm steps.");
            return;
        }
        result.AfterConfirm.AddRange(await afterConfirm());
    }

    /// <summary>Playwright's first line, and the call log's lines that say what it was waiting for.</summary>
    private static string Describe(Exception e)
    {
        var lines = e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var waiting = lines.SkipWhile(l => !l.StartsWith("Call log", StringComparison.Ordinal) && !l.Contains("logs =====", StringComparison.Ordinal)).Skip(1).Take(3);
        return string.Join(" ", lines.Take(1).Concat(waiting));
    }

    private static async Task<List<MatrixResponse>> ApiState(SuiteContext ctx, UserSession watcher, UserSession target) =>
        [await ctx.Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/devices").WithToken(watcher.AccessToken), ctx.Cancellation), await Whoami(ctx, target)];

    private static Task<MatrixResponse> Whoami(SuiteContext ctx, UserSession s) =>
        ctx.Client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/account/whoami").WithToken(s.AccessToken), ctx.Cancellation);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}
