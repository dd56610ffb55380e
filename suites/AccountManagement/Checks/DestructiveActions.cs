using System.Text.Json.Nodes;
using Conformance.Harness.Browser;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using Xunit;
using static Conformance.Suites.AccountManagement.Checks.ActionNames;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>The destructive deep links (device_delete, account_deactivate; cross_signing_reset held to the
/// same test at warning level): nothing happens before the user is told what will and confirms, then
/// confirming does it, and the password is asked for again.</summary>
public sealed class DestructiveActions(AccountManagementSuite suite)
{
    [Theory, Check("AM-011"), NamedCases]
    public Task AM011(DestructiveStep @case) => IsNoSession(@case)
        ? suite.Context.JudgeAsync(@case, () => suite.Links, o => AM011_NothingHappensWithoutASession(o, @case))
        : suite.Context.JudgeAsync(@case, () => suite.Browser, o => AM011_ExplainedBeforeItHappens(o, @case, suite.Words));

    [Theory, Check("AM-012"), NamedCases]
    public Task AM012(DestructiveAction @case) => suite.Context.JudgeAsync(@case, () => suite.Browser, o => AM012_AsksForThePasswordAgain(o, @case));

    /// <summary>The steps observed over plain HTTP with no session; the others are observed in the browser.</summary>
    public static bool IsNoSession(DestructiveStep step) => step is DestructiveStep.DeviceDeleteNoSession or DestructiveStep.AccountDeactivateNoSession;

    /// <summary>A bare navigation to the link, redirects and all, must change nothing: the device is still
    /// listed and its token works, or the account's token works.</summary>
    public static Outcome AM011_NothingHappensWithoutASession(Observed<DeepLinkObservations> o, DestructiveStep step)
    {
        const string subject = "GET {account_management_uri}";
        if (!IsNoSession(step)) throw new ArgumentOutOfRangeException(nameof(step), step, "observed in the browser, not over plain HTTP");
        if (!o.TryGet(out var links, out var why)) return new Outcome(subject, why);
        var after = links.NoSession;
        if (step == DestructiveStep.DeviceDeleteNoSession)
        {
            if (Expect.Arrived(after.Devices, after.TargetToken) is { } lost) return Outcome.Of(subject, lost, after.Devices, after.TargetToken);
            var listed = Lists(after.Devices, after.TargetDevice);
            return Outcome.Of(subject, listed && after.TargetToken.IsSuccess
                ? Judgement.Pass("After following the link with no session, the device is still listed and its token still works.")
                : Judgement.Breach($"Following the link with no session changed something: the device is {(listed ? "" : "no longer ")}listed and its token answers {after.TargetToken.Summary()}."),
                after.Devices, after.TargetToken);
        }
        if (Expect.Arrived(after.AccountToken) is { } gone) return Outcome.Of(subject, gone, after.AccountToken);
        return Outcome.Of(subject, after.AccountToken.IsSuccess
            ? Judgement.Pass("After following the link with no session, the account still works.")
            : Judgement.Breach($"Following the link with no session changed something: the account's token answers {after.AccountToken.Summary()}."), after.AccountToken);
    }

    /// <summary>Signed in, in a browser: loading the page changes nothing (after-load); the page names the
    /// action, the device, and offers a control to confirm with (informs); confirming does it (completes).
    /// The words that name each action are the profile's, over fixtures/web/defaults.yaml.</summary>
    public static Outcome AM011_ExplainedBeforeItHappens(Observed<BrowserObservations> o, DestructiveStep step, WebDefaults words)
    {
        var action = step switch
        {
            DestructiveStep.DeviceDeleteAfterLoad or DestructiveStep.DeviceDeleteInforms or DestructiveStep.DeviceDeleteCompletes => DeviceDelete,
            DestructiveStep.AccountDeactivateAfterLoad or DestructiveStep.AccountDeactivateInforms or DestructiveStep.AccountDeactivateCompletes => AccountDeactivate,
            DestructiveStep.CrossSigningResetInforms => CrossSigningReset,
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "observed over plain HTTP, not in the browser"),
        };
        Func<BrowserObservations, Observed<BrowserFlow>> flowOf = action switch
        {
            DeviceDelete => b => b.DeviceDelete,
            AccountDeactivate => b => b.AccountDeactivate,
            _ => b => b.CrossSigningReset,
        };
        return step switch
        {
            DestructiveStep.DeviceDeleteAfterLoad or DestructiveStep.AccountDeactivateAfterLoad => InBrowser.Judge(o, action, flowOf, NothingHappenedOnLoad),
            DestructiveStep.DeviceDeleteCompletes or DestructiveStep.AccountDeactivateCompletes => InBrowser.Judge(o, action, flowOf, ConfirmingDoesIt),
            _ => InBrowser.Judge(o, action, flowOf, (flow, loaded) => (Informs(flow, loaded.Page, words.WordsFor(flow.Action)), [])),
        };
    }

    /// <summary>Re-authentication is a password field on the confirmation page or a sign-in page on the way.</summary>
    public static Outcome AM012_AsksForThePasswordAgain(Observed<BrowserObservations> o, DestructiveAction action) =>
        action == DestructiveAction.DeviceDelete
            ? InBrowser.Judge(o, DeviceDelete, b => b.DeviceDelete, AskedToAuthenticate)
            : InBrowser.Judge(o, AccountDeactivate, b => b.AccountDeactivate, AskedToAuthenticate);

    private static (Judgement, IReadOnlyList<MatrixResponse>) NothingHappenedOnLoad(BrowserFlow flow, LoadedPage loaded)
    {
        if (!loaded.AfterLoad.TryGet(out var state, out var why)) return (why, []);
        if (Expect.Arrived(state.Responses) is { } lost) return (lost, state.Responses);
        var problems = StateProblems(flow, state, expectDone: false);
        return (problems.Count == 0 ? Judgement.Pass($"After the {Short(flow.Action)} page loaded, nothing had happened yet.")
            : Judgement.Breach($"Loading the {Short(flow.Action)} page already acted: {string.Join("; ", problems)}."), state.Responses);
    }

    private static Judgement Informs(BrowserFlow flow, PageView page, IReadOnlyList<string> actionWords)
    {
        var word = page.Mentions(actionWords);
        var device = flow.DeviceId is null ? null : page.Text.Contains(flow.DeviceId, StringComparison.Ordinal) ? flow.DeviceId
            : flow.DeviceName is not null && page.Text.Contains(flow.DeviceName, StringComparison.Ordinal) ? flow.DeviceName : null;
        var missing = new List<string>();
        if (word is null) missing.Add($"no word naming the action ({string.Join(", ", actionWords)})");
        if (flow.DeviceId is not null && device is null) missing.Add($"the device {flow.DeviceId} is not named");
        if (page.Controls.Count == 0) missing.Add("no control to confirm with");
        if (missing.Count == 0)
            return Judgement.Pass($"The page names the action ('{word}'){(device is null ? "" : $" and the device ({device})")} and offers a confirmation control ({string.Join(", ", page.Controls.Select(c => $"'{c}'"))}).");
        var why = $"Before acting, the {Short(flow.Action)} page must tell the user what will happen: {string.Join("; ", missing)}.";
        // MSC4191 names device_delete and account_deactivate; the reset gets the same test at warning level.
        return flow.Action == CrossSigningReset ? Judgement.Warn(why) : Judgement.Breach(why);
    }

    private static (Judgement, IReadOnlyList<MatrixResponse>) ConfirmingDoesIt(BrowserFlow flow, LoadedPage loaded)
    {
        if (!loaded.Confirmed.TryGet(out var confirmed, out var why)) return (why, []);
        var state = confirmed.After;
        if (Expect.Arrived(state.Responses) is { } lost) return (lost, state.Responses);
        var problems = StateProblems(flow, state, expectDone: true);
        // Not done, and the page asks again: the server did not take the confirmation as the suite filled
        // it in, which says nothing about whether it would act on a right one.
        if (problems.Count > 0 && confirmed.Page.AsksForPassword && confirmed.Page.Controls.Count > 0)
            return (Judgement.Inconclusive($"After confirming, the {Short(flow.Action)} page asked again ({Excerpt(confirmed.Page.Text)}): the confirmation was not accepted as the suite filled it in. "
                + "Describe the page's form in the profile's web.confirm_per_action steps."), state.Responses);
        return (problems.Count == 0 ? Judgement.Pass("Confirming on the page did it.")
            : Judgement.Breach($"Confirming on the {Short(flow.Action)} page did not do it: {string.Join("; ", problems)}."), state.Responses);
    }

    private static (Judgement, IReadOnlyList<MatrixResponse>) AskedToAuthenticate(BrowserFlow flow, LoadedPage loaded)
    {
        var signedInAgain = loaded.Confirmed.TryGet(out var confirmed, out var why) && confirmed.SignInWhileConfirming;
        var how = loaded.Page.AsksForPassword ? "the confirmation page asks for the password"
            : signedInAgain ? "a sign-in page came up while confirming" : null;
        if (how is null && !loaded.Confirmed.Seen) return (why, []);
        return (how is not null ? Judgement.Pass($"Re-authentication was asked for: {how}.")
            : Judgement.Breach($"The user, signed in already, could {Short(flow.Action)} without entering the password again."), []);
    }

    /// <summary>What the API shows against the action having happened (<paramref name="expectDone"/>) or not.</summary>
    private static List<string> StateProblems(BrowserFlow flow, ActionState state, bool expectDone)
    {
        var problems = new List<string>();
        switch (state)
        {
            case DeviceState device:
                var listed = Lists(device.Devices, flow.DeviceId);
                if (listed == expectDone) problems.Add($"the device {flow.DeviceId} is {(listed ? "still" : "no longer")} listed");
                if (device.Token.IsSuccess == expectDone) problems.Add($"its token answers {device.Token.Summary()}");
                break;
            case AccountState account:
                if (account.Token.IsSuccess == expectDone) problems.Add($"the account's token answers {account.Token.Summary()}");
                if (expectDone && account.Login?.StringField("access_token") is not null) problems.Add("the password still signs in");
                break;
        }
        return problems;
    }

    /// <summary>GET /devices lists the device.</summary>
    private static bool Lists(MatrixResponse devices, string? deviceId) =>
        (devices.Object?["devices"] as JsonArray)?.Any(d => d is JsonObject o && Json.Str(o["device_id"]) == deviceId) == true;

    private static string Excerpt(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= 100 ? $"\"{flat}\"" : $"\"{flat[..100]}…\"";
    }
}
