using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>What the OAuth 2.0 server metadata says: a JSON document with the required members, an https
/// issuer, the values the authorisation code grant needs, and the optional grants and prompts. Judged
/// only where the server offers the OAuth 2.0 API.</summary>
public sealed class MetadataContents(AccountManagementSuite suite)
{
    private const string Subject = MetadataDiscovery.Subject;

    /// <summary>The members the spec requires, endpoints first, then the <c>*_supported</c> arrays.</summary>
    public static readonly string[] RequiredMembers =
    [
        "issuer", "authorization_endpoint", "token_endpoint", "revocation_endpoint", "registration_endpoint",
        "response_types_supported", "grant_types_supported", "response_modes_supported", "code_challenge_methods_supported",
    ];

    public const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";

    [Theory, Check("MD-003"), NamedCases]
    public Task MD003(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, MD003_ServedAsJson);

    [Theory, Check("MD-004"), NamedCases]
    public Task MD004(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, MD004_RequiredMembers);

    [Theory, Check("MD-005"), NamedCases]
    public Task MD005(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, MD005_IssuerIsHttps);

    [Theory, Check("MD-006"), NamedCases]
    public Task MD006(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, MD006_ResponseTypesHaveCode);

    [Theory, Check("MD-007"), NamedCases]
    public Task MD007(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, MD007_GrantTypesHaveCodeAndRefresh);

    [Theory, Check("MD-008"), NamedCases]
    public Task MD008(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, MD008_ResponseModesHaveQueryAndFragment);

    [Theory, Check("MD-009"), NamedCases]
    public Task MD009(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, MD009_ChallengeMethodsHaveS256);

    [Theory, Check("MD-010"), NamedCases]
    public Task MD010(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, MD010_DeviceGrantHasEndpoint);

    [Theory, Check("MD-011"), NamedCases]
    public Task MD011(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, MD011_PromptValues);

    public static Outcome MD003_ServedAsJson(MetadataObservations o)
    {
        var r = o.DocumentResponse;
        // A 200 whose body is not a JSON object is this check's breach, whatever else it leaves unknown.
        if (!o.Document.Seen && r.Status == 200)
            return Outcome.Of(Subject, Judgement.Breach($"The metadata answered 200 with a body that is not a JSON object ({r.Summary()})."), r);
        return Judge(o, _ => r.IsJsonContentType ? Judgement.Pass("A JSON object served as application/json.")
            : Judgement.Breach($"The metadata is served as {r.ContentType ?? "no content type"}, not application/json."));
    }

    public static Outcome MD004_RequiredMembers(MetadataObservations o) => Judge(o, doc =>
    {
        var problems = new List<string>();
        foreach (var name in RequiredMembers)
        {
            if (!doc.ContainsKey(name)) problems.Add($"{name} is missing");
            else if (name.EndsWith("_supported", StringComparison.Ordinal))
            {
                if (Json.ArrayOfStrings(doc[name]) is null) problems.Add($"{name} is not an array of strings");
            }
            else if (Json.HttpUrl(doc[name]) is null) problems.Add($"{name} is not an absolute http(s) URL");
        }
        return problems.Count == 0 ? Judgement.Pass("All nine required members, with the right types.") : Judgement.Breach(string.Join("; ", problems) + ".");
    });

    public static Outcome MD005_IssuerIsHttps(MetadataObservations o) => Judge(o, doc =>
    {
        var issuer = Json.Str(doc["issuer"]);
        return Json.HttpUrl(doc["issuer"]) is not { } u ? Judgement.Breach($"issuer {doc["issuer"]?.ToJsonString() ?? "is missing"} is not an absolute URL.")
            : u.Scheme != "https" ? Judgement.Breach($"issuer {issuer} uses {u.Scheme}, not https.")
            : u.Query.Length > 0 || u.Fragment.Length > 0 ? Judgement.Breach($"issuer {issuer} has a query or fragment.")
            : Judgement.Pass($"issuer {issuer}.");
    });

    public static Outcome MD006_ResponseTypesHaveCode(MetadataObservations o) => Contains(o, "response_types_supported", "code");

    public static Outcome MD007_GrantTypesHaveCodeAndRefresh(MetadataObservations o) => Contains(o, "grant_types_supported", "authorization_code", "refresh_token");

    public static Outcome MD008_ResponseModesHaveQueryAndFragment(MetadataObservations o) => Contains(o, "response_modes_supported", "query", "fragment");

    public static Outcome MD009_ChallengeMethodsHaveS256(MetadataObservations o) => Contains(o, "code_challenge_methods_supported", "S256");

    public static Outcome MD010_DeviceGrantHasEndpoint(MetadataObservations o) => Judge(o, doc =>
    {
        var endpoint = Json.Str(doc["device_authorization_endpoint"]);
        return !Json.Strings(doc["grant_types_supported"]).Contains(DeviceCodeGrant) ? Judgement.Pass("The device authorisation grant is not offered.")
            : Json.HttpUrl(doc["device_authorization_endpoint"]) is not null ? Judgement.Pass($"The device grant is offered, at {endpoint}.")
            : Judgement.Breach("grant_types_supported offers the device_code grant, but there is no device_authorization_endpoint to use it with.");
    });

    public static Outcome MD011_PromptValues(MetadataObservations o) => Judge(o, doc =>
    {
        if (doc["prompt_values_supported"] is not JsonArray) return Judgement.Info("no prompt_values_supported");
        var values = Json.Strings(doc["prompt_values_supported"]);
        return values.Contains("create") ? Judgement.Info("create offered", $"prompt_values_supported: {string.Join(", ", values)}.")
            : Judgement.Info("no create", $"prompt_values_supported: {string.Join(", ", values)}; only create has a meaning in Matrix.");
    });

    /// <summary>The member, an array, holds every one of the needed values.</summary>
    private static Outcome Contains(MetadataObservations o, string member, params string[] needed) => Judge(o, doc =>
    {
        var values = Json.Strings(doc[member]);
        var missing = needed.Where(n => !values.Contains(n)).ToList();
        return missing.Count == 0 ? Judgement.Pass($"{member} has {string.Join(" and ", needed)}.")
            : Judgement.Breach($"{member} ({string.Join(", ", values)}) lacks {string.Join(" and ", missing)}.");
    });

    /// <summary>Judges the document with the metadata answer as evidence, or reports why there is none.</summary>
    private static Outcome Judge(MetadataObservations o, Func<JsonObject, Judgement> judge) =>
        o.Document.TryGet(out var doc, out var why) ? Outcome.Of(Subject, judge(doc), o.DocumentResponse) : Outcome.Of(Subject, why, o.Metadata);
}
