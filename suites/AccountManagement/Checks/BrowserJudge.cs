using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Scenarios;
using Conformance.Suites.Common;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>How the browser checks judge what a deep link did (AM-008, AM-011, AM-012).</summary>
public static class BrowserJudge
{
    public static CaseOutcome ShowsDevice(BrowserFlowResult f, BrowserScenario b)
    {
        var page = f.Loaded!;
        return Outcome(page.Text.Contains(f.DeviceId!, StringComparison.Ordinal)
            ? Judgement.Pass($"The device_view page shows the device {f.DeviceId}.")
            : Judgement.Warn($"The device_view page for {f.DeviceId} does not show that device's ID."));
    }

    public static CaseOutcome NothingHappenedOnLoad(BrowserFlowResult f, BrowserScenario b)
    {
        var problems = StateProblems(f, f.AfterLoad, expectDone: false);
        return Outcome(problems.Count == 0 ? Judgement.Pass($"After the {Short(f)} page loaded, nothing had happened yet.")
            : Judgement.Fail($"Loading the {Short(f)} page already acted: {string.Join("; ", problems)}."), f.AfterLoad);
    }

    public static CaseOutcome Informs(BrowserFlowResult f, BrowserScenario b)
    {
        var page = f.Loaded!;
        var word = page.Mentions(b.Words.WordsFor(f.Action));
        var device = f.DeviceId is null ? null : page.Text.Contains(f.DeviceId, StringComparison.Ordinal) ? f.DeviceId
            : f.DeviceName is not null && page.Text.Contains(f.DeviceName, StringComparison.Ordinal) ? f.DeviceName : null;
        var missing = new List<string>();
        if (word is null) missing.Add($"no word naming the action ({string.Join(", ", b.Words.WordsFor(f.Action))})");
        if (f.DeviceId is not null && device is null) missing.Add($"the device {f.DeviceId} is not named");
        if (page.Controls.Count == 0) missing.Add("no control to confirm with");
        if (missing.Count == 0)
            return Outcome(Judgement.Pass($"The page names the action ('{word}'){(device is null ? "" : $" and the device ({device})")} and offers a confirmation control ({string.Join(", ", page.Controls.Select(c => $"'{c}'"))})."));
        var why = $"Before acting, the {Short(f)} page must tell the user what will happen: {string.Join("; ", missing)}.";
        // MSC4191 names device_delete and account_deactivate; the reset gets the same test at warning level.
        return Outcome(f.Action == "org.matrix.cross_signing_reset" ? Judgement.Warn(why) : Judgement.Fail(why));
    }

    public static CaseOutcome Completes(BrowserFlowResult f, BrowserScenario b)
    {
        if (f.ConfirmUnavailable is { } why) return Outcome(why);
        var problems = StateProblems(f, f.AfterConfirm, expectDone: true);
        return Outcome(problems.Count == 0 ? Judgement.Pass($"Confirming on the page did it.")
            : Judgement.Fail($"Confirming on the {Short(f)} page did not do it: {string.Join("; ", problems)}."), f.AfterConfirm);
    }

    public static CaseOutcome AskedToAuthenticate(BrowserFlowResult f, BrowserScenario b)
    {
        var how = f.Loaded!.AsksForPassword ? "the confirmation page asks for the password"
            : f.SignInWhileConfirming ? "a sign-in page came up while confirming" : null;
        if (how is null && f.ConfirmUnavailable is { } why) return Outcome(why);
        return Outcome(how is not null ? Judgement.Pass($"Re-authentication was asked for: {how}.")
            : Judgement.Warn($"The user, signed in already, could {Short(f)} without entering the password again."));
    }

    /// <summary>What the API shows about the action having happened (done) or not.</summary>
    private static List<string> StateProblems(BrowserFlowResult f, IReadOnlyList<MatrixResponse> state, bool expectDone)
    {
        var problems = new List<string>();
        if (f.Action == "org.matrix.device_delete")
        {
            var (devices, token) = (state[0], state[1]);
            var listed = (devices.Object?["devices"] as JsonArray)?.Any(d => d?["device_id"]?.GetValue<string>() == f.DeviceId) == true;
            if (listed == expectDone) problems.Add($"the device {f.DeviceId} is {(listed ? "still" : "no longer")} listed");
            if (token.IsSuccess == expectDone) problems.Add($"its token answers {token.Summary()}");
        }
        else
        {
            var token = state[0];
            if (token.IsSuccess == expectDone) problems.Add($"the account's token answers {token.Summary()}");
            if (expectDone && state.Count > 1 && state[1].StringField("access_token") is not null) problems.Add("the password still signs in");
        }
        return problems;
    }

    private static string Short(BrowserFlowResult f) => f.Action.Replace("org.matrix.", "");

    private static CaseOutcome Outcome(Judgement j, IReadOnlyList<MatrixResponse>? evidence = null) =>
        CaseOutcome.From(null, "", j, [.. evidence ?? []]);
}
