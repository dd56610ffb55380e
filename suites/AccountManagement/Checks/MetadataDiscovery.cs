using Conformance.Harness.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>Reaching the OAuth 2.0 server metadata: without a token, the 404 of an API that is not
/// offered, from a web page (OPTIONS and CORS), its caching, and the discovery forms that came before it.</summary>
public sealed class MetadataDiscovery(AccountManagementSuite suite)
{
    public const string Subject = "GET /_matrix/client/v1/auth_metadata";

    [Theory, Check("MD-001"), NamedCases]
    public Task MD001(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, MD001_NoTokenNeeded);

    [Theory, Check("MD-002"), NamedCases]
    public Task MD002(OfferedApi @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, o => MD002_UnofferedApiIsUnrecognized(o, @case));

    [Theory, Check("MD-012"), NamedCases]
    public Task MD012(MetadataAccess @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, o => MD012_OptionsAndCors(o, @case));

    [Theory, Check("MD-013"), NamedCases]
    public Task MD013(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, MD013_CachingHeaders);

    [Theory, Check("MD-014"), NamedCases]
    public Task MD014(LegacyDiscovery @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, o => MD014_LegacyDiscovery(o, @case));

    /// <summary>Judged where the metadata exists: a server without the OAuth 2.0 API has nothing to serve
    /// without a token, so its 404 passes nothing.</summary>
    public static Outcome MD001_NoTokenNeeded(MetadataObservations o)
    {
        var r = o.Metadata;
        if (Expect.Arrived(r) is { } lost) return Outcome.Of(Subject, lost, r);
        if (o.MetadataWithToken is { } withToken && o.Document.Seen)
            return Outcome.Of(Subject, Judgement.Breach($"Without a token the metadata answered {r.Summary()}; with one it was served: it must not require authentication."), r, withToken);
        if (!o.Document.TryGet(out _, out var why)) return Outcome.Of(Subject, why, r, o.MetadataWithToken);
        return Outcome.Of(Subject, Judgement.Pass($"Served without a token ({r.Summary()})."), r);
    }

    public static Outcome MD002_UnofferedApiIsUnrecognized(MetadataObservations o, OfferedApi api)
    {
        var (subject, r) = api == OfferedApi.Login ? ("GET /_matrix/client/v3/login", o.Login) : (Subject, o.Metadata);
        if (Expect.Arrived(r) is { } lost) return Outcome.Of(subject, lost, r);
        // A metadata endpoint that wants a token does offer the API (wrongly: the token check's breach).
        if (api == OfferedApi.AuthMetadata && o.Document.Seen) return Outcome.Of(subject, Judgement.Pass("The API is offered."), o.DocumentResponse);
        if (api == OfferedApi.AuthMetadata && o.Document.Missing is { Verdict: not Verdict.Skip } unknown) return Outcome.Of(subject, unknown, r);
        var j = r.Status == 200 ? Judgement.Pass("200: the API is offered.")
            : Expect.Status(r, 404, "M_UNRECOGNIZED") ? Judgement.Pass("404 M_UNRECOGNIZED: the API is not offered, said the way the spec asks.")
            : Judgement.Breach($"Answered {r.Summary()}: an API that is not offered should answer 404 M_UNRECOGNIZED.");
        return Outcome.Of(subject, j, r);
    }

    /// <summary>Judged where the OAuth 2.0 API is offered. The pre-flight is the requirement's MUST; a
    /// missing CORS header breaks its "should", so it warns whatever the check's level.</summary>
    public static Outcome MD012_OptionsAndCors(MetadataObservations o, MetadataAccess access)
    {
        var subject = access == MetadataAccess.Options ? "OPTIONS /_matrix/client/v1/auth_metadata" : Subject;
        if (!o.Document.TryGet(out _, out var why)) return new Outcome(subject, why);
        if (access == MetadataAccess.Options)
        {
            var r = o.Options;
            if (Expect.Arrived(r) is { } lost) return Outcome.Of(subject, lost, r);
            return Outcome.Of(subject, r.IsSuccess ? Judgement.Pass($"The pre-flight answered {r.Summary()}.")
                : Judgement.Breach($"The pre-flight answered {r.Summary()}: OPTIONS must be answered without running the endpoint."), r);
        }
        var origin = o.DocumentResponse.Headers.GetValueOrDefault("Access-Control-Allow-Origin");
        return Outcome.Of(subject, origin is not null ? Judgement.Pass($"Access-Control-Allow-Origin: {origin}.")
            : Judgement.Warn("The metadata has no Access-Control-Allow-Origin header, so web clients cannot read it."), o.DocumentResponse);
    }

    public static Outcome MD013_CachingHeaders(MetadataObservations o)
    {
        if (!o.Document.TryGet(out _, out var why)) return new Outcome(Subject, why);
        var h = o.DocumentResponse.Headers;
        var parts = new[] { "Cache-Control", "Expires" }.Where(h.ContainsKey).Select(k => $"{k}: {h[k]}").ToList();
        return Outcome.Of(Subject, Judgement.Info(parts.Count == 0 ? "no caching headers" : string.Join("; ", parts)), o.DocumentResponse);
    }

    public static Outcome MD014_LegacyDiscovery(MetadataObservations o, LegacyDiscovery form)
    {
        var (subject, r) = form switch
        {
            LegacyDiscovery.UnstableMetadata => ("GET /_matrix/client/unstable/org.matrix.msc2965/auth_metadata", o.UnstableMetadata),
            LegacyDiscovery.AuthIssuer => ("GET /_matrix/client/v1/auth_issuer", o.AuthIssuer),
            _ => ("GET /.well-known/matrix/client", o.WellKnown),
        };
        if (Expect.Arrived(r) is { } lost) return Outcome.Of(subject, lost, r);
        if (form == LegacyDiscovery.WellKnown)
        {
            var key = new[] { "m.authentication", "org.matrix.msc2965.authentication" }.FirstOrDefault(k => r.Object?.ContainsKey(k) == true);
            return Outcome.Of(subject, key is null
                ? Judgement.Info("absent", $"No authentication key in the well-known document ({r.Summary()}).")
                : Judgement.Info($"offered ({key})", $"The well-known document has {key}."), r);
        }
        return Outcome.Of(subject, r.Status == 200 && r.Object is not null ? Judgement.Info("offered", $"Answered {r.Summary()}.") : Judgement.Info("absent", $"Answered {r.Summary()}."), r);
    }
}
