using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Tests.Support;
using Xunit;
using static Conformance.Tests.Judges.AccountManagementSamples;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The judges of reaching the OAuth 2.0 metadata (the metadata-discovery family) over hand-made observations.</summary>
public sealed class MetadataDiscoveryTests
{
    [Fact]
    public void A_conformant_server_passes_and_the_records_say_what_was_found()
    {
        var o = Metadata();
        Assert.Equal(Verdict.Pass, MetadataDiscovery.MD001_NoTokenNeeded(o).Verdict);
        foreach (var api in Enum.GetValues<OfferedApi>()) Assert.Equal(Verdict.Pass, MetadataDiscovery.MD002_UnofferedApiIsUnrecognized(o, api).Verdict);
        foreach (var access in Enum.GetValues<MetadataAccess>()) Assert.Equal(Verdict.Pass, MetadataDiscovery.MD012_OptionsAndCors(o, access).Verdict);
        Assert.Equal("no caching headers", MetadataDiscovery.MD013_CachingHeaders(o).Judgement.Finding);
        Assert.Equal("absent", MetadataDiscovery.MD014_LegacyDiscovery(o, LegacyDiscovery.UnstableMetadata).Judgement.Finding);
        Assert.Equal("absent", MetadataDiscovery.MD014_LegacyDiscovery(o, LegacyDiscovery.AuthIssuer).Judgement.Finding);
        Assert.Equal("absent", MetadataDiscovery.MD014_LegacyDiscovery(o, LegacyDiscovery.WellKnown).Judgement.Finding);
    }

    [Theory]
    [InlineData(401, "M_MISSING_TOKEN")]
    [InlineData(403, "M_UNKNOWN_TOKEN")]
    public void Metadata_that_wants_a_token_fails_MD001(int status, string errcode)
    {
        var o = BehindAToken(status, errcode);
        var outcome = MetadataDiscovery.MD001_NoTokenNeeded(o);
        Assert.Equal(Verdict.Fail, outcome.Reported("MD-001"));
        Assert.Contains("must not require authentication", outcome.Reason);
        Assert.Equal(2, outcome.Exchanges.Count);
        // The API is offered (wrongly): no spurious "not offered" warning, and the contents are judged.
        Assert.Equal(Verdict.Pass, MetadataDiscovery.MD002_UnofferedApiIsUnrecognized(o, OfferedApi.AuthMetadata).Verdict);
        Assert.Equal(Verdict.Pass, MetadataContents.MD004_RequiredMembers(o).Verdict);
        Assert.Equal(Verdict.Pass, MetadataDiscovery.MD012_OptionsAndCors(o, MetadataAccess.Cors).Verdict);
    }

    [Fact]
    public void Without_the_OAuth_api_MD001_skips_and_MD002_passes_the_404_unrecognized()
    {
        var o = WithoutOAuth();
        // Nothing is served without a token because nothing is served: no pass rests on that 404.
        var md001 = MetadataDiscovery.MD001_NoTokenNeeded(o);
        Assert.Equal(Verdict.Skip, md001.Verdict);
        Assert.Equal(NoOAuthDetection, md001.Judgement.Detection);
        var outcome = MetadataDiscovery.MD002_UnofferedApiIsUnrecognized(o, OfferedApi.AuthMetadata);
        Assert.Equal(Verdict.Pass, outcome.Verdict);
        Assert.Contains("404 M_UNRECOGNIZED", outcome.Reason);
    }

    [Fact]
    public void An_unoffered_api_with_another_error_warns_on_MD002()
    {
        var o = WithoutOAuth() with { Metadata = Error(404, "M_NOT_FOUND"), Login = Error(400, "M_UNKNOWN", path: "/_matrix/client/v3/login") };
        Assert.Equal(Verdict.Warn, MetadataDiscovery.MD002_UnofferedApiIsUnrecognized(o, OfferedApi.AuthMetadata).Reported("MD-002"));
        var login = MetadataDiscovery.MD002_UnofferedApiIsUnrecognized(o, OfferedApi.Login);
        Assert.Equal(Verdict.Warn, login.Reported("MD-002"));
        Assert.Equal("GET /_matrix/client/v3/login", login.Subject);
    }

    [Fact]
    public void A_refused_preflight_fails_MD012_and_a_missing_cors_header_only_warns()
    {
        var refused = Metadata() with { Options = Error(401, "M_MISSING_TOKEN", "OPTIONS", "/_matrix/client/v1/auth_metadata") };
        var options = MetadataDiscovery.MD012_OptionsAndCors(refused, MetadataAccess.Options);
        Assert.Equal(Verdict.Fail, options.Reported("MD-012"));
        Assert.Equal("OPTIONS /_matrix/client/v1/auth_metadata", options.Subject);

        var noCors = Metadata() with { Metadata = MetadataAnswer(Document()).WithHeaders(("Content-Type", "application/json")) };
        var cors = MetadataDiscovery.MD012_OptionsAndCors(noCors, MetadataAccess.Cors);
        Assert.False(cors.Judgement.IsBreach);
        Assert.Equal(Verdict.Warn, cors.Reported("MD-012"));
    }

    [Fact]
    public void MD013_records_the_caching_headers()
    {
        var cached = Metadata() with { Metadata = MetadataAnswer(Document()).WithHeaders(("Cache-Control", "max-age=3600"), ("Expires", "Thu, 01 Jan 2037 00:00:00 GMT")) };
        var outcome = MetadataDiscovery.MD013_CachingHeaders(cached);
        Assert.Equal(Verdict.Info, outcome.Verdict);
        Assert.Equal("Cache-Control: max-age=3600; Expires: Thu, 01 Jan 2037 00:00:00 GMT", outcome.Judgement.Finding);
    }

    [Fact]
    public void MD014_records_which_legacy_forms_are_offered()
    {
        var o = Metadata() with
        {
            UnstableMetadata = Json(200, """{"issuer":"https://auth.example.org/"}"""),
            AuthIssuer = Json(200, """{"issuer":"https://auth.example.org/"}"""),
            WellKnown = Json(200, """{"org.matrix.msc2965.authentication":{"issuer":"https://auth.example.org/"}}"""),
        };
        Assert.Equal("offered", MetadataDiscovery.MD014_LegacyDiscovery(o, LegacyDiscovery.UnstableMetadata).Judgement.Finding);
        Assert.Equal("offered", MetadataDiscovery.MD014_LegacyDiscovery(o, LegacyDiscovery.AuthIssuer).Judgement.Finding);
        var wellKnown = MetadataDiscovery.MD014_LegacyDiscovery(o, LegacyDiscovery.WellKnown);
        Assert.Equal("offered (org.matrix.msc2965.authentication)", wellKnown.Judgement.Finding);
        Assert.Equal("GET /.well-known/matrix/client", wellKnown.Subject);
    }

    [Fact]
    public void Without_the_OAuth_api_the_preflight_and_caching_records_skip_with_the_detection()
    {
        var o = WithoutOAuth();
        foreach (var outcome in new[] { MetadataDiscovery.MD012_OptionsAndCors(o, MetadataAccess.Options), MetadataDiscovery.MD012_OptionsAndCors(o, MetadataAccess.Cors), MetadataDiscovery.MD013_CachingHeaders(o) })
        {
            Assert.Equal(Verdict.Skip, outcome.Verdict);
            Assert.Equal(NoOAuthDetection, outcome.Judgement.Detection);
        }
        Assert.Equal(Verdict.Info, MetadataDiscovery.MD014_LegacyDiscovery(o, LegacyDiscovery.WellKnown).Verdict);
    }

    [Fact]
    public void An_answer_that_never_came_is_an_error_not_a_verdict()
    {
        var lost = NoAnswer("GET", "/_matrix/client/v1/auth_metadata");
        Assert.Equal(Verdict.Error, MetadataDiscovery.MD001_NoTokenNeeded(Metadata() with { Metadata = lost }).Verdict);
        Assert.Equal(Verdict.Error, MetadataDiscovery.MD002_UnofferedApiIsUnrecognized(Metadata() with { Login = NoAnswer() }, OfferedApi.Login).Verdict);
        Assert.Equal(Verdict.Error, MetadataDiscovery.MD012_OptionsAndCors(Metadata() with { Options = NoAnswer("OPTIONS") }, MetadataAccess.Options).Verdict);
        Assert.Equal(Verdict.Error, MetadataDiscovery.MD014_LegacyDiscovery(Metadata() with { AuthIssuer = NoAnswer() }, LegacyDiscovery.AuthIssuer).Verdict);
    }

    [Fact]
    public void Metadata_that_never_answered_is_an_error_for_every_metadata_check()
    {
        var o = Metadata() with
        {
            Metadata = NoAnswer(path: "/_matrix/client/v1/auth_metadata"),
            Document = Observed.NotSeen<JsonObject>(Judgement.Error("no answer")),
        };
        Assert.Equal(Verdict.Error, MetadataDiscovery.MD001_NoTokenNeeded(o).Verdict);
        Assert.Equal(Verdict.Error, MetadataDiscovery.MD002_UnofferedApiIsUnrecognized(o, OfferedApi.AuthMetadata).Verdict);
        Assert.Equal(Verdict.Error, MetadataContents.MD004_RequiredMembers(o).Verdict);
    }

    [Fact]
    public void A_5xx_metadata_answer_is_not_read_as_not_offered()
    {
        var o = Metadata() with
        {
            Metadata = Error(502, "M_UNKNOWN", path: "/_matrix/client/v1/auth_metadata"),
            Document = Observed.NotSeen<JsonObject>(Judgement.Error("server error")),
        };
        Assert.Equal(Verdict.Error, MetadataDiscovery.MD002_UnofferedApiIsUnrecognized(o, OfferedApi.AuthMetadata).Verdict);
    }
}
