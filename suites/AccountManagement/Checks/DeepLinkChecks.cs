using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Scenarios;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>AM-007…AM-013: deep links over plain HTTP, and the destructive actions in a browser.</summary>
public sealed class DeepLinkChecks(AccountManagementSuite suite)
{
    private const string Link = "GET {account_management_uri}";

    [Theory, Check("AM-007"), NamedCases]
    public Task Advertised_actions_are_accepted(string @case) => Links("AM-007", @case, (m, s) =>
    {
        if (@case == "extra-parameter") return Accepted(s.R["extra-parameter"], "with id_token_hint, which Element sends");
        if (!m.Advertises(@case)) return Outcome(Judgement.Skip($"{@case} is not advertised.", $"account_management_actions_supported: {string.Join(", ", m.Actions ?? [])}"));
        return Accepted(s.R[$"action.{@case}"], $"?action={@case}");
    });

    [Theory, Check("AM-008"), NamedCases]
    public Task Device_id_is_supported(string @case)
    {
        if (@case == "browser") return Browser("AM-008", @case, "org.matrix.device_view", BrowserJudge.ShowsDevice);
        return Links("AM-008", @case, (m, s) => !m.Advertises("org.matrix.device_view") && !m.Advertises("org.matrix.device_delete")
            ? Outcome(Judgement.Skip("Neither device action is advertised.", $"account_management_actions_supported: {string.Join(", ", m.Actions ?? [])}"))
            : Accepted(s.R["device-view"], "with device_id"));
    }

    [Theory, Check("AM-009"), NamedCases]
    public Task Device_id_is_ignored_elsewhere(string @case) => Links("AM-009", @case, (m, s) => !m.Advertises("org.matrix.profile")
        ? Outcome(Judgement.Skip("org.matrix.profile is not advertised.", $"account_management_actions_supported: {string.Join(", ", m.Actions ?? [])}"))
        : Accepted(s.R["profile-device-id"], "?action=org.matrix.profile with a device_id"));

    [Theory, Check("AM-010"), NamedCases]
    public Task Unknown_action_and_missing_device_id(string @case) => Links("AM-010", @case, (_, s) =>
    {
        var r = s.R[@case];
        return Outcome(!r.Arrived ? Judgement.Error($"No response: {r.NetworkError}.") : Judgement.Info($"answered {Describe(r)}"), r);
    });

    [Theory, Check("AM-011"), NamedCases]
    public Task Destructive_actions_are_explained_first(string @case)
    {
        var (action, part) = Split(@case);
        if (part == "no-session") return Links("AM-011", @case, (_, s) => NoSession(action, s));
        return Browser("AM-011", @case, action, part switch
        {
            "after-load" => BrowserJudge.NothingHappenedOnLoad,
            "informs" => BrowserJudge.Informs,
            _ => BrowserJudge.Completes,
        });
    }

    [Theory, Check("AM-012"), NamedCases]
    public Task Destructive_actions_ask_for_the_password(string @case) => Browser("AM-012", @case, "org.matrix." + @case, BrowserJudge.AskedToAuthenticate);

    [Theory, Check("AM-013"), NamedCases]
    public Task Oauth_uia_links_to_cross_signing_reset(string @case)
    {
        const string subject = "POST /_matrix/client/v3/keys/device_signing/upload (OAuth token)";
        return suite.Context.RunAsync("AM-013", @case, subject, async () =>
        {
            var m = await suite.Metadata;
            var s = await suite.CrossSigning;
            if ((m.NoOAuth ?? s.Precondition) is { } pre) return new CaseOutcome(@case, subject, pre);
            var (first, replace) = (s.First!, s.Replace!);
            Judgement j;
            if (!first.IsSuccess) j = Judgement.Inconclusive($"The first upload of cross-signing keys was refused ({first.Summary()}), so replacing them could not be tried.");
            else if (replace.IsSuccess) j = Judgement.Inconclusive("The server replaced the cross-signing keys without user-interactive authentication, so there is no m.oauth URL to check.");
            else if (replace.Object?["params"]?["m.oauth"]?["url"] is not JsonValue urlValue || !urlValue.TryGetValue<string>(out var url))
                j = Judgement.Inconclusive($"Replacing the keys answered {replace.Summary()} without an m.oauth stage URL.");
            else if (!url.Contains("action=org.matrix.cross_signing_reset", StringComparison.Ordinal))
                j = Judgement.Warn($"The m.oauth URL {url} does not carry action=org.matrix.cross_signing_reset.");
            else if (m.AccountUri is { } account && !url.StartsWith(account.ToString().TrimEnd('/'), StringComparison.Ordinal))
                j = Judgement.Warn($"The m.oauth URL {url} carries the action but is not based on account_management_uri ({account}).");
            else j = Judgement.Pass($"The m.oauth URL {url} deep-links to cross_signing_reset.");
            return CaseOutcome.From(@case, subject, j, first, replace);
        });
    }

    private static CaseOutcome NoSession(string action, DeepLinkScenario s)
    {
        if (action == "org.matrix.device_delete")
        {
            var (devices, target) = (s.R["no-session.devices"], s.R["no-session.target"]);
            var listed = (devices.Object?["devices"] as JsonArray)?.Any(d => d?["device_id"]?.GetValue<string>() == s.Target!.DeviceId) == true;
            var j = listed && target.IsSuccess ? Judgement.Pass("After following the link with no session, the device is still listed and its token still works.")
                : Judgement.Fail($"Following the link with no session changed something: the device is {(listed ? "" : "no longer ")}listed and its token answers {target.Summary()}.");
            return CaseOutcome.From(null, "", j, devices, target);
        }
        var account = s.R["no-session.account"];
        return CaseOutcome.From(null, "", account.IsSuccess ? Judgement.Pass("After following the link with no session, the account still works.")
            : Judgement.Fail($"Following the link with no session changed something: the account's token answers {account.Summary()}."), account);
    }

    private static CaseOutcome Accepted(MatrixResponse r, string what)
    {
        var j = !r.Arrived ? Judgement.Error($"No response: {r.NetworkError}.")
            : r.Status == 400 || r.Status >= 500 ? Judgement.Warn($"The link {what} answered {Describe(r)}.")
            : Judgement.Pass($"The link {what} answered {Describe(r)}.");
        return Outcome(j, r);
    }

    private static string Describe(MatrixResponse r) =>
        r.Headers.TryGetValue("Location", out var to) ? $"{r.Status} → {to}" : r.Summary();

    private static (string Action, string Part) Split(string @case)
    {
        var dash = @case.IndexOf('-');
        return ("org.matrix." + @case[..dash], @case[(dash + 1)..]);
    }

    private static CaseOutcome Outcome(Judgement j, params MatrixResponse[] evidence) => CaseOutcome.From(null, "", j, evidence);

    private Task Links(string checkId, string @case, Func<MetadataScenario, DeepLinkScenario, CaseOutcome> judge) =>
        suite.Context.RunAsync(checkId, @case, Link, async () =>
        {
            var m = await suite.Metadata;
            var s = await suite.Links;
            var outcome = s.Precondition is { } pre ? new CaseOutcome(@case, Link, pre) : judge(m, s);
            return outcome with { Case = @case, Subject = Link };
        });

    private Task Browser(string checkId, string @case, string action, Func<BrowserFlowResult, BrowserScenario, CaseOutcome> judge)
    {
        var subject = $"{action} deep link in a browser";
        return suite.Context.RunAsync(checkId, @case, subject, async () =>
        {
            var b = await suite.Browser;
            CaseOutcome outcome;
            if (b.Precondition is { } pre) outcome = new CaseOutcome(@case, subject, pre);
            else if (!b.Flows.TryGetValue(action, out var flow))
                outcome = new CaseOutcome(@case, subject, Judgement.Skip($"{action} is not advertised.", "account_management_actions_supported does not list it"));
            else if (flow.Unavailable is { } broken) outcome = new CaseOutcome(@case, subject, broken) { Attachments = flow.Screenshots };
            else outcome = judge(flow, b) with { Attachments = flow.Screenshots };
            return outcome with { Case = @case, Subject = subject };
        });
    }
}
