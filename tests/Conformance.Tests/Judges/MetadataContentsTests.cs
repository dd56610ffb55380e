using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Xunit;
using static Conformance.Tests.Judges.AccountManagementSamples;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The judges of what the OAuth 2.0 metadata says (the metadata-contents family) over hand-made observations.</summary>
public sealed class MetadataContentsTests
{
    private static readonly Func<MetadataObservations, Outcome>[] MustJudges =
    [
        MetadataContents.MD003_ServedAsJson, MetadataContents.MD004_RequiredMembers, MetadataContents.MD005_IssuerIsHttps,
        MetadataContents.MD006_ResponseTypesHaveCode, MetadataContents.MD007_GrantTypesHaveCodeAndRefresh,
        MetadataContents.MD008_ResponseModesHaveQueryAndFragment, MetadataContents.MD009_ChallengeMethodsHaveS256,
    ];

    [Fact]
    public void A_conformant_document_passes_every_check()
    {
        var o = Metadata();
        foreach (var judge in MustJudges) Assert.Equal(Verdict.Pass, judge(o).Verdict);
        Assert.Equal(Verdict.Pass, MetadataContents.MD010_DeviceGrantHasEndpoint(o).Verdict);
        Assert.Equal("no prompt_values_supported", MetadataContents.MD011_PromptValues(o).Judgement.Finding);
        Assert.Single(MetadataContents.MD004_RequiredMembers(o).Exchanges);
    }

    [Fact]
    public void Without_the_OAuth_api_every_check_skips_with_the_detection()
    {
        var o = WithoutOAuth();
        foreach (var judge in MustJudges.Append(MetadataContents.MD010_DeviceGrantHasEndpoint).Append(MetadataContents.MD011_PromptValues))
        {
            var j = judge(o).Judgement;
            Assert.Equal(Verdict.Skip, j.Verdict);
            Assert.Equal(NoOAuthDetection, j.Detection);
        }
    }

    [Fact]
    public void A_document_served_as_text_fails_MD003()
    {
        var o = Metadata() with { Metadata = Text(200, Document().ToJsonString(), "text/plain", path: "/_matrix/client/v1/auth_metadata") };
        var outcome = MetadataContents.MD003_ServedAsJson(o);
        Assert.Equal(Verdict.Fail, outcome.Reported("MD-003"));
        Assert.Contains("text/plain", outcome.Reason);
    }

    [Fact]
    public void A_missing_or_mistyped_member_fails_MD004()
    {
        var missing = MetadataContents.MD004_RequiredMembers(Metadata(Document("revocation_endpoint", null)));
        Assert.Equal(Verdict.Fail, missing.Reported("MD-004"));
        Assert.Equal("revocation_endpoint is missing.", missing.Reason);
        var relative = MetadataContents.MD004_RequiredMembers(Metadata(Document("token_endpoint", "token")));
        Assert.Contains("token_endpoint is not an absolute http(s) URL", relative.Reason);
        // On Unix .NET reads "/token" as an absolute file URI; an endpoint must be a web address.
        var rooted = MetadataContents.MD004_RequiredMembers(Metadata(Document("token_endpoint", "/token")));
        Assert.Equal(Verdict.Fail, rooted.Reported("MD-004"));
        var mixed = MetadataContents.MD004_RequiredMembers(Metadata(Document("grant_types_supported", new JsonArray("authorization_code", 7))));
        Assert.Contains("grant_types_supported is not an array of strings", mixed.Reason);
    }

    [Theory]
    [InlineData("http://auth.example.org/", "uses http")]
    [InlineData("https://auth.example.org/?tenant=a", "has a query or fragment")]
    [InlineData("auth.example.org", "is not an absolute URL")]
    [InlineData("/issuer", "is not an absolute URL")]
    public void An_issuer_that_is_not_a_plain_https_url_fails_MD005(string issuer, string why)
    {
        var outcome = MetadataContents.MD005_IssuerIsHttps(Metadata(Document("issuer", issuer)));
        Assert.Equal(Verdict.Fail, outcome.Reported("MD-005"));
        Assert.Contains(why, outcome.Reason);
    }

    [Fact]
    public void Missing_values_fail_MD006_to_MD009()
    {
        Assert.Equal(Verdict.Fail, MetadataContents.MD006_ResponseTypesHaveCode(Metadata(Document("response_types_supported", new JsonArray("token")))).Reported("MD-006"));
        var grants = MetadataContents.MD007_GrantTypesHaveCodeAndRefresh(Metadata(Document("grant_types_supported", new JsonArray("authorization_code"))));
        Assert.Equal(Verdict.Fail, grants.Reported("MD-007"));
        Assert.Equal("grant_types_supported (authorization_code) lacks refresh_token.", grants.Reason);
        Assert.Equal(Verdict.Fail, MetadataContents.MD008_ResponseModesHaveQueryAndFragment(Metadata(Document("response_modes_supported", new JsonArray("query")))).Reported("MD-008"));
        Assert.Equal(Verdict.Fail, MetadataContents.MD009_ChallengeMethodsHaveS256(Metadata(Document("code_challenge_methods_supported", null))).Reported("MD-009"));
    }

    [Fact]
    public void A_device_grant_needs_its_endpoint_or_MD010_warns()
    {
        var grants = new JsonArray("authorization_code", "refresh_token", MetadataContents.DeviceCodeGrant);
        var without = MetadataContents.MD010_DeviceGrantHasEndpoint(Metadata(Document("grant_types_supported", grants)));
        Assert.True(without.Judgement.IsBreach);
        Assert.Equal(Verdict.Warn, without.Reported("MD-010"));
        var doc = Document("grant_types_supported", grants.DeepClone());
        doc["device_authorization_endpoint"] = "https://auth.example.org/device";
        Assert.Equal(Verdict.Pass, MetadataContents.MD010_DeviceGrantHasEndpoint(Metadata(doc)).Verdict);
    }

    [Fact]
    public void MD011_records_whether_create_is_offered()
    {
        var create = MetadataContents.MD011_PromptValues(Metadata(Document("prompt_values_supported", new JsonArray("create"))));
        Assert.Equal(Verdict.Info, create.Verdict);
        Assert.Equal("create offered", create.Judgement.Finding);
        Assert.Equal("no create", MetadataContents.MD011_PromptValues(Metadata(Document("prompt_values_supported", new JsonArray("login")))).Judgement.Finding);
    }

    [Fact]
    public void A_200_that_is_not_a_json_object_fails_MD003_and_leaves_the_rest_inconclusive()
    {
        var o = Metadata() with
        {
            Metadata = Text(200, "<html>welcome</html>", path: "/_matrix/client/v1/auth_metadata"),
            Document = Observed.NotSeen<JsonObject>(Judgement.Inconclusive("not a JSON object")),
        };
        Assert.Equal(Verdict.Fail, MetadataContents.MD003_ServedAsJson(o).Reported("MD-003"));
        Assert.Equal(Verdict.Inconclusive, MetadataContents.MD004_RequiredMembers(o).Verdict);
    }
}
