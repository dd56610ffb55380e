using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Scenarios;
using Conformance.Suites.Common;
using Xunit;
using static Conformance.Suites.AccountManagement.Checks.MetadataChecks;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>AM-001…AM-006 and AM-014: the account management fields of the metadata.</summary>
public sealed class AccountMetadataChecks(AccountManagementSuite suite)
{
    private const string Subject = "GET /_matrix/client/v1/auth_metadata";
    private const string UriField = "account_management_uri";
    private const string ActionsField = "account_management_actions_supported";

    [Theory, Check("AM-001"), NamedCases]
    public Task Account_uri_is_absolute(string @case) => Run("AM-001", @case, m =>
    {
        if (!m.Document!.ContainsKey(UriField)) return NotAdvertised(m, UriField);
        var value = Str(m.Document[UriField]);
        if (value is null) return Judgement.Fail($"{UriField} is {m.Document[UriField]?.ToJsonString()}, not a string.");
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return Judgement.Fail($"{UriField} '{value}' is not an absolute http(s) URI.");
        if (uri.Scheme == "https") return Judgement.Pass($"{value}.");
        // The spec states no scheme rule; plain http is normal for a server on the test machine itself.
        return uri.IsLoopback ? Judgement.Pass($"{value} (http on a loopback host, as test deployments are).")
            : Judgement.Warn($"{value} uses http on a host that is not loopback; browsers will send the user's credentials in the clear.");
    });

    [Theory, Check("AM-002"), NamedCases]
    public Task Actions_are_strings(string @case) => Run("AM-002", @case, m =>
    {
        if (!m.Document!.ContainsKey(ActionsField)) return NotAdvertised(m, ActionsField);
        return m.Actions is { } actions ? Judgement.Pass($"{actions.Count} actions, all strings.")
            : Judgement.Fail($"{ActionsField} is {Shorten(m.Document[ActionsField]?.ToJsonString())}, not an array of strings.");
    });

    [Theory, Check("AM-003"), NamedCases]
    public Task Action_names_follow_the_grammar(string @case) => Run("AM-003", @case, m =>
    {
        if (m.Actions is not { } actions) return NoActions(m);
        var bad = actions.Where(a => !ActionNames.FollowsGrammar(a)).ToList();
        return bad.Count == 0 ? Judgement.Pass("Every action follows the Common Namespaced Identifier Grammar.")
            : Judgement.Warn($"Not in the grammar: {string.Join(", ", bad.Select(b => $"'{b}'"))}.");
    });

    [Theory, Check("AM-004"), NamedCases]
    public Task Actions_are_the_specs(string @case) => Run("AM-004", @case, m =>
    {
        if (m.Actions is not { } actions) return NoActions(m);
        var unstable = actions.Where(ActionNames.UnstableAliases.ContainsKey).ToList();
        var spec = actions.Where(ActionNames.Spec.Contains).ToList();
        var other = actions.Except(unstable).Except(spec).ToList();
        var finding = $"spec actions: {(spec.Count == 0 ? "none" : string.Join(", ", spec))}" + (other.Count == 0 ? "" : $"; application actions: {string.Join(", ", other)}");
        if (unstable.Count == 0) return Judgement.Pass(finding + ".") with { Finding = finding };
        var pairs = unstable.Select(u => $"{u} (now {ActionNames.UnstableAliases[u]}{(actions.Contains(ActionNames.UnstableAliases[u]) ? ", also advertised" : ", not advertised")})");
        return Judgement.Warn($"Unstable MSC4191 aliases are advertised: {string.Join(", ", pairs)}.") with { Finding = finding };
    });

    [Theory, Check("AM-005"), NamedCases]
    public Task Actions_come_with_the_uri(string @case) => Run("AM-005", @case, m =>
        m.Document!.ContainsKey(ActionsField) && !m.Document.ContainsKey(UriField)
            ? Judgement.Warn($"{ActionsField} is advertised without {UriField}: the actions describe a URL that is not given.")
            : Judgement.Pass(m.Document.ContainsKey(ActionsField) ? "Both fields are advertised." : $"{ActionsField} is not advertised."));

    [Theory, Check("AM-006"), NamedCases]
    public Task Oauth_aware_server_advertises_the_uri(string @case) => Run("AM-006", @case, m =>
    {
        var flows = m.Login.Object?["flows"] as JsonArray;
        var aware = flows?.Any(f => Str(f?["type"]) == "m.login.sso" && f?["oauth_aware_preferred"] is JsonValue v && v.TryGetValue<bool>(out var b) && b) == true;
        if (!aware) return Judgement.Skip("The server does not claim OAuth-aware support.", $"GET /login shows no m.login.sso flow with oauth_aware_preferred: true ({m.Login.Summary()})");
        return m.Document!.ContainsKey(UriField) ? Judgement.Pass($"OAuth-aware, and {UriField} is advertised.")
            : Judgement.Warn($"GET /login prefers the OAuth-aware SSO flow, but the metadata has no {UriField}.");
    });

    [Theory, Check("AM-014"), NamedCases]
    public Task Unstable_metadata_fields(string @case) => Run("AM-014", @case, m =>
    {
        var doc = m.Document!;
        var stable = (Uri: doc[UriField]?.ToJsonString(), Actions: doc[ActionsField]?.ToJsonString());
        var unstable = (Uri: doc["org.matrix.msc4191." + UriField]?.ToJsonString(), Actions: doc["org.matrix.msc4191." + ActionsField]?.ToJsonString());
        if (unstable.Uri is null && unstable.Actions is null) return Judgement.Pass("No unstable fields.") with { Finding = "no unstable fields" };
        if (stable.Uri is null && stable.Actions is null) return Judgement.Warn("Only the unstable org.matrix.msc4191.* fields are advertised: the stable fields are missing.") with { Finding = "only unstable fields" };
        return stable == unstable ? Judgement.Pass("The unstable fields mirror the stable ones.") with { Finding = "unstable fields mirror the stable ones" }
            : Judgement.Warn($"The unstable fields differ from the stable ones: {unstable.Uri} vs {stable.Uri}.") with { Finding = "unstable fields differ" };
    });

    private static Judgement NotAdvertised(MetadataScenario m, string field) =>
        Judgement.Skip($"{field} is not advertised (it is optional).", $"the metadata has no {field}");

    private static Judgement NoActions(MetadataScenario m) => m.Document!.ContainsKey(ActionsField)
        ? Judgement.Skip($"{ActionsField} is not an array of strings (see AM-002).", $"{ActionsField} is {Shorten(m.Document[ActionsField]?.ToJsonString())}")
        : NotAdvertised(m, ActionsField);

    private static string? Shorten(string? s) => s is null || s.Length <= 80 ? s : s[..80] + "…";

    private Task Run(string checkId, string @case, Func<MetadataScenario, Judgement> judge) =>
        suite.Context.RunAsync(checkId, @case, Subject, async () =>
        {
            var m = await suite.Metadata;
            return CaseOutcome.From(@case, Subject, m.NoOAuth ?? judge(m), m.Metadata);
        });
}
