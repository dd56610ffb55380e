using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Scenarios;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>MD-001…MD-014: GET /_matrix/client/v1/auth_metadata and the discovery around it.</summary>
public sealed class MetadataChecks(AccountManagementSuite suite)
{
    private const string Subject = "GET /_matrix/client/v1/auth_metadata";
    private static readonly string[] Required =
    [
        "issuer", "authorization_endpoint", "token_endpoint", "revocation_endpoint", "registration_endpoint",
        "response_types_supported", "grant_types_supported", "response_modes_supported", "code_challenge_methods_supported",
    ];

    [Theory, Check("MD-001"), NamedCases]
    public Task Metadata_needs_no_token(string @case) => Run("MD-001", @case, Subject, m =>
    {
        var r = m.Metadata;
        var j = !r.Arrived ? Judgement.Error($"No response: {r.NetworkError}.")
            : r.Status == 401 || r.Errcode is "M_MISSING_TOKEN" or "M_UNKNOWN_TOKEN"
                ? Judgement.Fail($"Without a token the metadata answered {r.Summary()}: it must not require authentication.")
                : Judgement.Pass($"Answered {r.Summary()} without a token.");
        return Outcome(j, r);
    }, needsOAuth: false);

    [Theory, Check("MD-002"), NamedCases]
    public Task Unoffered_api_answers_404_unrecognized(string @case) => Run("MD-002", @case, @case == "login" ? "GET /_matrix/client/v3/login" : Subject, m =>
    {
        var r = @case == "login" ? m.Login : m.Metadata;
        var j = !r.Arrived ? Judgement.Error($"No response: {r.NetworkError}.")
            : r.Status == 200 ? Judgement.Pass("200: the API is offered.")
            : r.Status == 404 && r.Errcode == "M_UNRECOGNIZED" ? Judgement.Pass("404 M_UNRECOGNIZED: the API is not offered, said the way the spec asks.")
            : Judgement.Warn($"Answered {r.Summary()}: an API that is not offered should answer 404 M_UNRECOGNIZED.");
        return Outcome(j, r);
    }, needsOAuth: false);

    [Theory, Check("MD-003"), NamedCases]
    public Task Metadata_is_json(string @case) => Run("MD-003", @case, Subject, m =>
        Outcome(m.Metadata.IsJsonContentType ? Judgement.Pass("A JSON object served as application/json.")
            : Judgement.Fail($"The metadata is served as {m.Metadata.ContentType ?? "no content type"}, not application/json."), m.Metadata));

    [Theory, Check("MD-004"), NamedCases]
    public Task Required_members(string @case) => Run("MD-004", @case, Subject, m =>
    {
        var doc = m.Document!;
        var problems = new List<string>();
        foreach (var name in Required)
        {
            if (!doc.ContainsKey(name)) { problems.Add($"{name} is missing"); continue; }
            if (name.EndsWith("_supported", StringComparison.Ordinal))
            {
                if (doc[name] is not JsonArray a || a.Any(i => i is not JsonValue v || !v.TryGetValue<string>(out _))) problems.Add($"{name} is not an array of strings");
            }
            else if (Str(doc[name]) is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out _)) problems.Add($"{name} is not an absolute URI");
        }
        return Outcome(problems.Count == 0 ? Judgement.Pass("All nine required members, with the right types.") : Judgement.Fail(string.Join("; ", problems) + "."), m.Metadata);
    });

    [Theory, Check("MD-005"), NamedCases]
    public Task Issuer_is_https(string @case) => Run("MD-005", @case, Subject, m =>
    {
        var issuer = Str(m.Document!["issuer"]);
        var j = issuer is null || !Uri.TryCreate(issuer, UriKind.Absolute, out var u) ? Judgement.Fail($"issuer {m.Document["issuer"]?.ToJsonString() ?? "is missing"} is not a URL.")
            : u.Scheme != "https" ? Judgement.Fail($"issuer {issuer} uses {u.Scheme}, not https.")
            : u.Query.Length > 0 || u.Fragment.Length > 0 ? Judgement.Fail($"issuer {issuer} has a query or fragment.")
            : Judgement.Pass($"issuer {issuer}.");
        return Outcome(j, m.Metadata);
    });

    [Theory, Check("MD-006"), NamedCases]
    public Task Response_types_contain_code(string @case) => Contains("MD-006", @case, "response_types_supported", "code");

    [Theory, Check("MD-007"), NamedCases]
    public Task Grant_types_contain_code_and_refresh(string @case) => Contains("MD-007", @case, "grant_types_supported", "authorization_code", "refresh_token");

    [Theory, Check("MD-008"), NamedCases]
    public Task Response_modes_contain_query_and_fragment(string @case) => Contains("MD-008", @case, "response_modes_supported", "query", "fragment");

    [Theory, Check("MD-009"), NamedCases]
    public Task Challenge_methods_contain_S256(string @case) => Contains("MD-009", @case, "code_challenge_methods_supported", "S256");

    [Theory, Check("MD-010"), NamedCases]
    public Task Device_grant_has_its_endpoint(string @case) => Run("MD-010", @case, Subject, m =>
    {
        var doc = m.Document!;
        var offered = Values(doc["grant_types_supported"]).Contains("urn:ietf:params:oauth:grant-type:device_code");
        var endpoint = Str(doc["device_authorization_endpoint"]);
        var j = !offered ? Judgement.Pass("The device authorisation grant is not offered.")
            : endpoint is not null && Uri.TryCreate(endpoint, UriKind.Absolute, out _) ? Judgement.Pass($"The device grant is offered, at {endpoint}.")
            : Judgement.Warn("grant_types_supported offers the device_code grant, but there is no device_authorization_endpoint to use it with.");
        return Outcome(j, m.Metadata);
    });

    [Theory, Check("MD-011"), NamedCases]
    public Task Prompt_values(string @case) => Run("MD-011", @case, Subject, m =>
    {
        var values = m.Document!["prompt_values_supported"] is JsonArray ? Values(m.Document["prompt_values_supported"]) : null;
        var j = values is null ? Judgement.Info("no prompt_values_supported")
            : values.Contains("create") ? Judgement.Info("create offered", $"prompt_values_supported: {string.Join(", ", values)}.")
            : Judgement.Info("no create", $"prompt_values_supported: {string.Join(", ", values)}; only create has a meaning in Matrix.");
        return Outcome(j, m.Metadata);
    });

    [Theory, Check("MD-012"), NamedCases]
    public Task Options_and_cors(string @case) => Run("MD-012", @case, @case == "options" ? "OPTIONS /_matrix/client/v1/auth_metadata" : Subject, m =>
    {
        if (@case == "options")
        {
            var r = m.Options;
            var j = !r.Arrived ? Judgement.Error($"No response: {r.NetworkError}.")
                : r.IsSuccess ? Judgement.Pass($"The pre-flight answered {r.Summary()}.")
                : Judgement.Fail($"The pre-flight answered {r.Summary()}: OPTIONS must be answered without running the endpoint.");
            return Outcome(j, r);
        }
        var origin = m.Metadata.Headers.GetValueOrDefault("Access-Control-Allow-Origin");
        return Outcome(origin is not null ? Judgement.Pass($"Access-Control-Allow-Origin: {origin}.")
            : Judgement.Warn("The metadata has no Access-Control-Allow-Origin header, so web clients cannot read it."), m.Metadata);
    });

    [Theory, Check("MD-013"), NamedCases]
    public Task Caching_headers(string @case) => Run("MD-013", @case, Subject, m =>
    {
        var h = m.Metadata.Headers;
        var parts = new[] { "Cache-Control", "Expires" }.Where(h.ContainsKey).Select(k => $"{k}: {h[k]}").ToList();
        return Outcome(Judgement.Info(parts.Count == 0 ? "no caching headers" : string.Join("; ", parts)), m.Metadata);
    });

    [Theory, Check("MD-014"), NamedCases]
    public Task Legacy_and_unstable_discovery(string @case) => Run("MD-014", @case, @case switch
    {
        "unstable-metadata" => "GET /_matrix/client/unstable/org.matrix.msc2965/auth_metadata",
        "auth-issuer" => "GET /_matrix/client/v1/auth_issuer",
        _ => "GET /.well-known/matrix/client",
    }, m =>
    {
        var r = @case switch { "unstable-metadata" => m.UnstableMetadata, "auth-issuer" => m.AuthIssuer, _ => m.WellKnown };
        if (!r.Arrived) return Outcome(Judgement.Error($"No response: {r.NetworkError}."), r);
        if (@case == "well-known")
        {
            var key = new[] { "m.authentication", "org.matrix.msc2965.authentication" }.FirstOrDefault(k => r.Object?.ContainsKey(k) == true);
            return Outcome(Judgement.Info(key is null ? "absent" : $"offered ({key})", key is null ? $"No authentication key in the well-known document ({r.Summary()})." : $"The well-known document has {key}."), r);
        }
        return Outcome(r.Status == 200 && r.Object is not null ? Judgement.Info("offered", $"Answered {r.Summary()}.") : Judgement.Info("absent", $"Answered {r.Summary()}."), r);
    }, needsOAuth: false);

    private Task Contains(string checkId, string @case, string member, params string[] needed) => Run(checkId, @case, Subject, m =>
    {
        var values = Values(m.Document![member]);
        var missing = needed.Where(n => !values.Contains(n)).ToList();
        return Outcome(missing.Count == 0 ? Judgement.Pass($"{member} has {string.Join(" and ", needed)}.")
            : Judgement.Fail($"{member} ({string.Join(", ", values)}) lacks {string.Join(" and ", missing)}."), m.Metadata);
    });

    private Task Run(string checkId, string @case, string subject, Func<MetadataScenario, CaseOutcome> judge, bool needsOAuth = true) =>
        suite.Context.RunAsync(checkId, @case, subject, async () =>
        {
            var m = await suite.Metadata;
            var outcome = needsOAuth && m.NoOAuth is { } skip ? new CaseOutcome(@case, subject, skip) : judge(m);
            return outcome with { Case = @case, Subject = subject };
        });

    private static CaseOutcome Outcome(Judgement j, params MatrixResponse[] evidence) => CaseOutcome.From(null, "", j, evidence);

    public static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static List<string> Values(JsonNode? n) => n is JsonArray a ? a.Select(Str).OfType<string>().ToList() : [];
}
