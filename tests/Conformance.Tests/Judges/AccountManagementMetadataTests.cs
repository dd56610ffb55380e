using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Xunit;
using static Conformance.Tests.Judges.AccountManagementSamples;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The judges of the metadata's account management fields (the account-management-metadata
/// family) over hand-made observations.</summary>
public sealed class AccountManagementMetadataTests
{
    private const string UriField = AccountManagementUrl.UriField;
    private const string ActionsField = AccountManagementUrl.ActionsField;

    private static readonly Func<MetadataObservations, Outcome>[] Judges =
    [
        AccountManagementMetadata.AM001_UriIsAbsolute, AccountManagementMetadata.AM002_ActionsAreStrings,
        AccountManagementMetadata.AM003_ActionNamesFollowTheGrammar, AccountManagementMetadata.AM004_ActionsAreTheSpecs,
        AccountManagementMetadata.AM005_ActionsComeWithTheUri, AccountManagementMetadata.AM006_OAuthAwareServerAdvertisesTheUri,
        AccountManagementMetadata.AM014_UnstableFields,
    ];

    [Fact]
    public void A_conformant_document_passes_every_check()
    {
        var o = Metadata();
        foreach (var judge in Judges) Assert.Equal(Verdict.Pass, judge(o).Verdict);
        Assert.Contains("loopback", AccountManagementMetadata.AM001_UriIsAbsolute(o).Reason);
        Assert.Equal("spec actions: " + string.Join(", ", ActionNames.Spec), AccountManagementMetadata.AM004_ActionsAreTheSpecs(o).Judgement.Finding);
        Assert.Equal("no unstable fields", AccountManagementMetadata.AM014_UnstableFields(o).Judgement.Finding);
    }

    [Fact]
    public void Without_the_OAuth_api_every_check_skips_with_the_detection_and_the_metadata_as_evidence()
    {
        foreach (var judge in Judges)
        {
            var outcome = judge(WithoutOAuth());
            Assert.Equal(Verdict.Skip, outcome.Verdict);
            Assert.Equal(NoOAuthDetection, outcome.Judgement.Detection);
            Assert.Equal(404, outcome.Observed?.Status);
        }
    }

    [Fact]
    public void Optional_fields_that_are_absent_skip_AM001_to_AM004()
    {
        var doc = Document(ActionsField, null);
        doc.Remove(UriField);
        var o = Metadata(doc);
        foreach (var judge in Judges.Take(4))
        {
            var j = judge(o).Judgement;
            Assert.Equal(Verdict.Skip, j.Verdict);
            Assert.StartsWith("the metadata has no", j.Detection);
        }
        Assert.Equal(Verdict.Pass, AccountManagementMetadata.AM005_ActionsComeWithTheUri(o).Verdict);
    }

    [Theory]
    [InlineData("/account/", "not an absolute http(s) URI")]
    [InlineData("ftp://files.example.org/", "not an absolute http(s) URI")]
    public void A_uri_that_is_not_absolute_http_fails_AM001(string uri, string why)
    {
        var outcome = AccountManagementMetadata.AM001_UriIsAbsolute(Metadata(Document(UriField, uri)));
        Assert.Equal(Verdict.Fail, outcome.Reported("AM-001"));
        Assert.Contains(why, outcome.Reason);
        Assert.Equal(Verdict.Fail, AccountManagementMetadata.AM001_UriIsAbsolute(Metadata(Document(UriField, 42))).Reported("AM-001"));
    }

    [Fact]
    public void Plain_http_off_the_loopback_host_only_warns_on_AM001_and_https_passes()
    {
        var http = AccountManagementMetadata.AM001_UriIsAbsolute(Metadata(Document(UriField, "http://account.example.org/")));
        Assert.False(http.Judgement.IsBreach);
        Assert.Equal(Verdict.Warn, http.Reported("AM-001"));
        Assert.Equal(Verdict.Pass, AccountManagementMetadata.AM001_UriIsAbsolute(Metadata(Document(UriField, "https://account.example.org/"))).Verdict);
    }

    [Fact]
    public void Actions_that_are_not_an_array_of_strings_fail_AM002_and_leave_the_name_checks_nothing_to_read()
    {
        var o = Metadata(Document(ActionsField, "org.matrix.profile"));
        Assert.Equal(Verdict.Fail, AccountManagementMetadata.AM002_ActionsAreStrings(o).Reported("AM-002"));
        var grammar = AccountManagementMetadata.AM003_ActionNamesFollowTheGrammar(o).Judgement;
        Assert.Equal(Verdict.Skip, grammar.Verdict);
        Assert.Equal($"{ActionsField} is \"org.matrix.profile\"", grammar.Detection);
        Assert.Equal(Verdict.Skip, AccountManagementMetadata.AM004_ActionsAreTheSpecs(o).Verdict);
    }

    [Fact]
    public void A_name_outside_the_grammar_warns_on_AM003()
    {
        var outcome = AccountManagementMetadata.AM003_ActionNamesFollowTheGrammar(Metadata(Document(ActionsField, new JsonArray("org.matrix.profile", "Org.Example.Settings"))));
        Assert.Equal(Verdict.Warn, outcome.Reported("AM-003"));
        Assert.Equal("Not in the grammar: 'Org.Example.Settings'.", outcome.Reason);
    }

    [Fact]
    public void Unstable_aliases_warn_on_AM004_and_application_actions_are_only_recorded()
    {
        var aliases = AccountManagementMetadata.AM004_ActionsAreTheSpecs(Metadata(Document(ActionsField, new JsonArray("org.matrix.profile", "session_end", "org.example.billing"))));
        Assert.Equal(Verdict.Warn, aliases.Reported("AM-004"));
        Assert.Contains("session_end (now org.matrix.device_delete, not advertised)", aliases.Reason);
        Assert.Equal("spec actions: org.matrix.profile; application actions: org.example.billing", aliases.Judgement.Finding);
        var own = AccountManagementMetadata.AM004_ActionsAreTheSpecs(Metadata(Document(ActionsField, new JsonArray("org.example.billing"))));
        Assert.Equal(Verdict.Pass, own.Verdict);
        Assert.Equal("spec actions: none; application actions: org.example.billing", own.Judgement.Finding);
    }

    [Fact]
    public void Actions_without_the_uri_warn_on_AM005()
    {
        Assert.Equal(Verdict.Warn, AccountManagementMetadata.AM005_ActionsComeWithTheUri(Metadata(Document(UriField, null))).Reported("AM-005"));
    }

    [Fact]
    public void AM006_holds_only_an_OAuth_aware_server_to_advertising_the_uri()
    {
        var unaware = Metadata(Document(UriField, null)) with { Login = Json(200, """{"flows":[{"type":"m.login.sso"}]}""") };
        var skip = AccountManagementMetadata.AM006_OAuthAwareServerAdvertisesTheUri(unaware).Judgement;
        Assert.Equal(Verdict.Skip, skip.Verdict);
        Assert.Contains("oauth_aware_preferred", skip.Detection);
        Assert.Equal(Verdict.Warn, AccountManagementMetadata.AM006_OAuthAwareServerAdvertisesTheUri(Metadata(Document(UriField, null))).Reported("AM-006"));
        Assert.Equal(Verdict.Error, AccountManagementMetadata.AM006_OAuthAwareServerAdvertisesTheUri(Metadata() with { Login = NoAnswer("GET", "/_matrix/client/v3/login") }).Verdict);
        // A server error on GET /login does not say the server is not OAuth-aware: no skip.
        var failed = AccountManagementMetadata.AM006_OAuthAwareServerAdvertisesTheUri(Metadata() with { Login = Error(500, "M_UNKNOWN", "GET", "/_matrix/client/v3/login") });
        Assert.Equal(Verdict.Error, failed.Verdict);
        Assert.Equal("GET /_matrix/client/v3/login answered 500 M_UNKNOWN, a server error, so what the server offers is not known.", failed.Reason);
    }

    [Fact]
    public void AM014_warns_when_the_unstable_fields_stand_alone_or_differ()
    {
        var mirrored = Document();
        mirrored["org.matrix.msc4191." + UriField] = AccountUri;
        mirrored["org.matrix.msc4191." + ActionsField] = mirrored[ActionsField]!.DeepClone();
        Assert.Equal("unstable fields mirror the stable ones", AccountManagementMetadata.AM014_UnstableFields(Metadata(mirrored)).Judgement.Finding);

        var differ = Document();
        differ["org.matrix.msc4191." + UriField] = "http://127.0.0.1:8008/old-account/";
        var outcome = AccountManagementMetadata.AM014_UnstableFields(Metadata(differ));
        Assert.Equal(Verdict.Warn, outcome.Reported("AM-014"));
        Assert.Equal("unstable fields differ", outcome.Judgement.Finding);

        var alone = Document(UriField, null);
        alone.Remove(ActionsField);
        alone["org.matrix.msc4191." + UriField] = AccountUri;
        var only = AccountManagementMetadata.AM014_UnstableFields(Metadata(alone));
        Assert.Equal(Verdict.Warn, only.Reported("AM-014"));
        Assert.Equal("only unstable fields", only.Judgement.Finding);
    }
}
