using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using Xunit;
using static Conformance.Suites.AccountManagement.Observations.AccountManagementUrl;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>The account management fields of the OAuth 2.0 server metadata: the URL, the actions and
/// their names, the two together, the OAuth-aware server's duty to advertise them, and the unstable
/// MSC4191 fields. Judged only where the server offers the OAuth 2.0 API.</summary>
public sealed class AccountManagementMetadata(AccountManagementSuite suite)
{
    private const string Subject = MetadataDiscovery.Subject;
    private const string UnstablePrefix = "org.matrix.msc4191.";

    [Theory, Check("AM-001"), NamedCases]
    public Task AM001(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, AM001_UriIsAbsolute);

    [Theory, Check("AM-002"), NamedCases]
    public Task AM002(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, AM002_ActionsAreStrings);

    [Theory, Check("AM-003"), NamedCases]
    public Task AM003(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, AM003_ActionNamesFollowTheGrammar);

    [Theory, Check("AM-004"), NamedCases]
    public Task AM004(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, AM004_ActionsAreTheSpecs);

    [Theory, Check("AM-005"), NamedCases]
    public Task AM005(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, AM005_ActionsComeWithTheUri);

    [Theory, Check("AM-006"), NamedCases]
    public Task AM006(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, AM006_OAuthAwareServerAdvertisesTheUri);

    [Theory, Check("AM-014"), NamedCases]
    public Task AM014(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, AM014_UnstableFields);

    /// <summary>The spec states no scheme rule: plain http is normal for a server on the test machine
    /// itself, and only a warning elsewhere, whatever the check's level.</summary>
    public static Outcome AM001_UriIsAbsolute(MetadataObservations o) => Judge(o, doc =>
    {
        if (!doc.ContainsKey(UriField)) return NotAdvertised(UriField);
        var value = Json.Str(doc[UriField]);
        if (value is null) return Judgement.Breach($"{UriField} is {doc[UriField]?.ToJsonString()}, not a string.");
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return Judgement.Breach($"{UriField} '{value}' is not an absolute http(s) URI.");
        if (uri.Scheme == "https") return Judgement.Pass($"{value}.");
        return uri.IsLoopback ? Judgement.Pass($"{value} (http on a loopback host, as test deployments are).")
            : Judgement.Warn($"{value} uses http on a host that is not loopback; browsers will send the user's credentials in the clear.");
    });

    public static Outcome AM002_ActionsAreStrings(MetadataObservations o) => Judge(o, doc =>
    {
        if (!doc.ContainsKey(ActionsField)) return NotAdvertised(ActionsField);
        return Json.ArrayOfStrings(doc[ActionsField]) is { } actions ? Judgement.Pass($"{actions.Count} actions, all strings.")
            : Judgement.Breach($"{ActionsField} is {Json.Text(doc[ActionsField])}, not an array of strings.");
    });

    public static Outcome AM003_ActionNamesFollowTheGrammar(MetadataObservations o) => Judge(o, doc =>
    {
        if (Json.ArrayOfStrings(doc[ActionsField]) is not { } actions) return NoActions(doc);
        var bad = actions.Where(a => !ActionNames.FollowsGrammar(a)).ToList();
        return bad.Count == 0 ? Judgement.Pass("Every action follows the Common Namespaced Identifier Grammar.")
            : Judgement.Breach($"Not in the grammar: {string.Join(", ", bad.Select(b => $"'{b}'"))}.");
    });

    /// <summary>Classifies each action: the spec's, an unstable alias (a breach), or an application's own
    /// (allowed); the finding lists them.</summary>
    public static Outcome AM004_ActionsAreTheSpecs(MetadataObservations o) => Judge(o, doc =>
    {
        if (Json.ArrayOfStrings(doc[ActionsField]) is not { } actions) return NoActions(doc);
        var unstable = actions.Where(ActionNames.IsUnstableAlias).ToList();
        var spec = actions.Where(ActionNames.Spec.Contains).ToList();
        var other = actions.Except(unstable).Except(spec).ToList();
        var finding = $"spec actions: {(spec.Count == 0 ? "none" : string.Join(", ", spec))}" + (other.Count == 0 ? "" : $"; application actions: {string.Join(", ", other)}");
        if (unstable.Count == 0) return Judgement.Pass(finding + ".").WithFinding(finding);
        var pairs = unstable.Select(u => (Alias: u, Spec: ActionNames.SpecActionOf(u)!))
            .Select(p => $"{p.Alias} (now {p.Spec}{(actions.Contains(p.Spec) ? ", also advertised" : ", not advertised")})");
        return Judgement.Breach($"Unstable MSC4191 aliases are advertised: {string.Join(", ", pairs)}.").WithFinding(finding);
    });

    public static Outcome AM005_ActionsComeWithTheUri(MetadataObservations o) => Judge(o, doc =>
        doc.ContainsKey(ActionsField) && !doc.ContainsKey(UriField)
            ? Judgement.Breach($"{ActionsField} is advertised without {UriField}: the actions describe a URL that is not given.")
            : Judgement.Pass(doc.ContainsKey(ActionsField) ? "Both fields are advertised." : $"{ActionsField} is not advertised."));

    /// <summary>Only a server that says it is OAuth-aware (GET /login's SSO flow with oauth_aware_preferred) is held to it.</summary>
    public static Outcome AM006_OAuthAwareServerAdvertisesTheUri(MetadataObservations o)
    {
        if (o.Document.Seen && Expect.Arrived(o.Login) is { } lost) return Outcome.Of(Subject, lost, o.Metadata, o.Login);
        return Judge(o, doc =>
        {
            var aware = (o.Login.Object?["flows"] as JsonArray)?.Any(f => f is JsonObject flow && Json.Str(flow["type"]) == "m.login.sso" && Json.IsTrue(flow["oauth_aware_preferred"])) == true;
            if (!aware) return Judgement.Skip("The server does not claim OAuth-aware support.", $"GET /login shows no m.login.sso flow with oauth_aware_preferred: true ({o.Login.Summary()})");
            return doc.ContainsKey(UriField) ? Judgement.Pass($"OAuth-aware, and {UriField} is advertised.")
                : Judgement.Breach($"GET /login prefers the OAuth-aware SSO flow, but the metadata has no {UriField}.");
        });
    }

    /// <summary>Records the unstable fields; a breach when they stand alone or differ from the stable ones.</summary>
    public static Outcome AM014_UnstableFields(MetadataObservations o) => Judge(o, doc =>
    {
        var stable = (Uri: doc[UriField]?.ToJsonString(), Actions: doc[ActionsField]?.ToJsonString());
        var unstable = (Uri: doc[UnstablePrefix + UriField]?.ToJsonString(), Actions: doc[UnstablePrefix + ActionsField]?.ToJsonString());
        if (unstable.Uri is null && unstable.Actions is null) return Judgement.Pass("No unstable fields.").WithFinding("no unstable fields");
        if (stable.Uri is null && stable.Actions is null) return Judgement.Breach("Only the unstable org.matrix.msc4191.* fields are advertised: the stable fields are missing.").WithFinding("only unstable fields");
        return stable == unstable ? Judgement.Pass("The unstable fields mirror the stable ones.").WithFinding("unstable fields mirror the stable ones")
            : Judgement.Breach($"The unstable fields differ from the stable ones: {unstable.Uri} vs {stable.Uri}.").WithFinding("unstable fields differ");
    });

    private static Judgement NotAdvertised(string field) =>
        Judgement.Skip($"{field} is not advertised (it is optional).", $"the metadata has no {field}");

    private static Judgement NoActions(JsonObject doc) => doc.ContainsKey(ActionsField)
        ? Judgement.Skip($"{ActionsField} is not an array of strings, so its names cannot be read.", $"{ActionsField} is {Json.Text(doc[ActionsField])}")
        : NotAdvertised(ActionsField);

    /// <summary>Judges the document, with the metadata answer as evidence whatever the verdict.</summary>
    private static Outcome Judge(MetadataObservations o, Func<JsonObject, Judgement> judge) =>
        Outcome.Of(Subject, o.Document.TryGet(out var doc, out var why) ? judge(doc) : why, o.Metadata);
}
